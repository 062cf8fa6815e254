"""What the reviews app makes searchable (registered in ``capabilities.py``, ADR 0026).

Published reviews are public and link to the learning library; every other review,
notification and recommendation is shown only to those the app's own ``visible_to`` lets see
it. A notification's outline names no child (pseudonyms only), so it may be indexed.
"""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.searching import Document, Kind
from safeguarding.reviews.models import (
    BRIEFING_BOXES,
    Briefing,
    ImpactEvidence,
    Notification,
    RapidReview,
    Recommendation,
    Review,
)


def _theme_ids(record) -> tuple[int, ...]:
    return tuple(theme.pk for theme in record.themes.all())


def review_documents(records):
    for review in records:
        published = review.is_published
        yield Document(
            object_id=review.pk,
            title=review.title,
            body="\n".join(filter(None, [review.summary, review.key_learning])),
            url=reverse(
                "reviews:library-review" if published else "reviews:review-detail",
                args=[review.pk],
            ),
            date=review.published_on if published else review.decided_on,
            theme_ids=_theme_ids(review),
            partnership_id=review.partnership_id,
            public=published,
            detail=review.get_kind_display(),
        )


def briefing_documents(records):
    for briefing in records:
        review = briefing.review
        published = review.is_published
        yield Document(
            object_id=briefing.pk,
            title=briefing.title,
            body="\n".join(getattr(briefing, field) for field, _label in BRIEFING_BOXES),
            url=reverse(
                "reviews:library-review" if published else "reviews:review-detail", args=[review.pk]
            ),
            date=review.published_on if published else review.decided_on,
            theme_ids=_theme_ids(review),
            partnership_id=review.partnership_id,
            public=published,
            detail="7-minute briefing",
        )


def notification_documents(records):
    for notification in records:
        yield Document(
            object_id=notification.pk,
            title=f"Notification {notification.reference}",
            body=notification.outline,
            url=reverse("reviews:notification-detail", args=[notification.pk]),
            date=notification.became_aware_on,
            theme_ids=_theme_ids(notification),
            partnership_id=notification.partnership_id,
            detail=notification.get_nature_display(),
        )


def rapid_review_documents(records):
    """Rapid reviews, with the themes of the notification they review."""
    for rapid in records:
        notification = rapid.notification
        yield Document(
            object_id=rapid.pk,
            title=f"Rapid review of notification {notification.reference}",
            body="\n".join(filter(None, [notification.outline, rapid.decision_rationale])),
            url=reverse("reviews:rapid-review-detail", args=[rapid.pk]),
            date=rapid.meeting_on or rapid.clock_start_on,
            theme_ids=_theme_ids(notification),
            partnership_id=rapid.partnership_id,
            detail=rapid.get_decision_display() if rapid.decision else "Decision not yet made",
        )


def recommendation_documents(records):
    for recommendation in records:
        grades = [e.get_grade_display() for e in recommendation.evidence.all() if e.grade]
        yield Document(
            object_id=recommendation.pk,
            title=recommendation.text[:200],
            body=recommendation.text,
            url=reverse("reviews:recommendation-detail", args=[recommendation.pk]),
            date=recommendation.made_on,
            theme_ids=_theme_ids(recommendation),
            partnership_id=recommendation.review.partnership_id,
            detail=grades[-1] if grades else recommendation.get_status_display(),
        )


REVIEWS = Kind(
    key="reviews.review",
    label="Case review",
    plural="Case reviews",
    model=Review,
    records=lambda: Review.objects.prefetch_related("themes"),
    documents=review_documents,
    visible=lambda user: Review.objects.visible_to(user),
)

NOTIFICATIONS = Kind(
    key="reviews.notification",
    label="Serious incident notification",
    plural="Serious incident notifications",
    model=Notification,
    records=lambda: Notification.objects.prefetch_related("themes"),
    documents=notification_documents,
    visible=lambda user: Notification.objects.visible_to(user),
)

RAPID_REVIEWS = Kind(
    key="reviews.rapidreview",
    label="Rapid review",
    plural="Rapid reviews",
    model=RapidReview,
    records=lambda: RapidReview.objects.select_related("notification").prefetch_related(
        "notification__themes"
    ),
    documents=rapid_review_documents,
    visible=lambda user: RapidReview.objects.visible_to(user),
    depends_on=((Notification, "rapid_review.pk"),),
)

RECOMMENDATIONS = Kind(
    key="reviews.recommendation",
    label="Recommendation",
    plural="Recommendations",
    model=Recommendation,
    records=lambda: Recommendation.objects.select_related("review").prefetch_related(
        "themes", "evidence"
    ),
    documents=recommendation_documents,
    visible=lambda user: Recommendation.objects.visible_to(user),
    depends_on=((ImpactEvidence, "recommendation_id"),),
)

BRIEFINGS = Kind(
    key="reviews.briefing",
    label="Learning briefing",
    plural="Learning briefings",
    model=Briefing,
    records=lambda: Briefing.objects.select_related("review").prefetch_related("review__themes"),
    documents=briefing_documents,
    visible=lambda user: Briefing.objects.filter(review__in=Review.objects.visible_to(user)),
    depends_on=((Review, "briefing.pk"),),
)
