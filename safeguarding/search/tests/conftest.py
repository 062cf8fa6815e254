"""Fixtures for the search tests: a small, deterministic corpus across several apps."""

from datetime import date

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.governance.tests.factories import KeyMessageFactory
from safeguarding.planning.models import Theme
from safeguarding.reviews.models import Briefing
from safeguarding.reviews.tests.factories import NotificationFactory, ReviewFactory
from safeguarding.training.tests.factories import CourseFactory


@pytest.fixture
def nai(db):
    return Theme.objects.get(name="Non-accidental injury")


@pytest.fixture
def other_partnership(db):
    return PartnershipFactory(slug="elsewhere", name="Elsewhere Safeguarding Partnership")


@pytest.fixture
def corpus(partnership, other_partnership, nai):
    """Public: a published review with its briefing, a course and a key message about bruising
    in babies. Confidential: an unpublished review and a notification of each partnership."""
    published = ReviewFactory(
        partnership=partnership,
        title="Child Q: bruising in a non-mobile baby",
        summary="Bruises on babies who cannot crawl were not referred.",
        status="published",
        published_on=date(2024, 5, 1),
    )
    published.themes.add(nai)
    Briefing.objects.create(
        review=published,
        title="7-minute briefing: bruising in babies",
        key_learning="Any bruise on a baby who is not yet mobile needs a referral.",
    )
    course = CourseFactory(
        partnership=partnership,
        title="Bruising in non-mobile babies",
        summary="How to respond when you see a bruise on a baby.",
    )
    course.themes.add(nai)
    KeyMessageFactory(
        partnership=partnership,
        title="Safer sleep for every baby",
        body="Share the safer sleep message at every contact with new parents.",
    )
    draft = ReviewFactory(
        partnership=partnership,
        title="Child T: confidential bruising review",
        summary="Unexplained bruising on an infant, review under way.",
    )
    draft.themes.add(nai)
    elsewhere = ReviewFactory(
        partnership=other_partnership,
        title="Child V: another partnership's bruising review",
        summary="Bruising on an infant in another area.",
    )
    notification = NotificationFactory(
        partnership=partnership, outline="A baby was found with non-accidental injuries."
    )
    notification.themes.add(nai)
    return {
        "published": published,
        "course": course,
        "draft": draft,
        "elsewhere": elsewhere,
        "notification": notification,
    }
