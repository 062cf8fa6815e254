"""The figures for a period, a review's page and a notification's page make the same number of
queries whatever the number of records they count or list (issue 20)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.planning.models import Theme
from safeguarding.reviews.models import AuthorBriefing, LearningLink, PractitionerEvent
from safeguarding.reviews.tests.factories import (
    NotificationFactory,
    RapidReviewFactory,
    RecommendationFactory,
    ReferralFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def test_the_figures_query_count_does_not_grow(bu_client, partnership, flat_queries):
    """The default period is the last complete financial year: April 2022 to March 2023."""
    themes = list(Theme.objects.all()[:3])
    url = reverse("reviews:figures")

    def add(n):
        for index in range(n):
            day = date(2022, 5, 2) + timedelta(days=index)
            notification = NotificationFactory(
                partnership=partnership, became_aware_on=day, notified_on=day + timedelta(days=2)
            )
            notification.themes.set(themes)
            RapidReviewFactory(
                notification=notification,
                sent_to_panel_on=day + timedelta(days=14),
                decision="other_learning",
                decided_on=day + timedelta(days=13),
            )
            review = ReviewFactory(
                partnership=partnership,
                status="published",
                decided_on=date(2022, 1, 5),
                published_on=day,
            )
            RecommendationFactory(review=review, made_on=day)
            AuthorBriefing.objects.create(review=review, title="Briefing", held_on=day, attended=9)
            ReferralFactory(
                partnership=partnership,
                received_on=day,
                incident_on=day - timedelta(days=7),
                outcome="other_learning",
                decided_on=day + timedelta(days=1),
            )

    add(1)
    response = flat_queries(lambda: bu_client.get(url), lambda: add(15))
    for figure in ("fig-notifications", "fig-rapid", "fig-referrals", "fig-published"):
        assert f'id="{figure}">16<' in response.text  # every record is counted


def test_a_reviews_page_query_count_does_not_grow(bu_client, partnership, flat_queries):
    review = ReviewFactory(partnership=partnership, status="in_progress", title="Child R")
    url = reverse("reviews:review-detail", args=[review.pk])
    themes = iter(Theme.objects.order_by("pk"))

    def add(n, start):
        """Recommendations, practitioner events, author briefings, learning links and themes."""
        for index in range(start, start + n):
            RecommendationFactory(
                review=review,
                number=index + 1,
                owner_agency=AgencyFactory(partnerships=[partnership]),
            )
            PractitionerEvent.objects.create(
                review=review,
                title=f"Practitioner event {index:02d}",
                held_on=date(2023, 1, 2) + timedelta(days=index),
                attended=12,
            )
            AuthorBriefing.objects.create(
                review=review,
                title=f"Author briefing {index:02d}",
                held_on=date(2023, 2, 1) + timedelta(days=index),
                attended=30,
            )
            LearningLink.objects.create(
                review=review,
                kind="podcast",
                title=f"Podcast episode {index:02d}",
                url=f"https://learning.example/podcast-{index}",
            )
            review.themes.add(next(themes))

    add(1, start=0)
    response = flat_queries(lambda: bu_client.get(url), lambda: add(15, start=1))
    html = response.text
    for recommendation in review.recommendations.all():  # every recommendation is listed
        assert reverse("reviews:recommendation-detail", args=[recommendation.pk]) in html
    for listed in ("Practitioner event ", "Author briefing ", "Podcast episode "):
        assert html.count(listed) == 16


def test_a_notifications_page_query_count_does_not_grow(bu_client, partnership, flat_queries):
    notification = NotificationFactory(partnership=partnership)
    RapidReviewFactory(notification=notification)
    url = reverse("reviews:notification-detail", args=[notification.pk])
    themes = iter(Theme.objects.order_by("pk"))

    def add(n, start):
        """Agencies involved, themes and the reviews that came from the notification."""
        for index in range(start, start + n):
            notification.agencies_involved.add(
                AgencyFactory(name=f"Involved agency {index:02d}", partnerships=[partnership])
            )
            notification.themes.add(next(themes))
            ReviewFactory(
                partnership=partnership, title=f"Review of Child {index:02d}"
            ).notifications.add(notification)

    add(1, start=0)
    response = flat_queries(lambda: bu_client.get(url), lambda: add(15, start=1))
    assert response.text.count("Involved agency ") == 16  # every agency involved
    assert response.text.count("Review of Child ") == 16  # and every review
