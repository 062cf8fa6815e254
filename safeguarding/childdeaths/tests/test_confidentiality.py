"""Who sees a child death: the CDOP of the death's partnerships; agency leads only the report
asked of their agency; everybody else refused, and the refusal logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguarding.childdeaths.tests.factories import AgencyReportFactory, ChildDeathFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role


@pytest.fixture
def death(partnership, neighbour, agencies):
    return ChildDeathFactory(
        partnerships=[partnership, neighbour], notifying_agency=agencies["health"]
    )


@pytest.mark.django_db
def test_every_view_of_a_record_is_logged(client, member, death):
    client.force_login(member)
    assert client.get(reverse("childdeaths:detail", args=[death.pk])).status_code == 200
    assert client.get(reverse("childdeaths:detail", args=[death.pk])).status_code == 200
    views = AuditEvent.objects.filter(event="childdeaths.death.view", target_id=str(death.pk))
    assert views.count() == 2
    assert views.first().actor == member


@pytest.mark.django_db
def test_a_cdop_member_of_the_neighbouring_partnership_sees_a_shared_death(
    client, make_user, neighbour, death
):
    client.force_login(make_user(Role.CDOP_MEMBER, partnership=neighbour))
    assert client.get(reverse("childdeaths:detail", args=[death.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role",
    [
        Role.PRACTITIONER,
        Role.AGENCY_LEAD,
        Role.BUSINESS_UNIT,
        Role.CHAIR,
        Role.SAFEGUARDING_PARTNER,
    ],
)
def test_everybody_else_is_refused_and_the_refusal_is_logged(client, make_user, death, role):
    user = make_user(role)
    client.force_login(user)
    for url in (
        reverse("childdeaths:list"),
        reverse("childdeaths:detail", args=[death.pk]),
        reverse("childdeaths:figures"),
    ):
        assert client.get(url).status_code == 403
    assert AuditEvent.objects.filter(event="childdeaths.death.refuse", actor=user).count() == 3


@pytest.mark.django_db
def test_a_cdop_member_of_another_partnership_is_refused_and_logged(
    client, make_user, elsewhere, death
):
    outsider = make_user(Role.CDOP_CHAIR, partnership=elsewhere)
    client.force_login(outsider)
    assert client.get(reverse("childdeaths:detail", args=[death.pk])).status_code == 404
    listed = client.get(reverse("childdeaths:list"))
    assert death.reference not in listed.content.decode()
    assert AuditEvent.objects.filter(event="childdeaths.death.refuse", actor=outsider).exists()


@pytest.mark.django_db
def test_an_agency_lead_sees_only_the_report_asked_of_their_agency(
    client, lead_of, agencies, death
):
    asked = AgencyReportFactory(child_death=death, agency=agencies["police"])
    other = AgencyReportFactory(child_death=death, agency=agencies["health"])
    lead = lead_of(agencies["police"])
    client.force_login(lead)
    page = client.get(reverse("childdeaths:reports")).content.decode()
    assert reverse("childdeaths:report-submit", args=[asked.pk]) in page
    assert reverse("childdeaths:report-submit", args=[other.pk]) not in page
    assert client.get(reverse("childdeaths:report-submit", args=[asked.pk])).status_code == 200
    assert AuditEvent.objects.filter(event="childdeaths.report.view", actor=lead).exists()
    assert client.get(reverse("childdeaths:report-submit", args=[other.pk])).status_code == 404
    assert client.get(reverse("childdeaths:detail", args=[death.pk])).status_code == 403
    assert AuditEvent.objects.filter(event="childdeaths.report.refuse", actor=lead).exists()


@pytest.mark.django_db
def test_an_agency_lead_who_was_not_asked_cannot_submit(client, lead_of, agencies, death):
    asked = AgencyReportFactory(child_death=death, agency=agencies["police"])
    not_asked = lead_of(agencies["school"])
    client.force_login(not_asked)
    response = client.post(
        reverse("childdeaths:report-submit", args=[asked.pk]), {"text": "Not ours to send."}
    )
    assert response.status_code == 404
    asked.refresh_from_db()
    assert asked.submitted_on is None
    assert AuditEvent.objects.filter(event="childdeaths.report.refuse", actor=not_asked).exists()


@pytest.mark.django_db
def test_the_public_figures_need_no_sign_in_and_name_no_case(client, death):
    death.status = "reviewed"
    death.category = "infection"
    death.save()
    page = client.get(reverse("childdeaths:public-figures")).content.decode()
    assert death.reference not in page
    assert "fewer than 5" in page


@pytest.mark.django_db
def test_the_panel_pack_is_a_logged_pdf_for_the_cdop_only(
    client, member, make_user, elsewhere, death, agencies
):
    death.status = "queued"
    death.panel_meeting_id = 77
    death.panel_meeting_label = "Child Death Overview Panel, 3 March 2025"
    death.save()
    AgencyReportFactory(
        child_death=death,
        agency=agencies["police"],
        text="Police knew the family.",
        submitted_on=death.died_on,
    )
    client.force_login(member)
    response = client.get(reverse("childdeaths:panel-pack", args=[77]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    logged = AuditEvent.objects.get(event="childdeaths.pack.download", actor=member)
    assert logged.after["shown"] == [death.reference]
    outsider = make_user(Role.CDOP_CHAIR, partnership=elsewhere)
    client.force_login(outsider)
    assert client.get(reverse("childdeaths:panel-pack", args=[77])).status_code == 404
