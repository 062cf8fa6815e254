"""An author briefing linked to its training session, each page checked with axe (WCAG 2.2
AA): the typed-in figures, linking the session, its attendance and evaluation from training,
and the page to plan a briefing as a new session."""

from datetime import timedelta

import pytest
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.reviews.models import AuthorBriefing
from safeguarding.reviews.tests.factories import ReviewFactory
from safeguarding.training.tests.factories import BookingFactory, CourseFactory, SessionFactory


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")


def test_a_briefing_takes_its_figures_from_training(browse, essex):
    today = timezone.localdate()
    review = ReviewFactory(
        partnership=essex,
        status="published",
        published_on=today - timedelta(days=60),
        publication_url="https://www.example.org/child-r",
    )
    course = CourseFactory(partnership=essex, title="Learning from reviews")
    starts = timezone.now() - timedelta(days=7)
    session = SessionFactory(course=course, starts_at=starts, ends_at=starts + timedelta(hours=1))
    for attendance in ("attended", "attended", "absent"):
        BookingFactory(session=session, attendance=attendance)
    briefing = AuthorBriefing.objects.create(
        review=review,
        title="Briefing for schools",
        held_on=today - timedelta(days=8),
        attended=198,
        slides_requested=95,
    )
    browse.sign_in(user_with_role(Role.BUSINESS_UNIT, partnership=essex))
    browse.goto(f"/reviews/{review.pk}/")
    browse.page.get_by_role("link", name="Briefing for schools").click()
    browse.check()
    assert "These numbers were typed in" in browse.page.locator("main").inner_text()
    browse.page.get_by_label("Training session").select_option(str(session.pk))
    browse.page.get_by_role("button", name="Link").click()
    browse.check()
    main = browse.page.locator("main").inner_text()
    assert "Run as a training session of Learning from reviews" in main
    briefing.refresh_from_db()
    assert briefing.training_session_id == session.pk
    browse.goto(f"/reviews/{review.pk}/author-briefings/plan/")
