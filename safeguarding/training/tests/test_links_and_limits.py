"""Emailed links that expire, limits on booking without signing in, and approvals nobody
answers (chased once, then cancelled)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.schedule import run_due_jobs
from safeguarding.training import services, tokens
from safeguarding.training.models import (
    Booking,
    BookingStatus,
    FollowUp,
    PublicBookingRecord,
    TrainingSettings,
)
from safeguarding.training.tests.conftest import commit, reschedule, someone
from safeguarding.training.tests.factories import BookingFactory, CourseFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")
ANON = AnonymousUser()
SESSION_DAY = datetime(2026, 2, 10, 9, 30, tzinfo=LONDON)  # ends at 12:30


@pytest.fixture
def held(partnership):
    """A session on 10 February 2026 that one person attended."""
    partnership.contact_email = "training@partnership.example"
    partnership.save()
    session = reschedule(SessionFactory(course=CourseFactory(partnership=partnership)), SESSION_DAY)
    booking = Booking.objects.create(
        session=session,
        status=BookingStatus.BOOKED,
        attendance="attended",
        line_manager_email="manager@agency.example",
        **someone(1),
    )
    return booking


# Signed links expire --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_booking_link_stops_working_30_days_after_the_session(client, held):
    link = reverse("training:booking", args=[tokens.attendee_token(held)])
    certificate = reverse("training:certificate", args=[tokens.attendee_token(held)])

    with time_machine.travel(datetime(2026, 3, 12, 12, 0, tzinfo=LONDON), tick=False):
        assert client.get(link).status_code == 200
        assert client.get(certificate).status_code == 200

    with time_machine.travel(datetime(2026, 3, 12, 12, 31, tzinfo=LONDON), tick=False):
        response = client.get(link)
        refused = client.get(certificate)

    assert response.status_code == 410
    page = response.content.decode()
    assert "This link has expired" in page
    assert "12 March 2026" in page
    assert "training@partnership.example" in page
    assert "sign in to see your training record" in page
    assert "Sam" not in page and held.email not in page  # no personal details
    assert refused.status_code == 410


@pytest.mark.django_db
def test_an_expired_link_changes_nothing(client, partnership):
    session = SessionFactory(course=CourseFactory(partnership=partnership))
    booking = BookingFactory(session=session, status=BookingStatus.WAITING)
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.WAITING)
    cancel = reverse("training:booking-cancel-link", args=[tokens.attendee_token(booking)])

    with time_machine.travel(session.ends_at + timedelta(days=31), tick=False):
        response = client.post(cancel, {"reason": "Too late"})

    assert response.status_code == 410
    booking.refresh_from_db()
    assert booking.status == BookingStatus.WAITING
    assert not AuditEvent.objects.filter(event="training.booking.cancelled").exists()


@pytest.mark.django_db
def test_the_business_unit_sets_how_long_booking_links_last(client, held, partnership):
    TrainingSettings.objects.create(partnership=partnership, booking_link_days=7)
    link = reverse("training:booking", args=[tokens.attendee_token(held)])
    with time_machine.travel(datetime(2026, 2, 17, 12, 0, tzinfo=LONDON), tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(datetime(2026, 2, 17, 13, 0, tzinfo=LONDON), tick=False):
        assert client.get(link).status_code == 410


@pytest.mark.django_db
def test_the_follow_up_survey_keeps_the_links_working_for_30_days_after_it_is_sent(client, held):
    sent = datetime(2026, 5, 10, 13, 0, tzinfo=LONDON)
    FollowUp.objects.create(booking=held, sent_at=sent, sent_to_manager=True)
    attendee = reverse("training:follow-up", args=[tokens.attendee_token(held)])
    manager = reverse("training:manager-follow-up", args=[tokens.manager_token(held)])

    with time_machine.travel(sent + timedelta(days=29), tick=False):
        assert client.get(attendee).status_code == 200
        assert client.get(manager).status_code == 200
    with time_machine.travel(sent + timedelta(days=30, minutes=1), tick=False):
        assert client.get(attendee).status_code == 410
        closed = client.get(manager)
    assert closed.status_code == 410
    assert "The survey about the difference this training made has closed" in (
        closed.content.decode()
    )


@pytest.mark.django_db
def test_an_approval_link_stops_working_after_14_days(client, partnership, mailoutbox):
    course = CourseFactory(partnership=partnership, approval_required=True)
    session = SessionFactory(course=course, starts_at=datetime(2026, 3, 2, 9, 0, tzinfo=LONDON))
    asked = datetime(2026, 1, 5, 9, 0, tzinfo=LONDON)
    with time_machine.travel(asked, tick=False):
        booking = commit(
            services.booking_create,
            actor=ANON,
            session=session,
            line_manager_email="boss@agency.example",
            **someone(1),
        )
    assert booking.approval_requested_at == asked
    link = reverse("training:approval", args=[tokens.manager_token(booking)])

    with time_machine.travel(asked + timedelta(days=13, hours=23), tick=False):
        assert "Send decision" in client.get(link).content.decode()
    with time_machine.travel(asked + timedelta(days=14), tick=False):
        page = client.get(link)
        refused = client.post(link, {"decision": "approve"})

    assert page.status_code == 410
    text = page.content.decode()
    assert "This link has expired" in text
    assert "Links to approve a place work for 14 days" in text
    assert refused.status_code == 410
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


@pytest.mark.django_db
def test_a_link_that_was_never_valid_is_still_not_found(client):
    assert client.get(reverse("training:booking", args=["not-a-token"])).status_code == 404
    assert client.get(reverse("training:approval", args=["not-a-token"])).status_code == 404


# Booking without signing in is limited --------------------------------------------------------


def form_data(n: int = 1, **changes) -> dict:
    return {**someone(n), "line_manager_email": "", **changes}


def sessions(partnership, count: int) -> list:
    """Sessions of different courses, so one person may book them all."""
    return [
        SessionFactory(course=CourseFactory(partnership=partnership), capacity=30)
        for _ in range(count)
    ]


def post_booking(client, session, data, ip="203.0.113.7", **extra):
    return client.post(reverse("training:book", args=[session.pk]), data, REMOTE_ADDR=ip, **extra)


@pytest.mark.django_db
def test_one_email_address_can_book_5_times_an_hour_without_signing_in(client, partnership):
    targets = sessions(partnership, 6)
    for n, session in enumerate(targets[:5]):
        response = post_booking(client, session, form_data(), ip=f"198.51.100.{n}")
        assert response.status_code == 302

    response = post_booking(client, targets[5], form_data(), ip="198.51.100.99")

    assert response.status_code == 429
    page = response.content.decode()
    assert "too many bookings from this email address or this connection" in page
    assert "Try again later, or sign in to book." in page
    assert not Booking.objects.filter(session=targets[5]).exists()
    targets[5].refresh_from_db()
    assert targets[5].places_taken == 0

    with time_machine.travel(datetime.now(tz=LONDON) + timedelta(hours=1, minutes=1)):
        assert post_booking(client, targets[5], form_data()).status_code == 302


@pytest.mark.django_db
def test_one_connection_can_book_10_places_an_hour_without_signing_in(client, partnership):
    [session] = sessions(partnership, 1)
    for n in range(10):
        assert post_booking(client, session, form_data(n)).status_code == 302

    refused = post_booking(client, session, form_data(10))
    assert refused.status_code == 429
    assert Booking.objects.filter(session=session).count() == 10

    assert post_booking(client, session, form_data(10), ip="192.0.2.44").status_code == 302
    # Only keyed hashes are kept, never the addresses.
    keys = list(PublicBookingRecord.objects.values_list("key", flat=True))
    assert len(keys) == 22 and not any("@" in key or "." in key for key in keys)


@pytest.mark.django_db
def test_behind_the_proxy_the_forwarded_address_is_counted(client, partnership, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    [session] = sessions(partnership, 1)
    for n in range(10):
        response = post_booking(
            client, session, form_data(n), ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9"
        )
        assert response.status_code == 302
    other_person = post_booking(
        client, session, form_data(10), ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10"
    )
    assert other_person.status_code == 302
    same_person = post_booking(
        client,
        session,
        form_data(11),
        ip="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",  # a forged first hop changes nothing
    )
    assert same_person.status_code == 429


@pytest.mark.django_db
def test_signed_in_people_are_not_limited(signed_in, partnership):
    from safeguarding.core.roles import Role

    client = signed_in(Role.PRACTITIONER)
    for session in sessions(partnership, 6):
        assert post_booking(client, session, form_data()).status_code == 302
    assert PublicBookingRecord.objects.count() == 0


# Approvals nobody answers ---------------------------------------------------------------------


def run_chasers():
    commit(run_due_jobs, only="training.approval-chasers")


@pytest.fixture
def asked(partnership):
    """Sam asked for the only place on Monday 5 January 2026; Person 2 is waiting."""
    course = CourseFactory(partnership=partnership, approval_required=True, title="Level 3 Lead")
    session = SessionFactory(course=course, capacity=1)
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=LONDON), tick=False):
        reschedule(session, datetime(2026, 3, 2, 9, 0, tzinfo=LONDON))
        requested = commit(
            services.booking_create,
            actor=ANON,
            session=session,
            line_manager_email="boss@agency.example",
            **someone(1),
        )
        waiting = commit(
            services.booking_create,
            actor=ANON,
            session=session,
            line_manager_email="boss@agency.example",
            **someone(2),
        )
    return requested, waiting


@pytest.mark.django_db
def test_an_unanswered_approval_is_chased_once_after_3_working_days(asked, mailoutbox):
    requested, _ = asked
    mailoutbox.clear()
    with time_machine.travel(datetime(2026, 1, 7, 18, 0, tzinfo=LONDON), tick=False):
        run_chasers()
    assert mailoutbox == []  # 2 working days

    with time_machine.travel(datetime(2026, 1, 8, 7, 0, tzinfo=LONDON), tick=False):
        run_chasers()
        run_chasers()
    with time_machine.travel(datetime(2026, 1, 9, 7, 0, tzinfo=LONDON), tick=False):
        run_chasers()

    assert len(mailoutbox) == 1
    chase = mailoutbox[0]
    assert chase.to == ["boss@agency.example"]
    assert chase.subject == "Reminder: please approve training for Person 1"
    assert "/training/approvals/" in chase.body
    assert "If we have no answer by 19 January 2026" in chase.body
    requested.refresh_from_db()
    assert requested.status == BookingStatus.REQUESTED


@pytest.mark.django_db
def test_an_approval_unanswered_for_10_working_days_is_cancelled_and_the_place_moves_on(
    asked, mailoutbox
):
    requested, waiting = asked
    with time_machine.travel(datetime(2026, 1, 16, 23, 0, tzinfo=LONDON), tick=False):
        run_chasers()
    requested.refresh_from_db()
    assert requested.status == BookingStatus.REQUESTED  # 9 working days
    mailoutbox.clear()

    with time_machine.travel(datetime(2026, 1, 19, 7, 0, tzinfo=LONDON), tick=False):
        run_chasers()
        run_chasers()

    requested.refresh_from_db()
    waiting.refresh_from_db()
    assert requested.status == BookingStatus.CANCELLED
    assert requested.status_reason == "Your line manager did not answer within 10 working days"
    assert not requested.late_cancellation
    assert waiting.status == BookingStatus.OFFERED
    requested.session.refresh_from_db()
    assert requested.session.places_taken == 1
    told = [m for m in mailoutbox if m.to == [requested.email]]
    assert len(told) == 1
    assert told[0].subject.startswith("Booking cancelled: no approval for Level 3 Lead")
    assert "did not answer within 10 working days" in told[0].body
    assert any(m.to == [waiting.email] for m in mailoutbox)  # offered the place
    assert AuditEvent.objects.filter(event="training.booking.approval_expired").count() == 1


@pytest.mark.django_db
def test_an_answered_approval_is_neither_chased_nor_cancelled(asked, mailoutbox):
    requested, _ = asked
    commit(services.booking_approve, actor=ANON, booking=requested)
    mailoutbox.clear()
    for day in (8, 19, 26):
        with time_machine.travel(datetime(2026, 1, day, 9, 0, tzinfo=LONDON), tick=False):
            run_chasers()
    assert mailoutbox == []
    requested.refresh_from_db()
    assert requested.status == BookingStatus.BOOKED


@pytest.mark.django_db
def test_the_approval_clock_starts_when_an_offered_place_is_accepted(asked, mailoutbox):
    requested, waiting = asked
    with time_machine.travel(datetime(2026, 1, 12, 9, 0, tzinfo=LONDON), tick=False):
        commit(services.booking_decline, actor=ANON, booking=requested)
        commit(services.offer_accept, actor=ANON, booking=waiting)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.REQUESTED
    assert waiting.approval_requested_at == datetime(2026, 1, 12, 9, 0, tzinfo=LONDON)
    with time_machine.travel(datetime(2026, 1, 19, 9, 0, tzinfo=LONDON), tick=False):
        run_chasers()
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.REQUESTED  # 5 working days since it was asked
