"""Fixtures for the case-review tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def agency(partnership):
    return AgencyFactory(
        name="Testshire Police", type="police", sector="police", partnerships=[partnership]
    )


@pytest.fixture
def other_agency(partnership):
    return AgencyFactory(
        name="Testshire Hospital",
        type="health_provider",
        sector="health",
        partnerships=[partnership],
    )


@pytest.fixture
def theme(db):
    return Theme.objects.get(name="Non-accidental injury")


@pytest.fixture
def bu(make_user):
    return make_user(Role.BUSINESS_UNIT, full_name="Bea Unit")


@pytest.fixture
def bu_client(client, bu):
    client.force_login(bu)
    client.user = bu
    return client


@pytest.fixture(autouse=True)
def today_is_1_june_2023(time_machine):
    """Every case-review test runs on Thursday 1 June 2023 at noon unless it moves the clock."""
    time_machine.move_to(datetime(2023, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
