"""Fixtures for the yearly report and inspection tests."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from safeguarding.core.roles import Role
from safeguarding.reports import services


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def today_is_1_june_2024(time_machine):
    time_machine.move_to(datetime(2024, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)


@pytest.fixture
def bu(make_user):
    return make_user(Role.BUSINESS_UNIT, full_name="Bea Unit")


@pytest.fixture
def bu_client(client, bu):
    client.force_login(bu)
    return client


@pytest.fixture
def draft(bu, partnership):
    return services.report_create(
        actor=bu,
        partnership=partnership,
        title="Yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
    )


def sign_all(report, actor, on=date(2024, 5, 20)):
    for partner, name in [
        ("local_authority", "Sam Council"),
        ("health", "Ash Health"),
        ("police", "Chief Constable Lee"),
    ]:
        report = services.sign_off_record(
            actor=actor, report=report, partner=partner, signed_by_name=name, signed_on=on
        )
    return report


@pytest.fixture
def published(bu, draft):
    report = services.report_share(actor=bu, report=draft)
    report = sign_all(report, bu)
    return services.report_publish(actor=bu, report=report)
