"""Dashboard panels: your bookings, your staff's training, this week's sessions, waiting lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.training import services
from safeguarding.training.tests.conftest import commit, someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory


@pytest.mark.django_db
def test_the_business_unit_sees_this_weeks_sessions_and_waiting_lists(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    soon = SessionFactory(
        course=CourseFactory(partnership=partnership, title="Neglect briefing"),
        capacity=1,
        starts_at=timezone.now() + timedelta(days=2),
    )
    for n in range(3):
        commit(services.booking_create, actor=AnonymousUser(), session=soon, **someone(n))
    page = client.get("/dashboard/").content.decode()
    assert "Training sessions this week" in page
    assert "Neglect briefing" in page and "1 of 1" in page
    assert "Training waiting lists" in page and "2 waiting" in page


@pytest.mark.django_db
def test_a_practitioner_sees_their_upcoming_training(signed_in, session):
    client = signed_in(Role.PRACTITIONER)
    commit(
        services.booking_create,
        actor=client.user,
        session=session,
        user=client.user,
        **{**someone(1), "email": client.user.email},
    )
    page = client.get("/dashboard/").content.decode()
    assert "Your training" in page and session.course.title in page
    assert "Training sessions this week" not in page


@pytest.mark.django_db
def test_an_agency_lead_sees_their_staffs_training(signed_in, partnership, session):
    agency = AgencyFactory(partnerships=[partnership])
    client = signed_in(Role.AGENCY_LEAD, agency=agency)
    commit(
        services.booking_create,
        actor=AnonymousUser(),
        session=session,
        agency=agency,
        **someone(1),
    )
    page = client.get("/dashboard/").content.decode()
    assert "Your staff&#x27;s training" in page or "Your staff's training" in page
    assert "1 booking for your staff." in page
    assert 'href="/training/agency/"' in page
