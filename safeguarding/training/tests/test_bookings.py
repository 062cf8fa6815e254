"""Booking, the waiting list and its offers, approval and cancellation, through the services."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from safeguarding.core.models import AuditEvent
from safeguarding.core.schedule import run_due_jobs
from safeguarding.training import services
from safeguarding.training.models import Attendance, Booking, BookingStatus, TrainingSettings
from safeguarding.training.tests.conftest import commit, reschedule, someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")
ANON = AnonymousUser()


def book(session, n: int, **extra) -> Booking:
    return commit(services.booking_create, actor=ANON, session=session, **someone(n, **extra))


def ics_of(message) -> str:
    calendars = [a for a in message.attachments if a[0].endswith(".ics")]
    assert calendars, f"no .ics attached to {message.subject!r}"
    return calendars[0][1]


@pytest.mark.django_db
def test_booking_a_free_place_confirms_it_and_emails_a_calendar_file(session, person, mailoutbox):
    booking = commit(services.booking_create, actor=ANON, session=session, **person)

    assert booking.status == BookingStatus.BOOKED
    session.refresh_from_db()
    assert session.places_taken == 1
    (message,) = mailoutbox
    assert message.to == ["sam.taylor@riverside.example"]
    assert message.subject == "Booking confirmed: Level 2 Safeguarding Children"
    calendar = ics_of(message)
    assert "BEGIN:VEVENT" in calendar
    assert f"UID:training-session-{session.pk}@" in calendar
    assert "SUMMARY:Level 2 Safeguarding Children" in calendar
    assert "/training/bookings/" in message.body  # the link to manage the booking
    assert AuditEvent.objects.filter(event="training.booking.created").count() == 1


@pytest.mark.django_db
def test_a_full_session_puts_people_on_the_waiting_list_in_order(session, mailoutbox):
    for n in range(3):
        book(session, n)
    fourth = book(session, 3)
    fifth = book(session, 4)

    assert fourth.status == fifth.status == BookingStatus.WAITING
    session.refresh_from_db()
    assert session.places_taken == 3
    assert mailoutbox[-1].subject.startswith("You are on the waiting list")
    assert "(number 2)" in mailoutbox[-1].body
    assert Booking.objects.waiting_position(fourth) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, message",
    [
        ({"status": "cancelled"}, "This session has been cancelled"),
        ({"starts_at_days": -1}, "This session has already taken place"),
    ],
)
def test_past_and_cancelled_sessions_cannot_be_booked(course, person, change, message):
    session = SessionFactory(course=course)
    if "status" in change:
        session.status = change["status"]
    if "starts_at_days" in change:
        session.starts_at = session.starts_at.replace(year=2020)
        session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()

    with pytest.raises(ValidationError, match=message):
        commit(services.booking_create, actor=ANON, session=session, **person)
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_the_same_person_cannot_book_a_session_twice(session, person):
    commit(services.booking_create, actor=ANON, session=session, **person)
    with pytest.raises(ValidationError, match="already has a booking on this session"):
        commit(
            services.booking_create,
            actor=ANON,
            session=session,
            **{**person, "email": "SAM.TAYLOR@riverside.example"},
        )
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_one_place_per_course_until_it_is_cancelled(course, person):
    first, second = SessionFactory(course=course), SessionFactory(course=course)
    commit(services.booking_create, actor=ANON, session=first, **person)
    with pytest.raises(ValidationError, match="already has a place on this course"):
        commit(services.booking_create, actor=ANON, session=second, **person)


@pytest.mark.django_db
def test_level_three_needs_level_two_first(partnership, person):
    level_2 = CourseFactory(partnership=partnership, title="Level 2 Core", level="2")
    level_3 = CourseFactory(partnership=partnership, title="Level 3 Core", level="3")
    level_3.prerequisites.set([level_2])
    session = SessionFactory(course=level_3)

    with pytest.raises(ValidationError) as refused:
        commit(services.booking_create, actor=ANON, session=session, **person)
    assert "Level 3 Core needs “Level 2 Core” first" in str(refused.value)
    assert Booking.objects.count() == 0

    # Attended level 2: the booking goes through.
    past = SessionFactory(course=level_2, starts_at=session.starts_at.replace(year=2025))
    past.ends_at = past.starts_at + timedelta(hours=3)
    past.save()
    Booking.objects.create(
        session=past, status=BookingStatus.BOOKED, attendance=Attendance.ATTENDED, **person
    )
    assert commit(services.booking_create, actor=ANON, session=session, **person).status == "booked"


@pytest.mark.django_db
def test_equivalent_training_elsewhere_stands_in_for_a_prerequisite(partnership, person):
    level_2 = CourseFactory(partnership=partnership, level="2")
    level_3 = CourseFactory(partnership=partnership, level="3")
    level_3.prerequisites.set([level_2])
    booking = commit(
        services.booking_create,
        actor=ANON,
        session=SessionFactory(course=level_3),
        equivalent_training="Level 2 with Suffolk LSCP, May 2025",
        **person,
    )
    assert booking.equivalent_training == "Level 2 with Suffolk LSCP, May 2025"


@pytest.mark.django_db
def test_missing_details_are_refused_with_what_to_fix(session):
    with pytest.raises(ValidationError) as refused:
        commit(
            services.booking_create,
            actor=ANON,
            session=session,
            full_name="",
            email="not-an-email",
            job_role="",
            sector="nonsense",
        )
    errors = refused.value.message_dict
    assert errors["full_name"] == ["Enter the full name of the person attending."]
    assert "correct format" in errors["email"][0]
    assert set(errors) == {"full_name", "email", "job_role", "sector", "organisation"}
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_fees_follow_the_sector_and_member_group_discount(partnership, person):
    from safeguarding.accounts.tests.factories import AgencyFactory
    from safeguarding.training.models import CourseFee
    from safeguarding.training.tests.factories import MemberGroupFactory

    course = CourseFactory(partnership=partnership, standard_fee=80)
    CourseFee.objects.create(course=course, sector="voluntary", amount=40)
    ecvys = MemberGroupFactory(partnership=partnership, name="ECVYS members", discount_percent=25)
    course.discount_groups.set([ecvys])
    member = AgencyFactory(name="Riverside Youth Project", partnerships=[partnership])
    ecvys.agencies.set([member])
    session = SessionFactory(course=course)

    health = book(session, 1, sector="health")
    voluntary = book(session, 2)
    by_agency = book(session, 3, agency=member)
    declared = book(session, 4, member_group=ecvys)

    assert health.fee == 80
    assert voluntary.fee == 40
    assert by_agency.fee == 30 and by_agency.member_group == ecvys
    assert declared.fee == 30


# Manager approval -------------------------------------------------------------------------


@pytest.mark.django_db
def test_approval_holds_a_place_and_asks_the_manager(course, person, mailoutbox):
    course.approval_required = True
    course.save()
    session = SessionFactory(course=course, capacity=1)

    with pytest.raises(ValidationError, match="line manager's approval"):
        commit(services.booking_create, actor=ANON, session=session, **person)

    booking = commit(
        services.booking_create,
        actor=ANON,
        session=session,
        line_manager_email="manager@riverside.example",
        **person,
    )
    assert booking.status == BookingStatus.REQUESTED
    session.refresh_from_db()
    assert session.places_taken == 1
    to_manager = next(m for m in mailoutbox if m.to == ["manager@riverside.example"])
    assert "/training/approvals/" in to_manager.body

    commit(services.booking_approve, actor=ANON, booking=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    assert mailoutbox[-1].subject.startswith("Booking confirmed")
    with pytest.raises(ValidationError, match="Only a booking awaiting approval"):
        commit(services.booking_approve, actor=ANON, booking=booking)


@pytest.mark.django_db
def test_a_declined_place_goes_to_the_waiting_list(course, mailoutbox):
    course.approval_required = True
    course.save()
    session = SessionFactory(course=course, capacity=1)
    asked = book(session, 1, line_manager_email="boss@agency.example")
    waiting = book(session, 2, line_manager_email="boss@agency.example")
    assert waiting.status == BookingStatus.WAITING

    commit(services.booking_decline, actor=ANON, booking=asked, reason="Not this term")

    asked.refresh_from_db()
    waiting.refresh_from_db()
    assert asked.status == BookingStatus.DECLINED
    assert waiting.status == BookingStatus.OFFERED
    assert any(m.subject.startswith("Booking not approved") for m in mailoutbox)
    assert mailoutbox[-1].subject.startswith("A place is free for you")


# Cancellation and the waiting list ----------------------------------------------------------


@pytest.mark.django_db
def test_cancelling_offers_the_place_to_the_next_person_for_48_hours(session, mailoutbox):
    booked = [book(session, n) for n in range(3)]
    first_waiting = book(session, 10)
    second_waiting = book(session, 11)

    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=LONDON), tick=False):
        reschedule(session, datetime(2026, 1, 20, 10, 0, tzinfo=LONDON))
        cancelled = commit(
            services.booking_cancel, actor=ANON, booking=booked[0], reason="Off sick"
        )

    assert cancelled.status == BookingStatus.CANCELLED and not cancelled.late_cancellation
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == BookingStatus.OFFERED
    assert first_waiting.offer_expires_at == datetime(2026, 1, 7, 9, 0, tzinfo=LONDON)
    assert second_waiting.status == BookingStatus.WAITING
    session.refresh_from_db()
    assert session.places_taken == 3  # the offer holds the place
    cancel_mail = next(m for m in mailoutbox if m.subject.startswith("Booking cancelled"))
    assert "METHOD:CANCEL" in ics_of(cancel_mail)
    offer_mail = mailoutbox[-1]
    assert offer_mail.to == [first_waiting.email]
    assert "7 January 2026 at 9am" in offer_mail.body


@pytest.mark.django_db
def test_an_unanswered_offer_passes_to_the_next_person_once(session, mailoutbox):
    booked = [book(session, n) for n in range(3)]
    first, second = book(session, 10), book(session, 11)
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=LONDON), tick=False):
        reschedule(session, datetime(2026, 1, 20, 10, 0, tzinfo=LONDON))
        commit(services.booking_cancel, actor=ANON, booking=booked[0])

    with time_machine.travel(datetime(2026, 1, 7, 8, 59, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.waiting-list-offers")
    first.refresh_from_db()
    assert first.status == BookingStatus.OFFERED  # still within 48 hours

    with time_machine.travel(datetime(2026, 1, 7, 9, 5, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.waiting-list-offers")
        sent = len(mailoutbox)
        commit(run_due_jobs, only="training.waiting-list-offers")  # a second run does nothing more
        assert len(mailoutbox) == sent
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == BookingStatus.OFFER_EXPIRED
    assert second.status == BookingStatus.OFFERED
    assert second.offer_expires_at == datetime(2026, 1, 9, 9, 5, tzinfo=LONDON)
    session.refresh_from_db()
    assert session.places_taken == 3
    assert any(m.subject.startswith("Your offer has expired") for m in mailoutbox)

    with (
        time_machine.travel(datetime(2026, 1, 8, 9, 0, tzinfo=LONDON), tick=False),
        pytest.raises(ValidationError, match="no place on offer"),
    ):
        commit(services.offer_accept, actor=ANON, booking=first)


@pytest.mark.django_db
def test_the_offer_time_is_configurable(session, partnership):
    TrainingSettings.objects.create(partnership=partnership, offer_hours=24)
    booked = [book(session, n) for n in range(3)]
    waiting = book(session, 10)
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=LONDON), tick=False):
        reschedule(session, datetime(2026, 1, 20, 10, 0, tzinfo=LONDON))
        commit(services.booking_cancel, actor=ANON, booking=booked[0])
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == datetime(2026, 1, 6, 9, 0, tzinfo=LONDON)


@pytest.mark.django_db
def test_accepting_an_offer_confirms_the_place(session, mailoutbox):
    booked = [book(session, n) for n in range(3)]
    waiting = book(session, 10)
    commit(services.booking_cancel, actor=ANON, booking=booked[1])
    waiting.refresh_from_db()

    commit(services.offer_accept, actor=ANON, booking=waiting)

    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED and waiting.offer_expires_at is None
    assert mailoutbox[-1].subject.startswith("Booking confirmed")
    session.refresh_from_db()
    assert session.places_taken == 3


@pytest.mark.django_db
def test_declining_an_offer_moves_it_on(session):
    booked = [book(session, n) for n in range(3)]
    first, second = book(session, 10), book(session, 11)
    commit(services.booking_cancel, actor=ANON, booking=booked[2])
    first.refresh_from_db()
    commit(services.offer_decline, actor=ANON, booking=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED
    assert second.status == BookingStatus.OFFERED


@pytest.mark.django_db
def test_cancelling_close_to_the_date_is_recorded_as_late(session):
    booking = book(session, 1)
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=LONDON), tick=False):
        # Thursday 5 March: two working days away, fewer than the default three.
        reschedule(session, datetime(2026, 3, 4, 10, 0, tzinfo=LONDON))
        cancelled = commit(services.booking_cancel, actor=ANON, booking=booking)
    assert cancelled.late_cancellation is True


@pytest.mark.django_db
def test_a_cancelled_booking_cannot_be_cancelled_again(session):
    booking = commit(services.booking_cancel, actor=ANON, booking=book(session, 1))
    with pytest.raises(ValidationError, match="no longer active"):
        commit(services.booking_cancel, actor=ANON, booking=booking)


@pytest.mark.django_db
def test_leaving_the_waiting_list_frees_no_place(session):
    for n in range(3):
        book(session, n)
    waiting = book(session, 10)
    commit(services.booking_cancel, actor=ANON, booking=waiting)
    session.refresh_from_db()
    assert session.places_taken == 3


# Session changes and cancellation by the business unit ---------------------------------------


@pytest.mark.django_db
def test_moving_a_session_tells_everyone_with_an_updated_calendar_entry(
    session, mailoutbox, make_user
):
    from safeguarding.core.roles import Role

    staff = make_user(Role.BUSINESS_UNIT)
    book(session, 1)
    book(session, 2)
    mailoutbox.clear()

    commit(
        services.session_update,
        actor=staff,
        session=session,
        starts_at=session.starts_at + timedelta(days=1),
        ends_at=session.ends_at + timedelta(days=1),
    )

    assert len(mailoutbox) == 2
    assert all(m.subject.startswith("Change to your training") for m in mailoutbox)
    assert "date and time" in mailoutbox[0].body
    assert "SEQUENCE:1" in ics_of(mailoutbox[0])


@pytest.mark.django_db
def test_capacity_cannot_drop_below_the_places_taken_and_more_places_go_to_the_list(
    session, make_user
):
    from safeguarding.core.roles import Role

    staff = make_user(Role.BUSINESS_UNIT)
    for n in range(3):
        book(session, n)
    waiting = book(session, 10)

    with pytest.raises(ValidationError, match="capacity cannot be less than 3"):
        commit(services.session_update, actor=staff, session=session, capacity=2)

    commit(services.session_update, actor=staff, session=session, capacity=4)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFERED


@pytest.mark.django_db
def test_cancelling_a_session_tells_everyone_booked_or_waiting(session, mailoutbox, make_user):
    from safeguarding.core.roles import Role

    staff = make_user(Role.BUSINESS_UNIT)
    for n in range(4):
        book(session, n)
    mailoutbox.clear()

    with pytest.raises(ValidationError):
        commit(services.session_cancel, actor=staff, session=session, reason="  ")

    commit(services.session_cancel, actor=staff, session=session, reason="The trainer is unwell")

    session.refresh_from_db()
    assert session.status == "cancelled" and session.places_taken == 0
    assert set(Booking.objects.values_list("status", flat=True)) == {"session_cancelled"}
    assert len(mailoutbox) == 4
    assert all("The trainer is unwell" in m.body for m in mailoutbox)
    assert "METHOD:CANCEL" in ics_of(mailoutbox[0])


@pytest.mark.django_db
def test_reminders_go_once_with_a_calendar_file(session, mailoutbox):
    book(session, 1)
    waiting_free = book(session, 2)
    mailoutbox.clear()
    with time_machine.travel(session.starts_at - timedelta(days=3), tick=False):
        commit(run_due_jobs, only="training.session-reminders")
    assert mailoutbox == []  # more than two days before
    with time_machine.travel(session.starts_at - timedelta(days=1), tick=False):
        commit(run_due_jobs, only="training.session-reminders")
        commit(run_due_jobs, only="training.session-reminders")
    assert len(mailoutbox) == 2
    assert {m.to[0] for m in mailoutbox} == {"person1@agency.example", waiting_free.email}
    assert mailoutbox[0].subject.startswith("Reminder:")
    assert "BEGIN:VCALENDAR" in ics_of(mailoutbox[0])


@pytest.mark.django_db
def test_an_organisation_typed_by_name_is_matched_to_the_agency(partnership, person):
    from safeguarding.accounts.tests.factories import AgencyFactory
    from safeguarding.training.tests.factories import MemberGroupFactory

    course = CourseFactory(partnership=partnership, standard_fee=40)
    riverside = AgencyFactory(name="Riverside Youth Project", partnerships=[partnership])
    ecvys = MemberGroupFactory(partnership=partnership, name="ECVYS members", discount_percent=50)
    ecvys.agencies.set([riverside])
    course.discount_groups.set([ecvys])

    booking = commit(
        services.booking_create,
        actor=ANON,
        session=SessionFactory(course=course),
        **{**person, "organisation": "riverside youth project"},
    )
    assert booking.agency == riverside and booking.member_group == ecvys
    assert booking.fee == 20
