"""What reviews offer a bulletin edition: learning published since the last one."""

from __future__ import annotations

import datetime

from django.urls import reverse

from safeguarding.core.bulletin_blocks import BlockItem
from safeguarding.reviews.selectors import LibraryFilter, library_reviews


def learning_published_since(partnership, since: datetime.date) -> list[BlockItem]:
    reviews = library_reviews(partnership=partnership, filters=LibraryFilter()).filter(
        published_on__gte=since
    )[:20]
    return [
        BlockItem(
            title=review.title,
            url=reverse("reviews:library-review", args=[review.pk]),
            summary=f"{review.get_kind_display()}, published {review.published_on:%-d %B %Y}",
        )
        for review in reviews
    ]
