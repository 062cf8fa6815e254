"""/api/v1/child-deaths/: exactly the issue's fields, scoped as the pages, every read logged."""

from __future__ import annotations

import datetime

import pytest

from safeguarding.accounts.services import api_token_create
from safeguarding.childdeaths.tests.factories import ChildDeathFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def deaths(partnership, elsewhere, agencies):
    ours = ChildDeathFactory(
        reference="CD-2025-007",
        partnerships=[partnership],
        notifying_agency=agencies["health"],
        age_at_death_days=5,
        age_band="0_27d",
        expected=True,
        status="reviewed",
        panel_reviewed_on=datetime.date(2025, 9, 1),
        category="perinatal",
        modifiable=False,
    )
    theirs = ChildDeathFactory(reference="CD-FAR-001", partnerships=[elsewhere])
    return ours, theirs


def test_the_api_gives_exactly_the_fields_the_issue_names(client, member, deaths):
    ours, _ = deaths
    token, key = api_token_create(job="test", user=member, name="cdop")
    result = client.get("/api/v1/child-deaths/", HTTP_AUTHORIZATION=f"Token {key}").json()
    assert result["count"] == 1
    assert result["results"] == [
        {
            "reference": "CD-2025-007",
            "age_band": "0_27d",
            "expected": True,
            "notified_on": "2025-03-04",
            "panel_reviewed_on": "2025-09-01",
            "category": "perinatal",
            "modifiable": False,
        }
    ]
    one = client.get("/api/v1/child-deaths/CD-2025-007/", HTTP_AUTHORIZATION=f"Token {key}")
    assert one.json()["category"] == "perinatal"
    assert AuditEvent.objects.filter(
        event="childdeaths.death.view", target_id=str(ours.pk)
    ).exists()
    listed = AuditEvent.objects.get(event="childdeaths.death.list_view")
    assert listed.after["shown"] == ["CD-2025-007"]


def test_the_api_is_scoped_as_the_pages_are(signed_in, deaths):
    practitioner = signed_in(Role.PRACTITIONER)
    assert practitioner.get("/api/v1/child-deaths/").status_code == 403
    lead = signed_in(Role.AGENCY_LEAD)
    assert lead.get("/api/v1/child-deaths/").status_code == 403
    member = signed_in(Role.CDOP_MEMBER)
    assert member.get("/api/v1/child-deaths/CD-FAR-001/").status_code == 404
    assert [r["reference"] for r in member.get("/api/v1/child-deaths/").json()["results"]] == [
        "CD-2025-007"
    ]
