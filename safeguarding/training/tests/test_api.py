"""The training API: courses, sessions with places, bookings scoped and made by the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework.test import APIClient

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.training import services
from safeguarding.training.models import Booking
from safeguarding.training.tests.conftest import commit, someone
from safeguarding.training.tests.factories import BookingFactory, CourseFactory, SessionFactory


def api_for(user) -> APIClient:
    _, raw = api_token_create(job="test", user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


@pytest.mark.django_db
def test_anonymous_callers_are_refused():
    assert APIClient().get("/api/v1/training/sessions/").status_code in (401, 403)


@pytest.mark.django_db
def test_sessions_show_capacity_booked_waiting_and_places_left(make_user, session):
    for n in range(4):
        commit(services.booking_create, actor=AnonymousUser(), session=session, **someone(n))
    response = api_for(make_user(Role.PRACTITIONER)).get(
        "/api/v1/training/sessions/", {"upcoming": "true"}
    )
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["capacity"] == 3 and row["booked"] == 3 and row["waiting"] == 1
    assert row["places_left"] == 0 and row["online"] is False
    assert "online_link" not in row


@pytest.mark.django_db
def test_courses_list_published_courses_with_outcomes(make_user, course):
    CourseFactory(partnership=course.partnership, is_published=False, title="Hidden draft")
    response = api_for(make_user(Role.PRACTITIONER)).get("/api/v1/training/courses/")
    titles = [c["title"] for c in response.json()["results"]]
    assert titles == ["Level 2 Safeguarding Children"]
    assert response.json()["results"][0]["learning_outcomes"] == [
        "Recognise signs of abuse",
        "Know how to make a referral",
    ]


@pytest.mark.django_db
def test_a_practitioner_books_themselves_through_the_same_rules(make_user, session, mailoutbox):
    user = make_user(Role.PRACTITIONER, email="casey@riverside.example")
    client = api_for(user)
    data = {
        "session": session.pk,
        "full_name": "Casey Marsh",
        "email": "casey@riverside.example",
        "job_role": "Youth worker",
        "sector": "voluntary",
        "organisation": "Riverside Youth Project",
    }
    response = client.post("/api/v1/training/bookings/", data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "booked"
    assert Booking.objects.get().user == user

    again = client.post("/api/v1/training/bookings/", data, format="json")
    assert again.status_code == 400
    assert "already has a booking on this session" in str(again.json())

    someone_else = client.post(
        "/api/v1/training/bookings/", {**data, "email": "other@riverside.example"}, format="json"
    )
    assert someone_else.status_code == 403
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_booking_a_past_session_through_the_api_is_refused(make_user, course):
    user = make_user(Role.PRACTITIONER)
    past = SessionFactory(course=course)
    type(past).objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2, hours=-2),
    )
    response = api_for(user).post(
        "/api/v1/training/bookings/",
        {**someone(1), "email": user.email, "session": past.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "already taken place" in str(response.json())
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_an_agency_lead_books_and_sees_their_staff_only(make_user, partnership, session):
    agency = AgencyFactory(partnerships=[partnership], sector="education")
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    client = api_for(lead)
    response = client.post(
        "/api/v1/training/bookings/",
        {**someone(1, sector="education"), "session": session.pk, "agency": agency.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    BookingFactory(session=session, email="stranger@elsewhere.example")

    listed = client.get("/api/v1/training/bookings/").json()
    assert [b["email"] for b in listed["results"]] == ["person1@agency.example"]

    other_agency = AgencyFactory(partnerships=[partnership])
    refused = client.post(
        "/api/v1/training/bookings/",
        {**someone(2), "session": session.pk, "agency": other_agency.pk},
        format="json",
    )
    assert refused.status_code == 403


@pytest.mark.django_db
def test_cancelling_through_the_api(make_user, session):
    user = make_user(Role.PRACTITIONER)
    booking = commit(
        services.booking_create,
        actor=user,
        session=session,
        user=user,
        **{**someone(1), "email": user.email},
    )
    stranger = BookingFactory(session=session)
    client = api_for(user)
    assert client.post(f"/api/v1/training/bookings/{stranger.pk}/cancel/").status_code == 404
    response = client.post(f"/api/v1/training/bookings/{booking.pk}/cancel/", {"reason": "Ill"})
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


@pytest.mark.django_db
def test_api_lists_cost_the_same_queries_for_3_or_30_rows(make_user, partnership, count_queries):
    user = make_user(Role.BUSINESS_UNIT)
    client = api_for(user)
    course = CourseFactory(partnership=partnership)

    def make(n):
        for _ in range(n):
            BookingFactory(session=SessionFactory(course=course))

    with time_machine.travel(timezone.now(), tick=False):  # the token's last use is not rewritten
        client.get(_URLS[0])
        make(3)
        counts = [count_queries(lambda u=u: client.get(u)) for u in _URLS]
        make(27)
        assert [count_queries(lambda u=u: client.get(u)) for u in _URLS] == counts


_URLS = ["/api/v1/training/courses/", "/api/v1/training/sessions/", "/api/v1/training/bookings/"]
