"""Print the pages the load benchmark drives, one per line: label, role, path (tab-separated).

Object pages point at real records of the loaded database, so the benchmark measures a
review, a course and a campaign's results as people open them.
"""

from __future__ import annotations

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

BU = "business unit"


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
    yield "Dashboard", BU, reverse("core:dashboard")
    yield "Tracker", BU, reverse("core:tracker")
    yield "Reviews", BU, reverse("reviews:home")
    yield "Notifications", BU, reverse("reviews:notification-list")
    review = first("reviews.Review")
    if review:
        yield "A review", BU, reverse("reviews:review-detail", args=[review.pk])
    yield "Audits", BU, reverse("assurance:campaign-list")
    campaign = first("assurance.Campaign")
    if campaign and hasattr(campaign, "get_absolute_url"):
        yield "A campaign's results", BU, campaign.get_absolute_url()
    yield "Key data", BU, reverse("performance:key-data")
    yield "Finance", BU, reverse("performance:finance")
    yield "Training management", BU, reverse("training:manage")
    try:
        yield "Yearly reports", BU, reverse("reports:list")
    except NoReverseMatch:
        pass
    yield "Dashboard", "agency lead", reverse("core:dashboard")
    yield "Your returns", "agency lead", reverse("assurance:my-returns")
    yield "Dashboard", "practitioner", reverse("core:dashboard")
    yield "Your training", "practitioner", reverse("training:my-training")


for label, role, path in pages():
    print(f"{label}\t{role}\t{path}")
