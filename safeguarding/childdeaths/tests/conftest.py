"""Fixtures for the child death tests: a SET-like pair of partnerships, their agencies, the
CDOP chair and a member, and a CDOP body with a panel meeting."""

from __future__ import annotations

import pytest

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import BodyFactory, MeetingFactory


@pytest.fixture(autouse=True)
def fixed_targets(settings):
    settings.CHILD_DEATH_TARGETS = {
        "notification_days": 2,
        "report_days": 28,
        "panel_days": 183,
        "chase_every_days": 7,
    }


@pytest.fixture
def neighbour(db):
    return PartnershipFactory(slug="neighbourshire", name="Neighbourshire Safeguarding Partnership")


@pytest.fixture
def elsewhere(db):
    return PartnershipFactory(slug="farshire", name="Farshire Safeguarding Partnership")


@pytest.fixture
def agencies(partnership, neighbour):
    return {
        "health": AgencyFactory(
            name="Testshire Hospital",
            type="health_provider",
            sector="health",
            partnerships=[partnership, neighbour],
        ),
        "police": AgencyFactory(
            name="Testshire Police",
            type="police",
            sector="police",
            partnerships=[partnership, neighbour],
        ),
        "school": AgencyFactory(
            name="Testshire Academy",
            type="other",
            sector="education",
            partnerships=[partnership],
        ),
        "social_care": AgencyFactory(
            name="Testshire Children's Services",
            type="local_authority",
            sector="local_authority",
            partnerships=[partnership],
        ),
    }


@pytest.fixture
def chair(make_user, neighbour):
    from safeguarding.accounts.models import RoleAssignment

    user = make_user(Role.CDOP_CHAIR, email="chair@test.example")
    RoleAssignment.objects.create(user=user, partnership=neighbour, role=Role.CDOP_CHAIR)
    return user


@pytest.fixture
def member(make_user):
    return make_user(Role.CDOP_MEMBER, email="member@test.example")


@pytest.fixture
def lead_of(make_user):
    def make(agency, **kwargs):
        return make_user(Role.AGENCY_LEAD, agency=agency, **kwargs)

    return make


@pytest.fixture
def panel_meeting(partnership, neighbour):
    body = BodyFactory(
        name="Child Death Overview Panel", type="joint", partnerships=[partnership, neighbour]
    )
    return MeetingFactory(body=body)
