"""Author briefings run as training sessions: their attendance and evaluation come from the
training module instead of typed-in counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reviews.models import AuthorBriefing
from safeguarding.reviews.tests.factories import ReviewFactory
from safeguarding.training.models import Session
from safeguarding.training.services.evaluation import evaluation_submit
from safeguarding.training.tests.factories import BookingFactory, CourseFactory, SessionFactory


@pytest.fixture
def review(partnership):
    return ReviewFactory(
        partnership=partnership,
        status="published",
        published_on=date(2023, 3, 1),
        publication_url="https://www.example.org/child-r",
    )


@pytest.fixture
def course(partnership):
    return CourseFactory(partnership=partnership, title="Learning from reviews")


@pytest.fixture
def held_session(course):
    """A session held last week: three attended, one did not; two evaluated it."""
    starts = timezone.now() - timedelta(days=7)
    session = SessionFactory(course=course, starts_at=starts, ends_at=starts + timedelta(hours=1))
    attended = [BookingFactory(session=session, attendance="attended") for _ in range(3)]
    BookingFactory(session=session, attendance="absent")
    outcomes = list(course.outcomes.all())
    for booking, quality in zip(attended[:2], (4, 5), strict=True):
        evaluation_submit(
            actor=AnonymousUser(),  # attendees evaluate from their emailed link
            booking=booking,
            quality=quality,
            will_do_differently="Ask about the baby's father at every visit.",
            ratings={o.pk: (2, 4) for o in outcomes},
        )
    return session


def test_a_typed_in_briefing_linked_to_its_session_shows_training_figures(
    signed_in, review, held_session
):
    briefing = AuthorBriefing.objects.create(
        review=review, title="Child R: briefing for schools", held_on=date(2023, 4, 1),
        attended=198, slides_requested=95,
    )  # fmt: skip
    bu = signed_in(Role.BUSINESS_UNIT)
    page = bu.get(f"/reviews/author-briefings/{briefing.pk}/").text
    assert "These numbers were typed in" in page and "198" in page

    response = bu.post(
        f"/reviews/author-briefings/{briefing.pk}/link/", {"session": held_session.pk}
    )
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.training_session_id == held_session.pk
    assert briefing.held_on == timezone.localdate(held_session.starts_at)
    page = bu.get(f"/reviews/author-briefings/{briefing.pk}/").text
    assert "Run as a training session of <strong>Learning from reviews</strong>" in page
    assert 'Attended</dt><dd class="govuk-summary-list__value">3</dd>' in page
    assert 'Did not attend</dt><dd class="govuk-summary-list__value">1</dd>' in page
    assert "2 (67% of those who attended)" in page
    assert 'Quality (1 to 5)</dt><dd class="govuk-summary-list__value">4.5' in page
    assert "2.0 before, 4.0 after" in page
    assert 'Asked for the slides</dt><dd class="govuk-summary-list__value">95' in page
    assert "198" not in page
    assert "From training" in bu.get(f"/reviews/{review.pk}/").text
    assert AuditEvent.objects.filter(event="reviews.author_briefing.linked_to_training").exists()


def test_a_briefing_is_planned_as_a_new_training_session(signed_in, review, course):
    bu = signed_in(Role.BUSINESS_UNIT)
    day = timezone.localdate() + timedelta(days=30)
    response = bu.post(
        f"/reviews/{review.pk}/author-briefings/plan/",
        {
            "title": "Child R: the author's briefing",
            "course": course.pk,
            "day": day.isoformat(),
            "start": "10:00",
            "end": "11:30",
            "online_link": "https://meet.example.org/child-r",
            "capacity": 200,
        },
    )
    assert response.status_code == 302
    briefing = AuthorBriefing.objects.get(title="Child R: the author's briefing")
    session = Session.objects.get(pk=briefing.training_session_id)
    assert (session.course, session.capacity, briefing.held_on) == (course, 200, day)
    page = bu.get(response["Location"]).text
    assert 'Places</dt><dd class="govuk-summary-list__value">200' in page
    assert 'Booked</dt><dd class="govuk-summary-list__value">0' in page


def test_only_the_partnerships_own_sessions_can_be_linked(signed_in, review):
    other_session = SessionFactory()  # another partnership's course
    briefing = AuthorBriefing.objects.create(
        review=review, title="Briefing", held_on=date(2023, 4, 1), attended=10
    )
    bu = signed_in(Role.BUSINESS_UNIT)
    response = bu.post(
        f"/reviews/author-briefings/{briefing.pk}/link/", {"session": other_session.pk}
    )
    assert response.status_code == 400
    briefing.refresh_from_db()
    assert briefing.training_session_id is None


def test_planning_before_publication_is_refused_with_the_reason(signed_in, partnership, course):
    unpublished = ReviewFactory(partnership=partnership, status="in_progress")
    bu = signed_in(Role.BUSINESS_UNIT)
    response = bu.post(
        f"/reviews/{unpublished.pk}/author-briefings/plan/",
        {
            "title": "Too early",
            "course": course.pk,
            "day": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "start": "10:00",
            "end": "11:00",
            "venue": "County Hall",
            "capacity": 20,
        },
    )
    assert "Author briefings follow publication" in response.text
    assert not Session.objects.exists()


def test_the_chair_reads_the_figures_but_cannot_link(signed_in, review, held_session):
    briefing = AuthorBriefing.objects.create(
        review=review, title="Briefing", held_on=date(2023, 4, 1), attended=0,
        training_session_id=held_session.pk,
    )  # fmt: skip
    chair = signed_in(Role.CHAIR)
    page = chair.get(f"/reviews/author-briefings/{briefing.pk}/")
    assert page.status_code == 200 and "Link to a different training session" not in page.text
    assert (
        chair.post(
            f"/reviews/author-briefings/{briefing.pk}/link/", {"session": held_session.pk}
        ).status_code
        == 403
    )


def test_the_period_figures_count_attendance_from_training(
    make_user, partnership, review, held_session
):
    from safeguarding.reviews.selectors import figures_for_period

    AuthorBriefing.objects.create(
        review=review, title="Typed", held_on=date(2023, 4, 1), attended=40, slides_requested=5
    )
    AuthorBriefing.objects.create(
        review=review, title="Linked", held_on=date(2023, 5, 25), attended=198,
        slides_requested=95, training_session_id=held_session.pk,
    )  # fmt: skip
    figures = figures_for_period(
        user=make_user(Role.BUSINESS_UNIT),
        partnership=partnership,
        start=date(2023, 4, 1),
        end=date(2024, 3, 31),
    )
    assert (figures.author_briefings, figures.author_briefing_attendance) == (2, 43)
    assert figures.slides_requested == 100
