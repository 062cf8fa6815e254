"""Evidence of impact waiting to be graded: the graders are emailed and see it on their
dashboard until it is graded."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from safeguarding.core.roles import Role
from safeguarding.reviews import services
from safeguarding.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_submitted_evidence_waits_for_a_grader_who_is_told(
    bu, partnership, agency, make_user, client, django_capture_on_commit_callbacks
):
    owner = make_user(Role.AGENCY_LEAD, agency=agency, email="owner@police.example")
    chair = make_user(Role.CHAIR, email="chair@testshire.example")
    review = ReviewFactory(partnership=partnership, status="final_agreed", title="Child Q")
    recommendation = services.recommendation_add(
        actor=bu,
        review=review,
        text="Bruising in non-mobile babies is always referred.",
        owner_agency=agency,
        owner_person=owner,
        target_on=date(2024, 3, 31),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        evidence = services.impact_evidence_submit(
            actor=owner, recommendation=recommendation, description="Staff survey: 80%."
        )
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([bu.email, "chair@testshire.example"])
    assert reverse("reviews:evidence-grade", args=[evidence.pk]) in mail.outbox[0].body

    client.force_login(chair)
    page = client.get("/dashboard/").content.decode()
    assert "Evidence of impact to grade" in page
    assert "Child Q: recommendation 1" in client.get("/approvals/").content.decode()
    services.impact_evidence_grade(actor=chair, evidence=evidence, grade="strong")
    assert "Evidence of impact to grade" not in client.get("/dashboard/").content.decode()
    client.force_login(owner)
    assert "Evidence of impact to grade" not in client.get("/dashboard/").content.decode()
