"""Reach reports: opportunities, unique people, attendances, rates, by sector and more."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, LocalityFactory, PartnershipFactory
from safeguarding.core.roles import Role
from safeguarding.training.models import Booking, BookingStatus
from safeguarding.training.tests.conftest import reschedule, someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")
PERIOD = {"date_from": "2022-04-01", "date_to": "2023-03-31"}


def place(session, n, attendance="attended", **extra):
    return Booking.objects.create(
        session=session, status=BookingStatus.BOOKED, attendance=attendance, **someone(n, **extra)
    )


@pytest.fixture
def year(partnership):
    north = LocalityFactory(partnership=partnership, name="North")
    school = AgencyFactory(
        name="Oakfield Primary", sector="education", locality=north, partnerships=[partnership]
    )
    level_1 = CourseFactory(partnership=partnership, level="1", format="e_learning")
    level_3 = CourseFactory(partnership=partnership, level="3", format="face_to_face")
    conference = CourseFactory(partnership=partnership, level="specialist", format="conference")
    first = reschedule(SessionFactory(course=level_1), datetime(2022, 5, 4, 10, tzinfo=LONDON))
    second = reschedule(SessionFactory(course=level_3), datetime(2022, 9, 7, 10, tzinfo=LONDON))
    big = reschedule(
        SessionFactory(course=conference, capacity=500), datetime(2022, 10, 12, 9, tzinfo=LONDON)
    )
    cancelled = reschedule(SessionFactory(course=level_3), datetime(2022, 11, 1, 10, tzinfo=LONDON))
    cancelled.status = "cancelled"
    cancelled.save()
    outside = reschedule(SessionFactory(course=level_1), datetime(2023, 5, 4, 10, tzinfo=LONDON))
    other = CourseFactory(partnership=PartnershipFactory(slug="other-place"))
    elsewhere = reschedule(SessionFactory(course=other), datetime(2022, 6, 1, 10, tzinfo=LONDON))

    place(first, 1)  # voluntary, attends twice: one person
    place(second, 1)
    place(first, 2, attendance="absent")
    place(first, 3, sector="education", agency=school, organisation="Oakfield Primary")
    for n in range(10, 14):
        place(big, n, sector="health", organisation="Essex Partnership University NHS FT")
    Booking.objects.create(
        session=second, status=BookingStatus.CANCELLED, late_cancellation=True, **someone(4)
    )
    place(outside, 5)
    place(elsewhere, 6)
    return {"first": first}


@pytest.mark.django_db
def test_reach_counts_opportunities_people_and_attendances(signed_in, year):
    client = signed_in(Role.CHAIR)
    page = client.get(reverse("training:reports"), PERIOD).content.decode()

    assert "3 opportunities to 6 people" in page
    assert "7 attendances" in page
    assert "3 (1 cancelled)" in page  # opportunities delivered
    assert "1 (13%)" in page  # no-shows: 1 of 8 marked places
    assert "1, of which 1 late" in page


@pytest.mark.django_db
def test_reach_breaks_down_by_sector_organisation_locality_level_and_format(signed_in, year):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.get(reverse("training:reports-csv"), PERIOD)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    table = {(r[0], r[1]): r[2:] for r in rows[1:]}

    assert table[("Total", "All")][:4] == ["3", "8", "7", "6"]
    # Health is the largest group at the conference; the voluntary person counts once.
    assert table[("By sector", "Health")][2:4] == ["4", "4"]
    assert table[("By sector", "Voluntary, community and faith")][1:5] == ["3", "2", "1", "1"]
    assert table[("By organisation", "Oakfield Primary")][2] == "1"
    assert table[("By locality", "North")][2] == "1"
    assert table[("By locality", "Not known")][2] == "6"
    assert table[("By level", "Level 1")][:3] == ["1", "3", "2"]
    assert table[("By format", "Conference")][:3] == ["1", "4", "4"]


@pytest.mark.django_db
def test_reach_csv_neutralises_a_formula_typed_as_an_organisation(signed_in, year):
    formula = '=HYPERLINK("https://evil.example/","Click")'
    place(year["first"], 20, organisation=formula)
    response = signed_in(Role.BUSINESS_UNIT).get(reverse("training:reports-csv"), PERIOD)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    groups = [r[1] for r in rows if r[0] == "By organisation"]
    assert "'" + formula in groups and formula not in groups


@pytest.mark.django_db
def test_the_report_costs_the_same_queries_for_3_or_30_sessions(
    signed_in, partnership, count_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    course = CourseFactory(partnership=partnership)
    counter = iter(range(10_000))

    def make(n):
        for i in range(n):
            session = reschedule(
                SessionFactory(course=course),
                datetime(2022, 6, 1, 10, tzinfo=LONDON) + timedelta(days=i),
            )
            for _ in range(3):
                place(session, next(counter), organisation=f"Org {i}")

    make(3)
    few = count_queries(lambda: client.get(reverse("training:reports"), PERIOD))
    make(27)
    many = count_queries(lambda: client.get(reverse("training:reports"), PERIOD))
    assert few == many
