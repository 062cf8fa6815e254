"""URL keyword arguments for the core URL-access sweep (safeguarding/core/tests/
test_url_access.py): each function makes a record in the sweep's partnership."""

from __future__ import annotations

from safeguarding.planning.models import Theme
from safeguarding.search.models import ExternalReview


def theme(partnership, user):
    return {"slug": Theme.objects.order_by("pk").first().slug}


def published_external_review(partnership, user):
    review = ExternalReview.objects.create(
        partnership=partnership,
        title="Child Z: a review from elsewhere",
        review_type="local_cspr",
        source_name="child-z.md",
        source_hash=f"sweep-{partnership.pk}-{ExternalReview.objects.count()}",
        recommendations=["Do better."],
        is_published=True,
    )
    return {"pk": review.pk}
