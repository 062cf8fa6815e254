"""What the reviews app contributes to the yearly report: notifications, rapid reviews,
decisions by route, reviews published and deferred, themes, and recommendations made and
closed on graded evidence of impact — each counted by the date it belongs to (the date made,
closed or graded), never the day it was typed in. Aggregate counts only."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.urls import reverse

from safeguarding.accounts.models import Partnership
from safeguarding.core.reporting import Contribution, Figure, Table
from safeguarding.reviews.models import ImpactGrade
from safeguarding.reviews.selectors import period_figures


def review_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    totals: Counter = Counter()
    decisions: Counter = Counter()
    themes: Counter = Counter()
    grades: Counter = Counter()
    for partnership in Partnership.objects.filter(pk__in=partnership_ids).order_by("pk"):
        f = period_figures(partnership=partnership, start=start, end=end)
        for name in (
            "notifications",
            "notified_in_time",
            "rapid_reviews",
            "rapid_reviews_in_time",
            "reviews_started",
            "reviews_published",
            "reviews_deferred",
            "recommendations_made",
            "recommendations_closed",
            "author_briefings",
            "author_briefing_attendance",
        ):
            totals[name] += getattr(f, name)
        decisions.update(f.decisions)
        themes.update(dict(f.themes))
        grades.update(f.grades)
    grade_labels = dict(ImpactGrade.choices)
    tables = [
        Table(
            caption="Rapid review decisions by route",
            headers=["Decision", "Rapid reviews"],
            rows=[[label, count] for label, count in decisions.items()],
            chart_column=1,
        )
    ]
    if themes:
        tables.append(
            Table(
                caption="Themes of the notifications",
                headers=["Theme", "Notifications"],
                rows=[[name, n] for name, n in sorted(themes.items(), key=lambda i: (-i[1], i[0]))],
                chart_column=1,
            )
        )
    tables.append(
        Table(
            caption="Evidence of impact graded in the period",
            headers=["Grade", "Pieces of evidence"],
            rows=[[label, grades.get(value, 0)] for value, label in grade_labels.items()],
            chart_column=1,
        )
    )
    return Contribution(
        title="Case reviews",
        figures=[
            Figure("Serious incident notifications", totals["notifications"]),
            Figure("Notified within 5 working days", totals["notified_in_time"]),
            Figure("Rapid reviews sent to the Panel", totals["rapid_reviews"]),
            Figure("Rapid reviews within 15 working days", totals["rapid_reviews_in_time"]),
            Figure("Reviews started", totals["reviews_started"]),
            Figure("Reviews published", totals["reviews_published"]),
            Figure("Reviews deferred", totals["reviews_deferred"]),
            Figure("Recommendations made", totals["recommendations_made"]),
            Figure(
                "Recommendations closed on evidence of impact", totals["recommendations_closed"]
            ),
            Figure("Author briefings held", totals["author_briefings"]),
            Figure("People at author briefings", totals["author_briefing_attendance"]),
        ],
        tables=tables,
        facts={
            "recommendations_made": totals["recommendations_made"],
            "recommendations_closed": totals["recommendations_closed"],
            "reviews_published": totals["reviews_published"],
        },
        source_link=reverse("reviews:figures"),
    )
