"""Evaluation after the session, the follow-up impact survey, and the results pages."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.training import services, tokens
from safeguarding.training.models import Attendance, Booking, BookingStatus, Evaluation, FollowUp
from safeguarding.training.tests.conftest import commit, reschedule, someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")
DAY = datetime(2026, 2, 10, 9, 30, tzinfo=LONDON)
DAYS_AFTER = DAY + timedelta(days=3)  # emailed links work for 30 days after the session
ANON = AnonymousUser()


@pytest.fixture
def held(partnership):
    """A session on 10 February 2026: two attended, one absent."""
    course = CourseFactory(
        partnership=partnership,
        title="Neglect: recognising and responding",
        outcomes=["Recognise neglect", "Use the graded care profile"],
    )
    session = reschedule(SessionFactory(course=course, capacity=10), DAY)
    people = []
    for n, mark in enumerate(["attended", "late", "absent"]):
        people.append(
            Booking.objects.create(
                session=session,
                status=BookingStatus.BOOKED,
                attendance=mark,
                line_manager_email=f"manager{n}@agency.example",
                **someone(n),
            )
        )
    return session, people


def ratings(booking, before=2, after=4) -> dict:
    return {o.pk: (before, after) for o in booking.session.course.outcomes.all()}


@pytest.mark.django_db
@time_machine.travel(DAYS_AFTER, tick=False)
def test_an_attendee_evaluates_from_their_link(client, held):
    session, people = held
    outcome_ids = [o.pk for o in session.course.outcomes.all()]
    url = reverse("training:evaluation", args=[tokens.attendee_token(people[0])])
    page = client.get(url).content.decode()
    assert "how confident were you about “Recognise neglect”" in page

    data = {f"before_{pk}": "2" for pk in outcome_ids}
    data.update({f"after_{pk}": "4" for pk in outcome_ids})
    data.update({"quality": "5", "will_do_differently": "Use the graded care profile earlier"})
    response = client.post(url, data)

    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.quality == 5
    assert sorted(evaluation.ratings.values_list("before", "after")) == [(2, 4), (2, 4)]
    assert "You have evaluated this session" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
@time_machine.travel(DAY - timedelta(hours=2), tick=False)
def test_the_evaluation_is_not_offered_before_the_session(client, held):
    """The register can be marked early; the evaluation still waits for the session."""
    session, people = held
    token = tokens.attendee_token(people[0])
    booking_page = client.get(reverse("training:booking", args=[token])).content.decode()
    assert "Evaluate the session" not in booking_page
    assert "You can evaluate the session once it has taken place, from" in booking_page
    url = reverse("training:evaluation", args=[token])
    page = client.get(url).content.decode()
    assert "The evaluation opens when the session starts" in page
    assert "<form" not in page.split('id="main-content"')[1]
    response = client.post(url, {"quality": "5", "will_do_differently": "Anything"})
    assert response.status_code == 200 and Evaluation.objects.count() == 0
    with time_machine.travel(DAY + timedelta(hours=4), tick=False):
        page = client.get(url).content.decode()
        assert "how confident were you about “Recognise neglect”" in page
        booking_page = client.get(reverse("training:booking", args=[token])).content.decode()
        assert "Evaluate the session</a>" in booking_page


@pytest.mark.django_db
@time_machine.travel(DAYS_AFTER, tick=False)
def test_only_people_who_attended_can_evaluate(client, held):
    session, people = held
    absent = people[2]
    with pytest.raises(ValidationError, match="only evaluate a session you attended"):
        services.evaluation_submit(
            actor=ANON, booking=absent, quality=4, will_do_differently="x", ratings=ratings(absent)
        )
    response = client.get(
        reverse("training:evaluation", args=[tokens.attendee_token(absent)]), follow=True
    )
    assert "You can only evaluate a session you attended." in response.content.decode()
    assert Evaluation.objects.count() == 0


@pytest.mark.django_db
def test_an_evaluation_needs_every_outcome_and_is_given_once(held):
    _, people = held
    partial = dict(list(ratings(people[0]).items())[:1])
    with pytest.raises(ValidationError, match="Rate your confidence before and after"):
        services.evaluation_submit(
            actor=ANON, booking=people[0], quality=4, will_do_differently="x", ratings=partial
        )
    services.evaluation_submit(
        actor=ANON,
        booking=people[0],
        quality=4,
        will_do_differently="x",
        ratings=ratings(people[0]),
    )
    with pytest.raises(ValidationError, match="already evaluated"):
        services.evaluation_submit(
            actor=ANON,
            booking=people[0],
            quality=4,
            will_do_differently="x",
            ratings=ratings(people[0]),
        )
    assert Evaluation.objects.count() == 1


@pytest.mark.django_db
def test_attendees_are_invited_to_evaluate_once(held, mailoutbox):
    with time_machine.travel(DAY + timedelta(hours=6), tick=False):
        commit(run_due_jobs, only="training.evaluation-invites")
        commit(run_due_jobs, only="training.evaluation-invites")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "person0@agency.example",
        "person1@agency.example",
    ]
    assert "/evaluation/" in mailoutbox[0].body


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 5, 12, 9, 0, tzinfo=LONDON), tick=False)
def test_the_follow_up_survey_goes_three_months_later_to_attendee_and_manager(
    client, held, mailoutbox
):
    session, people = held
    with time_machine.travel(datetime(2026, 5, 9, 12, 0, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.follow-up-surveys")
    assert mailoutbox == []  # not three months yet

    with time_machine.travel(datetime(2026, 5, 10, 13, 0, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.follow-up-surveys")
        commit(run_due_jobs, only="training.follow-up-surveys")
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == [
        "manager0@agency.example",
        "manager1@agency.example",
        "person0@agency.example",
        "person1@agency.example",
    ]
    assert FollowUp.objects.count() == 2

    attendee = reverse("training:follow-up", args=[tokens.attendee_token(people[0])])
    response = client.post(
        attendee,
        {
            "applied": "yes",
            "changes": ["information_sharing", "referrals"],
            "example": "Shared concerns with the school nurse sooner.",
        },
    )
    assert response.status_code == 302
    manager = reverse("training:manager-follow-up", args=[tokens.manager_token(people[0])])
    client.post(manager, {"observed": "yes", "comment": "More confident in strategy meetings."})
    follow_up = FollowUp.objects.get(booking=people[0])
    assert follow_up.applied == "yes" and follow_up.manager_observed == "yes"
    assert follow_up.change_labels == [
        "Information sharing",
        "Making referrals or requests for support",
    ]


@pytest.mark.django_db
def test_the_follow_up_delay_is_set_per_course(held, mailoutbox):
    session, _ = held
    session.course.follow_up_months = 6
    session.course.follow_up_to_manager = False
    session.course.save()
    with time_machine.travel(datetime(2026, 5, 11, 12, 0, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.follow-up-surveys")
    assert mailoutbox == []
    with time_machine.travel(datetime(2026, 8, 11, 12, 0, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.follow-up-surveys")
    assert sorted(m.to[0] for m in mailoutbox) == [
        "person0@agency.example",
        "person1@agency.example",
    ]


@pytest.mark.django_db
def test_a_follow_up_example_is_needed_when_the_learning_was_used(held):
    _, people = held
    FollowUp.objects.create(booking=people[0], sent_at=DAY)
    with pytest.raises(ValidationError, match="Give an example"):
        services.follow_up_answer(
            actor=ANON, booking=people[0], applied="partly", changes=[], example=""
        )


@pytest.mark.django_db
def test_results_show_the_change_in_confidence_and_comments(signed_in, held):
    session, people = held
    for booking, before, after in [(people[0], 2, 4), (people[1], 3, 5)]:
        services.evaluation_submit(
            actor=ANON,
            booking=booking,
            quality=4,
            will_do_differently=f"Comment from {booking.full_name}",
            ratings=ratings(booking, before, after),
        )
    FollowUp.objects.create(
        booking=people[0], sent_at=DAY, answered_at=DAY, applied="yes", changes=["referrals"]
    )
    for role in (Role.BUSINESS_UNIT, Role.CHAIR):
        client = signed_in(role)
        page = client.get(reverse("training:course-evaluation", args=[session.course.pk]))
        body = page.content.decode()
        assert page.status_code == 200
        assert "2 (100% of attendees)" in body
        assert "2.5 before, 4.5 after" in body
        assert "+2.0" in body
        assert "Comment from Person 1" in body
        assert "100% of those who answered" in body
        session_page = client.get(reverse("training:session-evaluation", args=[session.pk]))
        assert "Comment from Person 0" in session_page.content.decode()


@pytest.mark.django_db
def test_results_cost_the_same_queries_for_3_or_30_evaluations(
    signed_in, partnership, count_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    course = CourseFactory(partnership=partnership)
    session = reschedule(SessionFactory(course=course, capacity=60), DAY)
    url = reverse("training:course-evaluation", args=[course.pk])

    def make(start, n):
        for i in range(start, start + n):
            booking = Booking.objects.create(
                session=session, status="booked", attendance=Attendance.ATTENDED, **someone(i)
            )
            services.evaluation_submit(
                actor=ANON,
                booking=booking,
                quality=3,
                will_do_differently="y",
                ratings=ratings(booking),
            )
            FollowUp.objects.create(booking=booking, sent_at=DAY, example="z", answered_at=DAY)

    make(0, 3)
    few = count_queries(lambda: client.get(url))
    make(3, 27)
    many = count_queries(lambda: client.get(url))
    assert few == many
