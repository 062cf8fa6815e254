"""The register, no-shows, walk-ins and the charges list."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.training import services
from safeguarding.training.models import Booking, BookingStatus, Session
from safeguarding.training.tests.conftest import commit, reschedule, someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")
DAY = datetime(2026, 6, 10, 9, 30, tzinfo=LONDON)


@pytest.fixture
def bu(signed_in):
    return signed_in(Role.BUSINESS_UNIT)


def booked(session, n, **extra) -> Booking:
    with time_machine.travel(DAY - timedelta(days=20), tick=False):
        return commit(
            services.booking_create, actor=AnonymousUser(), session=session, **someone(n, **extra)
        )


@pytest.fixture
def held(partnership):
    """A session on 10 June 2026 with three people booked."""
    session = SessionFactory(course=CourseFactory(partnership=partnership), capacity=5)
    reschedule(session, DAY)
    people = [booked(session, n) for n in range(3)]
    return session, people


@pytest.mark.django_db
def test_the_register_opens_on_the_day(bu, held):
    session, people = held
    url = reverse("training:register", args=[session.pk])
    with time_machine.travel(DAY - timedelta(days=1), tick=False):
        response = bu.post(url, {f"attendance_{people[0].pk}": "attended"})
    assert "The register opens on the day of the session. Come back on 10 June 2026." in (
        response.content.decode()
    )
    people[0].refresh_from_db()
    assert people[0].attendance == ""


@pytest.mark.django_db
def test_taking_the_register_counts_no_shows(bu, held):
    session, people = held
    url = reverse("training:register", args=[session.pk])
    with time_machine.travel(DAY + timedelta(hours=4), tick=False):
        page = bu.get(url).content.decode()
        assert "3 people with a confirmed place · 3 not marked yet" in page
        response = bu.post(
            url,
            {
                f"attendance_{people[0].pk}": "attended",
                f"attendance_{people[1].pk}": "late",
                f"attendance_{people[2].pk}": "absent",
            },
        )
        assert response.status_code == 302
        page = bu.get(url).content.decode()
        manage = bu.get(reverse("training:session-manage", args=[session.pk])).content.decode()
    assert "0 not marked yet · 1 did not attend" in page
    marks = dict(Booking.objects.values_list("email", "attendance"))
    assert marks == {
        "person0@agency.example": "attended",
        "person1@agency.example": "late",
        "person2@agency.example": "absent",
    }
    assert "2 attended" in manage


@pytest.mark.django_db
def test_attendance_is_only_for_people_with_a_confirmed_place(held, make_user):
    session, people = held
    staff = make_user(Role.BUSINESS_UNIT)
    with time_machine.travel(DAY - timedelta(days=5), tick=False):
        cancelled = commit(services.booking_cancel, actor=AnonymousUser(), booking=people[0])
    with (
        time_machine.travel(DAY + timedelta(hours=1), tick=False),
        pytest.raises(ValidationError, match="confirmed place"),
    ):
        services.attendance_record(actor=staff, session=session, marks={cancelled.pk: "attended"})


@pytest.mark.django_db
def test_someone_who_came_without_booking_is_added(bu, held):
    session, _ = held
    with time_machine.travel(DAY + timedelta(hours=1), tick=False):
        response = bu.post(
            reverse("training:attendee-add", args=[session.pk]),
            {
                "full_name": "Walk In",
                "email": "walk.in@scouts.example",
                "organisation": "Forest Scouts",
                "job_role": "Leader",
                "sector": "voluntary",
                "attendance": "attended",
            },
        )
    assert response.status_code == 302
    walk_in = Booking.objects.get(email="walk.in@scouts.example")
    assert walk_in.attended and walk_in.status_reason == "Added to the register on the day"
    session.refresh_from_db()
    assert session.places_taken == 4


@pytest.mark.django_db
def test_charges_collect_fees_no_shows_and_late_cancellations_by_organisation(
    bu, partnership, make_user
):
    staff = make_user(Role.BUSINESS_UNIT)
    oakfield = AgencyFactory(name="Oakfield Primary School", partnerships=[partnership])
    paid = SessionFactory(course=CourseFactory(partnership=partnership, standard_fee=40))
    free = SessionFactory(course=CourseFactory(partnership=partnership, standard_fee=0))
    reschedule(paid, DAY)
    reschedule(free, DAY + timedelta(days=1))
    came = booked(paid, 1, agency=oakfield)
    no_show = booked(paid, 2, agency=oakfield)
    free_no_show = booked(free, 3, organisation="Harbour Lights")
    free_came = booked(free, 4, organisation="Harbour Lights")
    late = booked(free, 5, organisation="Harbour Lights")
    with time_machine.travel(DAY - timedelta(days=1), tick=False):
        commit(services.booking_cancel, actor=AnonymousUser(), booking=late)
    with time_machine.travel(DAY + timedelta(days=2), tick=False):
        services.attendance_record(
            actor=staff, session=paid, marks={came.pk: "attended", no_show.pk: "absent"}
        )
        services.attendance_record(
            actor=staff, session=free, marks={free_no_show.pk: "absent", free_came.pk: "attended"}
        )

    period = {"date_from": "2026-06-01", "date_to": "2026-06-30"}
    page = bu.get(reverse("training:charges"), period).content.decode()
    assert "Oakfield Primary School: £80.00" in page
    assert "Harbour Lights: £50.00" in page
    assert "4 charges to 2 organisations, £130.00 in all." in page

    response = bu.get(reverse("training:charges-csv"), period)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Organisation", "Name"]
    reasons = sorted((r[0], r[5], r[7]) for r in rows[1:])
    assert reasons == [
        ("Harbour Lights", "Late cancellation", "25.00"),
        ("Harbour Lights", "No-show", "25.00"),
        ("Oakfield Primary School", "No-show", "40.00"),
        ("Oakfield Primary School", "Place", "40.00"),
    ]


@pytest.mark.django_db
def test_a_cancelled_session_charges_nobody(bu, held, make_user):
    session, people = held
    with time_machine.travel(DAY - timedelta(days=2), tick=False):
        services.session_cancel(actor=make_user(Role.BUSINESS_UNIT), session=session, reason="Ill")
    page = bu.get(
        reverse("training:charges"), {"date_from": "2026-06-01", "date_to": "2026-06-30"}
    ).content.decode()
    assert "Nothing to charge in this period." in page
    assert Session.objects.get().places_taken == 0
    assert set(Booking.objects.values_list("status", flat=True)) == {
        BookingStatus.SESSION_CANCELLED
    }


@pytest.mark.django_db
def test_the_charges_page_costs_the_same_queries_for_3_or_30_organisations(
    bu, partnership, count_queries
):
    session = reschedule(
        SessionFactory(course=CourseFactory(partnership=partnership, standard_fee=10), capacity=60),
        DAY,
    )
    url = reverse("training:charges")
    period = {"date_from": "2026-06-01", "date_to": "2026-06-30"}

    def make(start, n):
        for i in range(start, start + n):
            Booking.objects.create(
                session=session,
                status=BookingStatus.BOOKED,
                attendance="attended",
                fee=10,
                agency=AgencyFactory(partnerships=[partnership]),
                **someone(i),
            )

    make(0, 3)
    few = count_queries(lambda: bu.get(url, period))
    make(3, 27)
    many = count_queries(lambda: bu.get(url, period))
    assert few == many


@pytest.mark.django_db
def test_charges_csv_neutralises_a_formula_typed_into_a_booking(bu, partnership, make_user):
    """Whoever books a place types their organisation; a formula there comes out inert."""
    formula = '=HYPERLINK("https://evil.example/","Click")'
    paid = SessionFactory(course=CourseFactory(partnership=partnership, standard_fee=40))
    reschedule(paid, DAY)
    place = booked(paid, 1, organisation=formula)
    with time_machine.travel(DAY + timedelta(days=2), tick=False):
        services.attendance_record(
            actor=make_user(Role.BUSINESS_UNIT), session=paid, marks={place.pk: "attended"}
        )
    period = {"date_from": "2026-06-01", "date_to": "2026-06-30"}
    response = bu.get(reverse("training:charges-csv"), period)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r[0], r[7]) for r in rows[1:]] == [("'" + formula, "40.00")]
