"""The bulletin block sources other capabilities register (core.bulletin_blocks)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core import bulletin_blocks
from safeguarding.governance.tests.factories import KeyMessageFactory
from safeguarding.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_governance_reviews_and_training_register_their_sources():
    keys = [source.key for source in bulletin_blocks.registered()]
    assert keys[:3] == [
        "governance.key-messages",
        "reviews.learning",
        "training.courses-with-places",
    ]


def test_key_messages_published_since_the_last_edition(partnership):
    since = timezone.localdate() - timedelta(days=30)
    new = KeyMessageFactory(partnership=partnership, title="Bruising protocol reminder")
    KeyMessageFactory(
        partnership=partnership, title="Old", published_at=timezone.now() - timedelta(days=60)
    )
    KeyMessageFactory(partnership=partnership, title="Draft", status="draft", published_at=None)
    KeyMessageFactory(partnership=PartnershipFactory(), title="Elsewhere")
    items = bulletin_blocks.get("governance.key-messages").items(partnership, since)
    assert [(i.title, i.url) for i in items] == [
        ("Bruising protocol reminder", reverse("governance:key-message-detail", args=[new.pk]))
    ]


def test_learning_published_since_the_last_edition(partnership):
    review = ReviewFactory(
        partnership=partnership, status="published", published_on=date(2026, 11, 20)
    )
    ReviewFactory(partnership=partnership, status="published", published_on=date(2025, 1, 5))
    ReviewFactory(partnership=partnership, status="draft")
    items = bulletin_blocks.get("reviews.learning").items(partnership, date(2026, 11, 1))
    assert [i.url for i in items] == [reverse("reviews:library-review", args=[review.pk])]
