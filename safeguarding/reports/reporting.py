"""The reports app's own contribution to the yearly report: the inspections in the period."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from safeguarding.core.reporting import Contribution, Figure, Table
from safeguarding.reports.selectors import inspections_in_period


def inspection_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    inspections = list(inspections_in_period(partnership_ids=partnership_ids, start=start, end=end))
    rows = [
        [
            f"{i.inspected_on:%-d %B %Y}",
            f"{i.get_type_display()}: {i.title}",
            ", ".join(sorted(a.name for a in i.agencies.all())) or "–",
            i.judgement or "–",
            len(i.actions.all()),
        ]
        for i in inspections
    ]
    return Contribution(
        title="Inspections",
        figures=[Figure("Inspections in the period", len(inspections))],
        tables=[
            Table(
                caption="Inspections in the period and their action plans",
                headers=["Date", "Inspection", "Agencies inspected", "Judgement", "Actions"],
                rows=rows,
            )
        ]
        if rows
        else [],
        facts={"inspections": len(inspections)},
        source_link=reverse("reports:inspection-list"),
    )
