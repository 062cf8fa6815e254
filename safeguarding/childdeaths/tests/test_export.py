"""The national child mortality dataset export: the CDOP chair downloads the panel's
findings without identifiers, each export logged; members and others are refused."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from safeguarding.childdeaths.models import ModifiableFactor
from safeguarding.childdeaths.tests.factories import ChildDeathFactory
from safeguarding.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(partnership, agencies):
    death = ChildDeathFactory(
        reference="CD-T-SECRET-1",
        partnerships=[partnership],
        notifying_agency=agencies["health"],
        status="reviewed",
        category="sudden",
        modifiable=True,
        panel_theme="sudi",
        died_on=datetime.date(2024, 11, 17),
        notified_on=datetime.date(2024, 11, 18),
        panel_reviewed_on=datetime.date(2025, 5, 6),
        age_at_death_days=90,
        age_band="28_364d",
        learning_points='=HYPERLINK("http://bad.example") Safer sleep advice at discharge',
    )
    ModifiableFactor.objects.create(child_death=death, domain="family", modifiable=True)
    ModifiableFactor.objects.create(child_death=death, domain="child", modifiable=False)
    ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    return death


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_the_chair_downloads_the_findings_without_identifiers_and_it_is_logged(
    client, chair, reviewed
):
    client.force_login(chair)
    page = client.get(reverse("childdeaths:figures"))
    assert reverse("childdeaths:findings-export") in page.content.decode()
    response = client.get(reverse("childdeaths:findings-export"), {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    [row] = _rows(response)  # the death not yet reviewed is not a finding
    assert row["Row"] == "1"
    assert row["Month of death"] == "2024-11"
    assert row["Age band"] == "28 to 364 days"
    assert row["Category of death"] == "Sudden unexpected, unexplained death"
    assert row["Modifiable factors identified"] == "Yes"
    assert row["Modifiable: Family and environment"] == "Modifiable"
    assert row["Modifiable: Factors intrinsic to the child"] == "Not modifiable"
    assert row["Modifiable: Service provision"] == "Not assessed"
    assert row["Panel theme"] == "Sudden unexpected deaths in infancy"
    assert row["Panel review date"] == "2025-05-06"
    body = response.content.decode("utf-8-sig")
    assert "CD-T-SECRET-1" not in body and "17" not in row["Month of death"]
    assert "Safer sleep" not in body and "HYPERLINK" not in body  # no free text leaves
    event = AuditEvent.objects.get(event="childdeaths.findings.export", actor=chair)
    assert event.after["exported"] == ["CD-T-SECRET-1"]
    assert client.get(reverse("childdeaths:findings-export"), {"year": 2024}).status_code == 200
    assert _rows(client.get(reverse("childdeaths:findings-export"), {"year": 2024})) == []


def test_members_and_other_partnerships_are_refused_and_logged(
    client, member, chair, elsewhere, reviewed
):
    client.force_login(member)
    page = client.get(reverse("childdeaths:figures"))
    assert reverse("childdeaths:findings-export") not in page.content.decode()
    assert client.get(reverse("childdeaths:findings-export")).status_code == 403
    assert AuditEvent.objects.filter(event="childdeaths.death.refuse", actor=member).exists()
    client.force_login(chair)
    response = client.get(reverse("childdeaths:findings-export"), {"partnership": elsewhere.pk})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event="childdeaths.death.refuse", actor=chair).exists()
    assert not AuditEvent.objects.filter(event="childdeaths.findings.export").exists()


def test_the_command_writes_the_same_rows_and_logs_the_job(partnership, reviewed, tmp_path):
    output = tmp_path / "findings.csv"
    call_command(
        "child-deaths-export",
        "--partnership",
        partnership.slug,
        "--year",
        "2025",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    rows = list(csv.DictReader(io.StringIO(output.read_text())))
    assert [r["Category of death"] for r in rows] == ["Sudden unexpected, unexplained death"]
    assert "CD-T-SECRET-1" not in output.read_text()
    assert AuditEvent.objects.filter(
        event="childdeaths.findings.export", actor_label="system: child-deaths-export"
    ).exists()
