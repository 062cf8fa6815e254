"""The issue's "done when": a coordinator records a death, asks three agencies for reports,
the agencies submit them, a themed panel reviews the case, a recommendation goes to the
tracker and the figures count the case, with small numbers suppressed in public."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from safeguarding.childdeaths.disclosure import WITHHELD
from safeguarding.childdeaths.models import AgencyReport, ChildDeath
from safeguarding.core.models import AuditEvent


def _death_form(partnership, neighbour, agency, **changes):
    data = {
        "reference": "CD-2025-001",
        "partnerships": [str(partnership.pk), str(neighbour.pk)],
        "age_at_death_days": "120",
        "sex": "male",
        "ethnicity": "white",
        "place": "home",
        "died_on": "2025-01-10",
        "notified_on": "2025-01-11",
        "expected": "no",
        "notifying_agency": str(agency.pk),
        "serious_incident_notification": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db(transaction=False)
def test_the_whole_journey(
    client,
    partnership,
    neighbour,
    agencies,
    chair,
    lead_of,
    panel_meeting,
    django_capture_on_commit_callbacks,
):
    client.force_login(chair)
    response = client.post(
        reverse("childdeaths:new"), _death_form(partnership, neighbour, agencies["health"])
    )
    assert response.status_code == 302
    death = ChildDeath.objects.get(reference="CD-2025-001")
    assert set(death.partnership_ids_for_rules()) == {partnership.pk, neighbour.pk}
    assert death.age_band == "28_364d"

    leads = {
        key: lead_of(agencies[key], email=f"{key}@test.example")
        for key in ("health", "police", "social_care")
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("childdeaths:reports-request", args=[death.pk]),
            {"agencies": [str(agencies[k].pk) for k in leads]},
        )
    assert response.status_code == 302
    assert death.agency_reports.count() == 3
    assert {m.to[0] for m in mail.outbox} >= {"health@test.example", "police@test.example"}

    # The panel cannot go ahead while reports are outstanding (without the chair's reason).
    response = client.post(
        reverse("childdeaths:queue", args=[death.pk]),
        {"meeting": str(panel_meeting.pk), "theme": "sudi", "reason": ""},
    )
    assert response.status_code == 400
    assert "Agency reports are still outstanding" in response.content.decode()

    for key, lead in leads.items():
        report = AgencyReport.objects.get(child_death=death, agency=agencies[key])
        client.force_login(lead)
        assert (
            reverse("childdeaths:report-submit", args=[report.pk])
            in client.get(reverse("childdeaths:reports")).content.decode()
        )
        response = client.post(
            reverse("childdeaths:report-submit", args=[report.pk]),
            {"text": f"What {key} knew of the family."},
        )
        assert response.status_code == 302
    assert not death.agency_reports.filter(submitted_on__isnull=True).exists()

    client.force_login(chair)
    response = client.post(
        reverse("childdeaths:queue", args=[death.pk]),
        {"meeting": str(panel_meeting.pk), "theme": "sudi", "reason": ""},
    )
    assert response.status_code == 302
    review = {
        "category": "sudden",
        "learning_points": "Safer sleep advice at every health visit.",
        "child_modifiable": "no",
        "family_modifiable": "yes",
        "family_note": "Co-sleeping after alcohol.",
        "parenting_modifiable": "no",
        "services_modifiable": "no",
    }
    response = client.post(reverse("childdeaths:review", args=[death.pk]), review)
    assert response.status_code == 302
    death.refresh_from_db()
    assert death.status == "reviewed"
    assert death.category == "sudden"
    assert death.modifiable is True
    assert death.panel_theme == "sudi"

    response = client.post(
        reverse("childdeaths:recommendation-new", args=[death.pk]),
        {
            "text": "Every health visitor gives safer sleep advice at the new birth visit.",
            "owner_agency": str(agencies["health"].pk),
            "target_on": (datetime.date.today() + datetime.timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    tracker = client.get(reverse("core:tracker"))
    assert "Every health visitor gives safer sleep advice" in tracker.content.decode()
    assert AuditEvent.objects.filter(event="childdeaths.recommendation.tracker_view").exists()

    figures = client.get(reverse("childdeaths:figures"), {"year": 2025})
    assert figures.status_code == 200
    assert figures.context["figures"]["total"] == 1
    public = client.get(reverse("childdeaths:public-figures"))
    body = public.content.decode()
    assert "fewer than 5" in body
    assert public.context["figures"]["total"] == WITHHELD

    recommendation = death.recommendations.get()
    response = client.post(
        reverse("childdeaths:recommendation-grade", args=[recommendation.pk]),
        {"evidence": "Audit shows advice given at 96% of visits.", "grade": "strong"},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == "closed"
    response = client.post(reverse("childdeaths:close", args=[death.pk]))
    death.refresh_from_db()
    assert death.status == "closed"

    codes = set(AuditEvent.objects.values_list("event", flat=True))
    assert {
        "childdeaths.death.record",
        "childdeaths.report.request",
        "childdeaths.report.submit",
        "childdeaths.death.queue",
        "childdeaths.death.review",
        "childdeaths.recommendation.add",
        "childdeaths.recommendation.grade",
        "childdeaths.death.close",
    } <= codes
