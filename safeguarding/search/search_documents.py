"""What the search app itself makes searchable: reviews imported from elsewhere."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.searching import Document, Kind
from safeguarding.search.models import ExternalReview


def external_review_documents(records):
    for review in records:
        body = "\n".join(
            [review.summary, *review.learning, *review.recommendations, review.publisher]
        )
        yield Document(
            object_id=review.pk,
            title=review.title,
            body=body,
            url=reverse("search:external-review", args=[review.pk]),
            date=None,
            theme_ids=tuple(t.pk for t in review.themes.all()),
            partnership_id=review.partnership_id,
            public=review.is_published,
            detail=f"From elsewhere: {review.publisher or 'another partnership'}"
            + (f", {review.year}" if review.year else ""),
            external=True,
        )


EXTERNAL_REVIEWS = Kind(
    key="search.externalreview",
    label="Review from elsewhere",
    plural="Reviews from elsewhere",
    model=ExternalReview,
    records=lambda: ExternalReview.objects.prefetch_related("themes"),
    documents=external_review_documents,
    visible=lambda user: ExternalReview.objects.visible_to(user),
)
