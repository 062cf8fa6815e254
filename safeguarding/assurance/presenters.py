"""Turning results into what the pages draw: stacked bar charts as SVG geometry, and the
rows written to CSV and Excel exports. The same numbers feed the chart and its table."""

from __future__ import annotations

from dataclasses import dataclass

from safeguarding.assurance.selectors.results import Results, Tally

CHART_WIDTH = 1000  # SVG viewBox units
LABEL_WIDTH = 380  # units for the row labels
BAR_HEIGHT = 22
ROW_HEIGHT = 32


@dataclass
class Bar:
    label: str
    y: int
    text_y: int
    segments: list[tuple[str, float, float, float | None]]  # (class, x, width, value %)
    summary: str


def stacked_bars(rows: list[tuple[str, Tally]]) -> dict:
    """Geometry for a horizontal stacked bar chart of % fully, partly and not met."""
    bars = []
    span = CHART_WIDTH - LABEL_WIDTH - 10
    for index, (label, tally) in enumerate(rows):
        x = LABEL_WIDTH + 10
        segments = []
        for css, pct in (
            ("app-chart__met", tally.pct_met),
            ("app-chart__partly", tally.pct_partly),
            ("app-chart__not-met", tally.pct_not_met),
        ):
            width = round(span * (pct or 0) / 100, 2)
            segments.append((css, round(x, 2), width, pct))
            x += width
        y = index * ROW_HEIGHT + 4
        bars.append(
            Bar(
                label=label[:48] + ("…" if len(label) > 48 else ""),
                y=y,
                text_y=y + 16,
                segments=segments,
                summary=f"{label}: {_pct(tally.pct_met)} fully met, {_pct(tally.pct_partly)} "
                f"partly met, {_pct(tally.pct_not_met)} not met",
            )
        )
    return {
        "bars": bars,
        "height": len(rows) * ROW_HEIGHT + 8,
        "label_width": LABEL_WIDTH,
        "track_x": LABEL_WIDTH + 10,
        "track_width": span,
        "bar_height": BAR_HEIGHT,
    }


def _pct(value: float | None) -> str:
    return "no ratings" if value is None else f"{value:g}%"


def _cell(value):
    return "" if value is None else value


def results_rows(results: Results) -> list[list]:
    """One table for export: a header row, then one row per standard and per group."""
    rows = [
        [
            "Group",
            "Reference",
            "Standard",
            "Fully met",
            "Partly met",
            "Not met",
            "Not applicable",
            "% fully met",
            "% partly met",
            "% not met",
            "% fully met last cycle",
            "Change (points)",
        ]
    ]
    for result in results.standards:
        t = result.tally
        rows.append(
            [
                "Standard",
                result.question.reference,
                result.question.text,
                t.met,
                t.partly,
                t.not_met,
                t.not_applicable,
                _cell(t.pct_met),
                _cell(t.pct_partly),
                _cell(t.pct_not_met),
                _cell(result.previous_pct_met),
                _cell(result.change),
            ]
        )
    for group, tallies in (
        ("Section", [t for _, t in results.sections]),
        ("Type of organisation", results.by_type),
        ("Locality", results.by_locality),
        ("School phase", results.by_phase),
    ):
        for t in tallies:
            rows.append(
                [
                    group,
                    "",
                    t.label,
                    t.met,
                    t.partly,
                    t.not_met,
                    t.not_applicable,
                    _cell(t.pct_met),
                    _cell(t.pct_partly),
                    _cell(t.pct_not_met),
                    "",
                    "",
                ]
            )
    return rows
