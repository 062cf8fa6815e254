"""API (templates, campaigns with return rate, scoped returns) and the dashboard panels."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import Answer, ReturnStatus
from safeguarding.assurance.tests.factories import campaign, library, small_template
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def _api(user) -> Client:
    _, raw = api_token_create(job="test", user=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Token {raw}")


@pytest.fixture
def running(partnership):
    agencies = [AgencyFactory(name=f"Agency {n}", partnerships=[partnership]) for n in range(6)]
    made = campaign(
        partnership=partnership, version=small_template(), audience=Audience("everyone")
    )
    for agency in agencies[:5]:
        item = made.returns.get(agency=agency)
        item.status = ReturnStatus.SUBMITTED
        item.first_submitted_at = item.submitted_at = timezone.now()
        item.save()
    question = made.version.questions.get(key="lead")
    Answer.objects.create(
        audit_return=made.returns.get(agency=agencies[0]),
        question=question,
        rating=question.scale.levels.get(value=3),
        evidence="Board minutes",
    )
    return made


def test_campaigns_api_gives_the_live_return_rate(running, make_user):
    api = _api(make_user(Role.CHAIR))
    response = api.get("/api/v1/audit-campaigns/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert (item["invited"], item["returned"], item["return_rate"]) == (6, 5, 83.3)
    assert item["closes_on"] == running.closes_on.isoformat()
    results = api.get(f"/api/v1/audit-campaigns/{running.pk}/results/").json()
    lead = next(s for s in results["standards"] if s["reference"] == "1.1")
    assert (lead["fully_met"], lead["pct_fully_met"]) == (1, 100.0)
    assert results["return_rate_by"]["type"][0]["rate"] == 83.3


def test_returns_api_is_scoped_to_the_organisation(running, make_user):
    agency = running.returns.order_by("agency__name").first().agency
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    body = _api(lead).get("/api/v1/audit-returns/").json()
    assert [r["agency_name"] for r in body["results"]] == [agency.name]
    detail = _api(lead).get(f"/api/v1/audit-returns/{body['results'][0]['id']}/").json()
    assert detail["answers"][0]["rating"] == 3
    assert detail["answers"][0]["summary"] == "Fully met. Evidence: Board minutes"
    other = running.returns.exclude(agency=agency).first()
    assert _api(lead).get(f"/api/v1/audit-returns/{other.pk}/").status_code == 404
    staff = _api(make_user(Role.SAFEGUARDING_PARTNER)).get("/api/v1/audit-returns/").json()
    assert staff["count"] == 6
    # Agency leads cannot list campaigns or templates.
    assert _api(lead).get("/api/v1/audit-campaigns/").status_code == 403
    assert _api(lead).get("/api/v1/audit-templates/").status_code == 403


def test_templates_api_lists_versions_and_the_current_standards(make_user):
    version = library("section_11")
    api = _api(make_user(Role.BUSINESS_UNIT))
    body = api.get("/api/v1/audit-templates/").json()
    assert body["count"] == 5  # the four audit tools and the yearly report contribution
    detail = api.get(f"/api/v1/audit-templates/{version.template.pk}/").json()
    current = detail["current_version"]
    assert current["number"] == 1 and current["status"] == "published"
    first_standard = current["sections"][1]["questions"][0]
    assert first_standard["reference"] == "1.1"
    assert [lvl["label"] for lvl in first_standard["scale"]] == [
        "Not met",
        "Partly met",
        "Fully met",
    ]


def test_dashboard_panels(client, running, make_user):
    agency = running.returns.filter(status="not_started").get().agency
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    client.force_login(lead)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Your organisation&#x27;s audit returns" in page
    assert "Section 11 audit 2024" in page
    assert "Audit return rates" not in page
    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Audit return rates" in page and "83.3%" in page and "5 of 6" in page


def test_the_assurance_start_page_fits_the_role(client, running, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    page = client.get(reverse("assurance:index")).content.decode()
    assert "Start a new campaign" in page and "83.3%" in page
    client.force_login(make_user(Role.PRACTITIONER))
    assert client.get(reverse("assurance:index")).status_code == 403
