"""The CDOP dashboard panel: what waits on the panel, for its chair and members only,
in a number of queries that does not grow with the cases."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safeguarding.childdeaths.tests.factories import AgencyReportFactory, ChildDeathFactory
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def _cases(partnership, agencies, n):
    today = timezone.localdate()
    for _ in range(n):
        death = ChildDeathFactory(
            partnerships=[partnership],
            notifying_agency=agencies["health"],
            died_on=today - datetime.timedelta(days=400),
            notified_on=today - datetime.timedelta(days=399),
        )
        AgencyReportFactory(
            child_death=death, agency=agencies["police"], due_on=today - datetime.timedelta(1)
        )
    ChildDeathFactory(
        partnerships=[partnership],
        notifying_agency=agencies["health"],
        status="queued",
        died_on=today - datetime.timedelta(days=30),
        notified_on=today - datetime.timedelta(days=29),
    )


def test_the_panel_shows_cases_awaiting_the_panel_and_overdue_reports(
    client, member, partnership, agencies
):
    _cases(partnership, agencies, 2)
    client.force_login(member)
    page = client.get("/dashboard/").content.decode()
    assert "Child deaths: cases awaiting the panel and reports overdue" in page
    assert "3 cases awaiting panel review (1 queued for a panel meeting)" in page
    assert "2 past the 183-day target from death to panel review" in page
    assert "2 agency reports overdue, holding up 2 cases" in page


def test_the_panel_is_not_shown_to_others_or_when_nothing_waits(
    client, member, signed_in, partnership, agencies
):
    client.force_login(member)
    assert "cases awaiting the panel" not in client.get("/dashboard/").content.decode()
    _cases(partnership, agencies, 1)
    for role in (Role.PRACTITIONER, Role.AGENCY_LEAD, Role.BUSINESS_UNIT):
        page = signed_in(role).get("/dashboard/").content.decode()
        assert "cases awaiting the panel" not in page


def test_the_panel_queries_do_not_grow_with_cases(client, member, partnership, agencies):
    client.force_login(member)
    _cases(partnership, agencies, 1)
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/")
    _cases(partnership, agencies, 6)
    with CaptureQueriesContext(connection) as many:
        client.get("/dashboard/")
    assert len(many) == len(few)
