"""Open review recommendations for the partnership's tracker of actions and recommendations.

Recommendations of unpublished reviews are confidential: the tracker shows only those the
reviews scoping lets the person see, and each page that names some writes one audit event,
``recommendations.tracker_viewed``, like the list pages and dashboard panels do."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.tracker import TrackerItem, TrackerSource
from safeguarding.reviews import selectors, services

KEY = "review-recommendations"


def open_recommendation_items(user) -> list[TrackerItem]:
    """The open recommendations the user may see (a fixed number of queries)."""
    recommendations = selectors.recommendation_list(
        user=user, filters=selectors.RecommendationFilter(status="open")
    )
    return [
        TrackerItem(
            source=KEY,
            source_label="Review recommendation",
            pk=recommendation.pk,
            title=f"Recommendation {recommendation.number}: {recommendation.text}",
            context=recommendation.review.title,
            owner_name=str(recommendation.owner_person),
            agency_name=recommendation.owner_agency.name,
            agency_id=recommendation.owner_agency_id,
            due_on=recommendation.target_on,
            status_label=recommendation.get_status_display(),
            url=reverse("reviews:recommendation-detail", args=[recommendation.pk]),
            is_open=recommendation.is_open,
            confidential=selectors.is_confidential(recommendation),
        )
        for recommendation in recommendations
    ]


def record_shown(request, items: list[TrackerItem]) -> None:
    """One audit event naming the confidential recommendations a tracker page showed."""
    services.list_view_record(
        actor=request.user,
        event="reviews.recommendations.tracker_viewed",
        ids=[item.pk for item in items if item.confidential],
        filters=services.query_filters(request.GET),
        path=request.path,
    )


SOURCE = TrackerSource(
    key=KEY,
    label="Review recommendations",
    order=20,
    items=open_recommendation_items,
    permission="reviews.view_recommendations",
    shown=record_shown,
)
