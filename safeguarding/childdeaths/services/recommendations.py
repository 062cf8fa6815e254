"""The panel's recommendations, closed on graded evidence of impact like reviews' own."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.childdeaths import audit_events
from safeguarding.childdeaths.models import (
    CdopRecommendation,
    ChildDeath,
    ImpactGrade,
    RecommendationStatus,
    Status,
)
from safeguarding.core.audit import audit_record, snapshot

FIELDS = ("text", "owner_agency", "target_on", "status", "impact_grade", "closed_on")


def recommendation_add(
    *, actor, death: ChildDeath, text: str, owner_agency, target_on: datetime.date
) -> CdopRecommendation:
    if death.status not in (Status.REVIEWED, Status.CLOSED):
        raise ValidationError("The panel makes recommendations once it has reviewed the death.")
    errors = {}
    if not text.strip():
        errors["text"] = "Enter the recommendation."
    if target_on < timezone.localdate():
        errors["target_on"] = "The target date cannot be in the past."
    if not set(owner_agency.partnerships.values_list("pk", flat=True)) & set(
        death.partnership_ids_for_rules()
    ):
        errors["owner_agency"] = "Choose an agency of the child's partnerships."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        recommendation = CdopRecommendation.objects.create(
            child_death=death, text=text.strip(), owner_agency=owner_agency, target_on=target_on
        )
        audit_record(
            actor=actor,
            event=audit_events.RECOMMENDATION_ADD,
            target=recommendation,
            after=snapshot(recommendation, FIELDS),
        )
    return recommendation


def recommendation_grade(
    *, actor, recommendation: CdopRecommendation, evidence: str, grade: str
) -> CdopRecommendation:
    """Grade the evidence of impact; strong evidence closes the recommendation."""
    if not recommendation.is_open:
        raise ValidationError("This recommendation is already closed.")
    errors = {}
    if not evidence.strip():
        errors["evidence"] = "Describe the evidence of impact."
    if grade not in ImpactGrade.values:
        errors["grade"] = "Choose a grade for the evidence."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = snapshot(recommendation, FIELDS)
        recommendation.impact_evidence = evidence.strip()
        recommendation.impact_grade = grade
        if grade == ImpactGrade.STRONG:
            recommendation.status = RecommendationStatus.CLOSED
            recommendation.closed_on = timezone.localdate()
        recommendation.save()
        audit_record(
            actor=actor,
            event=audit_events.RECOMMENDATION_GRADE,
            target=recommendation,
            before=before,
            after=snapshot(recommendation, FIELDS),
        )
    return recommendation
