"""URL keyword arguments for the core URL-access sweep (safeguarding/core/tests/
test_url_access.py): each function makes a record in the sweep's partnership."""

from __future__ import annotations

import datetime

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.childdeaths.tests.factories import AgencyReportFactory, ChildDeathFactory
from safeguarding.core.roles import Role


def death(partnership, user) -> dict:
    return {"pk": ChildDeathFactory(partnerships=[partnership]).pk}


def reviewed_death_recommendation(partnership, user) -> dict:
    found = ChildDeathFactory(partnerships=[partnership], status="reviewed", category="infection")
    recommendation = found.recommendations.create(
        text="Share the learning on sepsis.",
        owner_agency=found.notifying_agency,
        target_on=datetime.date(2030, 1, 1),
    )
    return {"pk": recommendation.pk}


def report_for_lead(partnership, user) -> dict:
    """A report asked of an agency; when the sweep's person is an agency lead, of theirs."""
    agency = AgencyFactory(partnerships=[partnership])
    user.role_assignments.filter(role=Role.AGENCY_LEAD, partnership=partnership).update(
        agency=agency
    )
    report = AgencyReportFactory(
        child_death=ChildDeathFactory(partnerships=[partnership]), agency=agency
    )
    return {"pk": report.pk}


def panel_meeting(partnership, user) -> dict:
    ChildDeathFactory(
        partnerships=[partnership],
        status="queued",
        panel_meeting_id=4242,
        panel_meeting_label="Child Death Overview Panel, 3 March 2025",
    )
    return {"meeting_id": 4242}
