"""The content of a report, ready for the page, the PDF and the Word document: every section
with its figures (from the report's stored figures, never live data), its narrative rendered
from Markdown, its case study, and each chart's bars beside its table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.safestring import SafeString

from safeguarding.core import reporting
from safeguarding.core.markdown import render_markdown


@dataclass
class Bar:
    label: str
    value: float
    width: float  # percentage of the longest bar
    y: int


@dataclass
class SectionContent:
    key: str
    title: str
    number: int
    narrative: str
    narrative_html: SafeString
    case_study: str
    case_study_html: SafeString
    contributions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def figure_count(self) -> int:
        return sum(len(c["figures"]) + len(c["tables"]) for c in self.contributions)

    @property
    def is_empty(self) -> bool:
        return not self.contributions and not self.narrative and not self.case_study


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", "").replace("£", "").rstrip("%"))
    except ValueError:
        return None


def chart_bars(table: dict[str, Any]) -> list[Bar]:
    column = table.get("chart_column")
    if column is None:
        return []
    values = [(str(row[0]), _number(row[column])) for row in table["rows"]]
    numbers = [v for _, v in values if v is not None]
    largest = max(numbers) if numbers else 0
    return [
        Bar(label, value or 0.0, round(100 * (value or 0) / largest, 1) if largest else 0, 28 * i)
        for i, (label, value) in enumerate(values)
    ]


def cell_display(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 100 else f"{value:,.1f}"
    return str(value)


def _display(figure: dict[str, Any]) -> str:
    return reporting.Figure(figure["label"], figure["value"], figure.get("unit", "")).display


def report_content(*, report) -> list[SectionContent]:
    """The sections of a report in order, from its stored figures (no query but its texts)."""
    texts = {text.key: text for text in report.texts.all()} if report.pk else {}
    stored = report.figures or {}
    sections = []
    for number, section in enumerate(reporting.SECTIONS, start=1):
        text = texts.get(section.key)
        narrative = text.narrative if text else ""
        case_study = text.case_study if text else ""
        contributions = []
        for c_index, contribution in enumerate(stored.get(section.key, [])):
            prepared = dict(contribution)
            prepared["figures"] = [
                {**f, "display": _display(f)} for f in contribution.get("figures", [])
            ]
            prepared["tables"] = [
                {
                    **t,
                    "bars": chart_bars(t),
                    "chart_height": 28 * len(t["rows"]) + 4,
                    "chart_id": f"chart-{section.key}-{c_index}-{t_index}",
                    "display_rows": [[cell_display(v) for v in row] for row in t["rows"]],
                }
                for t_index, t in enumerate(contribution.get("tables", []))
            ]
            contributions.append(prepared)
        sections.append(
            SectionContent(
                key=section.key,
                title=section.title,
                number=number,
                narrative=narrative,
                narrative_html=SafeString(render_markdown(narrative)),
                case_study=case_study,
                case_study_html=SafeString(render_markdown(case_study)),
                contributions=contributions,
            )
        )
    return sections
