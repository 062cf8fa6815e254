"""Comments by the statutory partners on a report shared with them, and drafts in the API for
the staff of the report's partnership (published reports for everyone else)."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reports import services
from safeguarding.reports.models import ReportComment
from safeguarding.reports.tests.conftest import sign_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(make_user):
    return make_user(Role.SAFEGUARDING_PARTNER, full_name="Pat Partner")


def test_a_partner_comments_on_a_shared_draft_and_the_business_unit_reads_it(
    client, bu, partner, draft
):
    services.report_share(actor=bu, report=draft)
    client.force_login(partner)
    url = reverse("reports:comment", args=[draft.pk])
    response = client.post(url, {"section": "training", "text": "Add the impact survey."})
    assert response.status_code == 302
    comment = ReportComment.objects.get()
    assert comment.section == "training" and comment.author_name == "Pat Partner"
    assert AuditEvent.objects.filter(event="reports.comment.add", actor=partner).exists()

    client.force_login(bu)
    page = client.get(reverse("reports:report-detail", args=[draft.pk])).content.decode()
    assert "Pat Partner on Learning and development" in page
    assert "Add the impact survey." in page
    assert "Comment on the report" not in page  # the business unit reads, partners comment


def test_an_empty_comment_is_refused_with_a_message(client, bu, partner, draft):
    services.report_share(actor=bu, report=draft)
    client.force_login(partner)
    response = client.post(reverse("reports:comment", args=[draft.pk]), {"text": "  "})
    assert response.status_code == 400
    assert "Enter your comment." in response.content.decode()
    assert not ReportComment.objects.exists()


def test_comments_are_taken_only_while_the_report_is_shared(client, bu, partner, draft):
    client.force_login(partner)
    page = client.get(reverse("reports:report-detail", args=[draft.pk])).content.decode()
    assert "Comment on the report" not in page
    response = client.post(
        reverse("reports:comment", args=[draft.pk]), {"text": "Early view"}, follow=True
    )
    assert "Comments are taken while the report is shared" in response.content.decode()
    report = services.report_share(actor=bu, report=draft)
    sign_all(report, bu)
    response = client.post(
        reverse("reports:comment", args=[draft.pk]), {"text": "Too late"}, follow=True
    )
    assert "this report is signed off" in response.content.decode()
    assert not ReportComment.objects.exists()


def test_another_partnerships_partner_cannot_comment(client, bu, draft):
    services.report_share(actor=bu, report=draft)
    stranger = user_with_role(Role.SAFEGUARDING_PARTNER, partnership=PartnershipFactory())
    client.force_login(stranger)
    response = client.post(reverse("reports:comment", args=[draft.pk]), {"text": "Hello"})
    assert response.status_code == 404
    assert not ReportComment.objects.exists()


def _api(user) -> APIClient:
    api = APIClient()
    _, raw = api_token_create(job="test", user=user, name="test")
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return api


def test_staff_see_their_drafts_in_the_api_and_reading_one_is_logged(bu, partner, draft):
    other = services.report_create(
        actor=user_with_role(Role.BUSINESS_UNIT, partnership=(elsewhere := PartnershipFactory())),
        partnership=elsewhere,
        title="Elsewhere 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
    )
    api = _api(partner)
    data = api.get("/api/v1/yearly-reports/").json()
    assert [row["title"] for row in data["results"]] == ["Yearly report 2023–24"]
    row = data["results"][0]
    assert row["status"] == "draft"
    assert row["url"].endswith(reverse("reports:report-detail", args=[draft.pk]))
    assert api.get(f"/api/v1/yearly-reports/{draft.pk}/").status_code == 200
    assert AuditEvent.objects.filter(event="reports.report.view", actor=partner).exists()
    assert api.get(f"/api/v1/yearly-reports/{other.pk}/").status_code == 404
    assert api.get("/api/v1/yearly-reports/?status=published").json()["count"] == 0


def test_the_public_and_other_roles_see_no_drafts_in_the_api(make_user, draft):
    assert APIClient().get("/api/v1/yearly-reports/").json()["count"] == 0
    practitioner = make_user(Role.PRACTITIONER)
    assert _api(practitioner).get("/api/v1/yearly-reports/").json()["count"] == 0
    assert _api(practitioner).get(f"/api/v1/yearly-reports/{draft.pk}/").status_code == 404
