"""The pages the load benchmarks drive: run as a script, it prints one per line (label, role,
path, tab-separated); ``benchmarks/growth.py`` imports ``pages``.

Object pages point at real records of the loaded database, so the benchmark measures a
review, a course and a campaign's results as people open them.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse

BU = "business unit"
CDOP = "CDOP chair"


def first(label: str, **filters):
    model = apps.get_model(label)
    return model.objects.filter(**filters).order_by("pk").first()


def pages():
    yield "Public home", "public", "/"
    yield "Key messages", "public", reverse("governance:key-message-archive")
    yield "Training catalogue", "public", reverse("training:catalogue")
    course = first("training.Course")
    if course:
        yield "A course", "public", reverse("training:course", args=[course.pk])
    yield "Learning library", "public", reverse("reviews:library")
    try:
        yield "Search", "public", reverse("search:search") + "?q=neglect"
    except NoReverseMatch:
        pass
    yield "Bulletins", "public", reverse("comms:bulletin-archive")
    yield "Resources", "public", reverse("library:resource-list")
    yield "Procedures", "public", reverse("library:procedure-list")
    yield "Yearly reports", "public", reverse("reports:public-list")
    report = first("reports.YearlyReport", status="published")
    if report:
        yield "A yearly report", "public", reverse("reports:public-detail", args=[report.pk])
    yield "Child death figures", "public", reverse("childdeaths:public-figures")
    yield "Dashboard", BU, reverse("core:dashboard")
    yield "Tracker", BU, reverse("core:tracker")
    yield "Reviews", BU, reverse("reviews:home")
    yield "Notifications", BU, reverse("reviews:notification-list")
    review = first("reviews.Review")
    if review:
        yield "A review", BU, reverse("reviews:review-detail", args=[review.pk])
    yield "Audits", BU, reverse("assurance:campaign-list")
    campaign = first("assurance.Campaign")
    if campaign:
        yield "A campaign's results", BU, reverse("assurance:campaign-results", args=[campaign.pk])
    yield "Key data", BU, reverse("performance:key-data")
    yield "Finance", BU, reverse("performance:finance")
    yield "Training management", BU, reverse("training:manage")
    yield "Yearly reports", BU, reverse("reports:report-list")
    yield "Bulletins", BU, reverse("comms:bulletin-list")
    yield "Dashboard", "agency lead", reverse("core:dashboard")
    yield "Your returns", "agency lead", reverse("assurance:my-returns")
    yield "Dashboard", "practitioner", reverse("core:dashboard")
    yield "Your training", "practitioner", reverse("training:my-training")
    yield "Child deaths", CDOP, reverse("childdeaths:list")
    yield "Child death figures", CDOP, reverse("childdeaths:figures")


def describe() -> str:
    """What the loaded database holds, for the table's heading."""
    from django.db import connection

    counts = {
        label: apps.get_model(model).objects.count()
        for label, model in (
            ("partnerships", "accounts.Partnership"),
            ("agencies and schools", "accounts.Agency"),
            ("key messages", "governance.KeyMessage"),
            ("training bookings", "training.Booking"),
            ("audit returns", "assurance.AuditReturn"),
            ("child deaths", "childdeaths.ChildDeath"),
        )
    }
    figures = ", ".join(f"{count:,} {label}" for label, count in counts.items())
    return f"{figures} ({connection.vendor})"


if __name__ == "__main__":
    import sys

    import django

    django.setup()
    if sys.argv[1:] == ["--describe"]:
        print(describe())
    elif sys.argv[1:] == ["--analyze"]:
        # Fresh planner statistics after bulk loading, as autovacuum (PostgreSQL) would
        # gather them on a live server; without them new indexes may go unused.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        for label, role, path in pages():
            print(f"{label}\t{role}\t{path}")
