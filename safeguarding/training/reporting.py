"""What the training app contributes to the yearly report: opportunities held, people
reached (by sector), the evaluation on the day and the impact three months later — the
shape of “80 learning and development opportunities to 1,753 people”."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from safeguarding.core.reporting import Contribution, Figure, Table
from safeguarding.training.selectors.reports import partnership_reach


def _rate(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def training_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    reach = partnership_reach(partnership_ids=partnership_ids, date_from=start, date_to=end)
    evaluation = reach.evaluation
    total = reach.total
    figures = [
        Figure("Learning and development opportunities", total.opportunities),
        Figure("People reached", total.people),
        Figure("Attendances", total.attendances),
        Figure("Attendance rate", _rate(total.attendance_rate), "%"),
    ]
    facts = {"opportunities": total.opportunities, "people": total.people}
    if evaluation is not None:
        figures += [
            Figure("Evaluations returned", evaluation.evaluations),
            Figure("Average quality rating (out of 5)", _rate(evaluation.quality)),
            Figure("Three-month follow-ups answered", evaluation.follow_ups_answered),
            Figure("Three-month follow-up response rate", _rate(evaluation.follow_up_rate), "%"),
            Figure("Learning used in practice", _rate(evaluation.applied_rate), "%"),
        ]
        facts["follow_ups_answered"] = evaluation.follow_ups_answered
    tables = [
        Table(
            caption="People reached by sector",
            headers=["Sector", "People", "Attendances"],
            rows=[[row.group, row.people, row.attendances] for row in reach.breakdowns["sector"]],
            chart_column=1,
        ),
        Table(
            caption="Opportunities and attendances by level",
            headers=["Level", "Opportunities", "Attendances"],
            rows=[
                [row.group, row.opportunities or 0, row.attendances]
                for row in reach.breakdowns["level"]
            ],
        ),
    ]
    if evaluation is not None and evaluation.outcomes:
        # Courses share outcome wording: one row per outcome, weighted by its responses.
        merged: dict[str, list[float]] = {}
        for o in evaluation.outcomes:
            if o.before is None or o.after is None:
                continue
            row = merged.setdefault(o.text, [0.0, 0.0, 0.0])
            row[0] += o.responses
            row[1] += o.before * o.responses
            row[2] += o.after * o.responses
        tables.append(
            Table(
                caption="Confidence before and after the training (average, out of 5)",
                headers=["Learning outcome", "Before", "After"],
                rows=[
                    [text, round(b / n, 1), round(a / n, 1)]
                    for text, (n, b, a) in merged.items()
                    if n
                ],
            )
        )
    return Contribution(
        title="Training reach and impact",
        figures=figures,
        tables=tables,
        facts=facts,
        source_link=reverse("training:reports"),
    )
