"""List pages make the same number of queries with 3 rows as with 30 (logging who saw the
confidential rows included)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.reviews.models import AgencySummary
from safeguarding.reviews.tests.factories import (
    NotificationFactory,
    RapidReviewFactory,
    RecommendationFactory,
    ReferralFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def make_rows(partnership, agency, count: int, start: int) -> None:
    themes = list(Theme.objects.all()[:2])
    for index in range(start, start + count):
        notification = NotificationFactory(partnership=partnership, reference=f"2022-{index:03d}")
        notification.themes.set(themes)
        rapid_review = RapidReviewFactory(notification=notification)
        AgencySummary.objects.create(
            rapid_review=rapid_review,
            agency=agency,
            requested_on=date(2023, 3, 6),
            due_on=date(2023, 3, 13),
        )
        # Every other review is unpublished (confidential: its rows are logged).
        published = index % 2 == 0
        review = ReviewFactory(
            partnership=partnership,
            status="published" if published else "in_progress",
            published_on=date(2023, 5, 1 + index % 20) if published else None,
            decided_on=date(2022, 12, 1),
        )
        review.themes.set(themes)
        recommendation = RecommendationFactory(
            review=review, owner_agency=agency, number=1, update_due_on=date(2023, 5, 1)
        )
        recommendation.themes.set(themes)
        referral = ReferralFactory(
            partnership=partnership, referring_agency=agency, received_on=date(2023, 5, 15)
        )
        referral.themes.set(themes)


PAGES = [
    ("reviews:notification-list", Role.BUSINESS_UNIT, None),
    ("reviews:rapid-review-list", Role.BUSINESS_UNIT, None),
    ("reviews:summary-list", Role.BUSINESS_UNIT, None),
    ("reviews:review-list", Role.CHAIR, None),
    ("reviews:recommendation-list", Role.BUSINESS_UNIT, None),
    ("reviews:recommendation-groups", Role.BUSINESS_UNIT, ["agency"]),
    ("reviews:recommendation-groups", Role.BUSINESS_UNIT, ["theme"]),
    ("reviews:recommendation-groups", Role.BUSINESS_UNIT, ["review"]),
    ("reviews:referral-list", Role.BUSINESS_UNIT, None),
    ("reviews:library", None, None),
    ("reviews:home", Role.BUSINESS_UNIT, None),
    ("core:dashboard", Role.BUSINESS_UNIT, None),
]


@pytest.mark.parametrize(("name", "role", "args"), PAGES)
def test_list_pages_do_not_make_more_queries_for_more_rows(
    client, make_user, partnership, agency, name, role, args, django_assert_max_num_queries
):
    if role is not None:
        client.force_login(make_user(role))
    url = reverse(name, args=args)
    make_rows(partnership, agency, 3, start=1)
    with CaptureQueriesContext(connection) as with_three:
        assert client.get(url).status_code == 200
    logged = AuditEvent.objects.count()
    if name != "reviews:library":
        assert logged >= 1, "the page shows confidential rows, so its view is logged"
    make_rows(partnership, agency, 27, start=4)
    with django_assert_max_num_queries(len(with_three)):
        response = client.get(url)
    assert response.status_code == 200
    assert AuditEvent.objects.count() == 2 * logged


API_LISTS = [
    "/api/v1/notifications/",
    "/api/v1/rapid-reviews/",
    "/api/v1/reviews/",
    "/api/v1/recommendations/",
    "/api/v1/referrals/",
]


@pytest.mark.parametrize("url", API_LISTS)
def test_api_lists_do_not_make_more_queries_for_more_rows(
    client, make_user, partnership, agency, url, django_assert_max_num_queries
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    make_rows(partnership, agency, 3, start=1)
    with CaptureQueriesContext(connection) as with_three:
        assert client.get(url).status_code == 200
    make_rows(partnership, agency, 27, start=4)
    with django_assert_max_num_queries(len(with_three)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == 30
    assert AuditEvent.objects.filter(event__endswith="list_viewed", channel="api").count() == 2
