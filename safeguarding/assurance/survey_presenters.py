"""A survey question's answers as a horizontal bar chart (SVG geometry): one bar per
answer, its length the percentage of those who answered. The page puts the same counts and
percentages in a table beside it."""

from __future__ import annotations

from safeguarding.assurance.presenters import BAR_HEIGHT, CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT, Bar
from safeguarding.assurance.selectors.surveys import QuestionResult


def survey_option_bars(result: QuestionResult) -> dict:
    span = CHART_WIDTH - LABEL_WIDTH - 10
    bars = []
    for index, option in enumerate(result.options):
        y = index * ROW_HEIGHT + 4
        width = round(span * option.percent / 100, 2)
        bars.append(
            Bar(
                label=option.label[:48] + ("…" if len(option.label) > 48 else ""),
                y=y,
                text_y=y + 16,
                segments=[("app-chart__option", LABEL_WIDTH + 10, width, option.percent)],
                summary=f"{option.label}: {option.count} ({option.percent}%)",
            )
        )
    return {
        "bars": bars,
        "height": len(result.options) * ROW_HEIGHT + 8,
        "track_x": LABEL_WIDTH + 10,
        "track_width": span,
        "bar_height": BAR_HEIGHT,
    }
