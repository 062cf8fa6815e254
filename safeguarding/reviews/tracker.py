"""Open review recommendations for the partnership's tracker of actions and recommendations.

Recommendations of unpublished reviews are confidential: the tracker shows only those the
reviews scoping lets the person see, and each page that names some writes one audit event,
``recommendations.tracker_viewed``, like the list pages and dashboard panels do."""

from __future__ import annotations

from safeguarding.core.tracker import TrackerItem, TrackerSource, detail_url
from safeguarding.reviews import selectors, services

KEY = "review-recommendations"

# Only the columns an item shows (the review's status and publication date say whether the
# recommendation is confidential): the tracker reads every open one to sort and count them.
_COLUMNS = (
    "number",
    "text",
    "status",
    "target_on",
    "update_due_on",
    "review_id",
    "review__title",
    "review__status",
    "review__published_on",
    "owner_agency_id",
    "owner_agency__name",
    "owner_person_id",
    "owner_person__full_name",
    "owner_person__email",
)


def open_recommendation_items(user) -> list[TrackerItem]:
    """The open recommendations the user may see (a fixed number of queries)."""
    url = detail_url("reviews:recommendation-detail")
    recommendations = (
        selectors.recommendation_list(
            user=user, filters=selectors.RecommendationFilter(status="open")
        )
        .prefetch_related(None)
        .only(*_COLUMNS)
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
            url=url(recommendation.pk),
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
    items=open_recommendation_items,
    permission="reviews.view_recommendations",
    shown=record_shown,
)
