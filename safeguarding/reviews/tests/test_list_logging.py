"""Every page, panel and API response that lists confidential case-review records writes one
audit event naming the confidential records it showed and the filters used. Published
material is public: a page showing only that writes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reviews.tests.factories import (
    AgencySummaryFactory,
    NotificationFactory,
    RapidReviewFactory,
    RecommendationFactory,
    ReferralFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def published_review(partnership, **kwargs):
    return ReviewFactory(
        partnership=partnership,
        status="published",
        published_on=date(2023, 5, 2),
        publication_url="https://www.example.org/p",
        **kwargs,
    )


def list_events(user=None):
    events = AuditEvent.objects.filter(event__contains="_viewed").exclude(event__endswith=".viewed")
    return list(events.filter(actor=user) if user is not None else events)


def the_one_event(user, event):
    events = list_events(user)
    assert [e.event for e in events] == [event]
    return events[0]


@pytest.fixture
def case(partnership, agency):
    notification = NotificationFactory(partnership=partnership, child_pseudonym="Child Q")
    rapid_review = RapidReviewFactory(notification=notification)
    summary = AgencySummaryFactory(rapid_review=rapid_review, agency=agency)
    review = ReviewFactory(partnership=partnership, title="Child Q", status="in_progress")
    recommendation = RecommendationFactory(review=review, owner_agency=agency, number=1)
    referral = ReferralFactory(partnership=partnership, child_pseudonym="Child M")
    return {
        "notification": notification,
        "rapid_review": rapid_review,
        "summary": summary,
        "review": review,
        "recommendation": recommendation,
        "referral": referral,
    }


# Pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "event", "record"),
    [
        ("reviews:notification-list", "reviews.notifications.list_viewed", "notification"),
        ("reviews:rapid-review-list", "reviews.rapid_reviews.list_viewed", "rapid_review"),
        ("reviews:summary-list", "reviews.agency_summaries.list_viewed", "summary"),
        ("reviews:review-list", "reviews.reviews.list_viewed", "review"),
        ("reviews:recommendation-list", "reviews.recommendations.list_viewed", "recommendation"),
        ("reviews:referral-list", "reviews.referrals.list_viewed", "referral"),
    ],
)
def test_each_list_page_writes_one_event_naming_the_records_shown(
    bu_client, case, name, event, record
):
    url = reverse(name)
    assert bu_client.get(url).status_code == 200
    logged = the_one_event(bu_client.user, event)
    assert logged.channel == "page"
    assert logged.after["ids"] == [case[record].pk]
    assert logged.after["filters"] == {}
    assert logged.after["path"] == url
    bu_client.get(url)
    assert len(list_events(bu_client.user)) == 2  # every view, not only the first


def test_the_event_names_only_the_page_shown_and_the_filters_used(bu_client, partnership):
    notifications = [
        NotificationFactory(
            partnership=partnership, became_aware_on=date(2023, 2, day), notified_on=None
        )
        for day in range(1, 28)
    ]
    other_year = NotificationFactory(partnership=partnership, became_aware_on=date(2022, 3, 1))
    bu_client.get(reverse("reviews:notification-list"), {"year": "2023", "page": "2"})
    logged = the_one_event(bu_client.user, "reviews.notifications.list_viewed")
    # Newest first, 25 a page: page 2 holds the two earliest of 2023.
    assert logged.after["ids"] == [notifications[1].pk, notifications[0].pk]
    assert other_year.pk not in logged.after["ids"]
    assert logged.after["filters"] == {"year": "2023", "page": "2"}


def test_the_reviews_list_names_unpublished_reviews_only(bu_client, partnership):
    unpublished = ReviewFactory(partnership=partnership, title="Child Q")
    published = published_review(partnership, title="Child P")
    page = bu_client.get(reverse("reviews:review-list")).content.decode()
    assert "Child Q" in page and "Child P" in page
    logged = the_one_event(bu_client.user, "reviews.reviews.list_viewed")
    assert logged.after["ids"] == [unpublished.pk]
    assert published.pk not in logged.after["ids"]


def test_pages_showing_only_published_material_write_nothing(bu_client, partnership, agency):
    review = published_review(partnership, title="Child P")
    RecommendationFactory(review=review, owner_agency=agency, number=1)
    for url in [
        reverse("reviews:review-list"),
        reverse("reviews:recommendation-list"),
        reverse("reviews:recommendation-groups", args=["review"]),
        reverse("reviews:library"),
        reverse("reviews:library-review", args=[review.pk]),
    ]:
        response = bu_client.get(url)
        assert response.status_code == 200, url
        assert "Child P" in response.content.decode(), url
    assert list_events() == []


def test_the_public_library_is_not_logged_for_visitors(client, partnership):
    published_review(partnership, title="Child P")
    assert "Child P" in client.get(reverse("reviews:library")).content.decode()
    assert not AuditEvent.objects.exists()


def test_the_overdue_recommendations_view_names_those_shown(bu_client, partnership, agency):
    review = ReviewFactory(partnership=partnership, title="Child Q", status="draft")
    overdue = RecommendationFactory(
        review=review, owner_agency=agency, number=1, update_due_on=date(2023, 5, 1)
    )
    RecommendationFactory(
        review=review, owner_agency=agency, number=2, update_due_on=date(2023, 7, 1)
    )
    public = published_review(partnership, title="Child P")
    RecommendationFactory(
        review=public, owner_agency=agency, number=1, update_due_on=date(2023, 5, 1)
    )
    bu_client.get(reverse("reviews:recommendation-list"), {"overdue": "on"})
    logged = the_one_event(bu_client.user, "reviews.recommendations.list_viewed")
    assert logged.after["ids"] == [overdue.pk]
    assert logged.after["filters"] == {"overdue": "on"}
    # The review filter names the unpublished review too.
    assert logged.after["review_ids"] == [review.pk]


@pytest.mark.parametrize("by", ["agency", "review", "theme"])
def test_the_grouped_recommendation_views_name_the_confidential_ones_counted(
    bu_client, partnership, agency, theme, by
):
    review = ReviewFactory(partnership=partnership, title="Child Q", status="draft")
    first = RecommendationFactory(review=review, owner_agency=agency, number=1)
    second = RecommendationFactory(review=review, owner_agency=agency, number=2)
    first.themes.set([theme])
    public = RecommendationFactory(
        review=published_review(partnership, title="Child P"), owner_agency=agency, number=1
    )
    url = reverse("reviews:recommendation-groups", args=[by])
    assert bu_client.get(url).status_code == 200
    logged = the_one_event(bu_client.user, f"reviews.recommendations.by_{by}_viewed")
    assert logged.after["ids"] == [first.pk, second.pk]
    assert public.pk not in logged.after["ids"]


def test_the_case_reviews_home_logs_the_records_behind_its_clocks(bu_client, partnership):
    running = NotificationFactory(
        partnership=partnership,
        child_pseudonym="Child Q",
        became_aware_on=date(2023, 5, 30),
        notified_on=None,
    )
    rapid = RapidReviewFactory(
        notification=NotificationFactory(partnership=partnership, notified_on=date(2023, 4, 28)),
        clock_start_on=date(2023, 4, 28),
    )
    ReviewFactory(partnership=partnership, decided_on=date(2023, 3, 24))  # not due for months
    page = bu_client.get(reverse("reviews:home")).content.decode()
    assert "Child Q" in page
    logged = the_one_event(bu_client.user, "reviews.clocks.list_viewed")
    assert logged.after["ids"] == {"notification": [running.pk], "rapid_review": [rapid.pk]}


def test_the_case_reviews_home_without_clocks_writes_nothing(bu_client):
    assert bu_client.get(reverse("reviews:home")).status_code == 200
    assert list_events() == []


def test_the_new_review_form_logs_the_notifications_it_offers(bu_client, partnership):
    notification = NotificationFactory(partnership=partnership, child_pseudonym="Child Q")
    assert "Child Q" in bu_client.get(reverse("reviews:review-new")).content.decode()
    logged = the_one_event(bu_client.user, "reviews.notifications.list_viewed")
    assert logged.after["ids"] == [notification.pk]


def test_refused_list_pages_write_no_list_event(signed_in, case):
    client = signed_in(Role.PRACTITIONER)
    for name in [
        "reviews:notification-list",
        "reviews:rapid-review-list",
        "reviews:review-list",
        "reviews:recommendation-list",
        "reviews:referral-list",
    ]:
        assert client.get(reverse(name)).status_code == 403, name
    assert list_events() == []


def test_an_agency_lead_is_logged_for_the_rows_they_see(client, make_user, case, agency):
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    client.force_login(lead)
    client.get(reverse("reviews:recommendation-list"))
    client.get(reverse("reviews:summary-list"))
    events = {e.event: e.after["ids"] for e in list_events(lead)}
    assert events == {
        "reviews.recommendations.list_viewed": [case["recommendation"].pk],
        "reviews.agency_summaries.list_viewed": [case["summary"].pk],
    }


# Dashboard panels -------------------------------------------------------------------------


def test_each_dashboard_panel_naming_records_writes_one_event(bu_client, partnership, agency):
    rapid = RapidReviewFactory(
        notification=NotificationFactory(partnership=partnership, child_pseudonym="Child Q"),
        clock_start_on=date(2023, 4, 28),
    )
    review = ReviewFactory(partnership=partnership, title="Child T", status="draft")
    overdue = RecommendationFactory(
        review=review, owner_agency=agency, number=1, update_due_on=date(2023, 5, 1)
    )
    referral = ReferralFactory(partnership=partnership, child_pseudonym="Child W")
    page = bu_client.get(reverse("core:dashboard")).content.decode()
    assert "Child Q" in page and "Child T, number 1" in page and "Child W" in page
    events = {e.event: e.after["ids"] for e in list_events(bu_client.user)}
    assert events == {
        "reviews.clocks.panel_viewed": {"rapid_review": [rapid.pk]},
        "reviews.recommendations.panel_viewed": [overdue.pk],
        "reviews.referrals.panel_viewed": [referral.pk],
    }
    assert len(list_events(bu_client.user)) == 3


def test_the_summaries_panel_is_logged_for_an_agency_lead(client, make_user, case, agency):
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    client.force_login(lead)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Child Q: summary from" in page
    events = {e.event: e.after["ids"] for e in list_events(lead)}
    assert events["reviews.agency_summaries.panel_viewed"] == [case["summary"].pk]


def test_empty_panels_write_nothing(bu_client):
    assert bu_client.get(reverse("core:dashboard")).status_code == 200
    assert list_events() == []


# API --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "event", "record"),
    [
        ("/api/v1/notifications/", "reviews.notifications.list_viewed", "notification"),
        ("/api/v1/rapid-reviews/", "reviews.rapid_reviews.list_viewed", "rapid_review"),
        ("/api/v1/reviews/", "reviews.reviews.list_viewed", "review"),
        ("/api/v1/recommendations/", "reviews.recommendations.list_viewed", "recommendation"),
        ("/api/v1/referrals/", "reviews.referrals.list_viewed", "referral"),
    ],
)
def test_each_api_list_response_writes_one_event(bu_client, case, url, event, record):
    body = bu_client.get(url).json()
    assert [row["id"] for row in body["results"]] == [case[record].pk]
    logged = the_one_event(bu_client.user, event)
    assert logged.channel == "api"
    assert logged.after["ids"] == [case[record].pk]
    assert logged.after["filters"] == {}


def test_an_api_list_names_only_its_page_and_the_filters(bu_client, partnership):
    notifications = [
        NotificationFactory(partnership=partnership, became_aware_on=date(2023, 1, 1))
        for _ in range(52)
    ]
    body = bu_client.get("/api/v1/notifications/", {"partnership": "testshire", "page": 2}).json()
    assert body["count"] == 52 and len(body["results"]) == 2
    logged = the_one_event(bu_client.user, "reviews.notifications.list_viewed")
    assert logged.after["ids"] == [row["id"] for row in body["results"]]
    assert set(logged.after["ids"]) == {notifications[0].pk, notifications[1].pk}
    assert logged.after["filters"] == {"partnership": "testshire", "page": "2"}


def test_an_api_list_of_published_reviews_only_writes_nothing(bu_client, partnership):
    published_review(partnership, title="Child P")
    assert bu_client.get("/api/v1/reviews/").json()["count"] == 1
    assert list_events() == []
