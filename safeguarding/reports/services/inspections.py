"""Keeping the inspection register and each inspection's action plan."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.reports import audit_events as codes
from safeguarding.reports.models import Inspection, InspectionAction

INSPECTION_FIELDS = ["type", "title", "inspected_on", "judgement", "report_url", "summary"]


@transaction.atomic
def inspection_add(
    *, actor=None, job: str | None = None, partnership, agencies=(), **data
) -> Inspection:
    inspection = Inspection(partnership=partnership, **data)
    if inspection.inspected_on and inspection.inspected_on > timezone.localdate():
        raise ValidationError(
            {"inspected_on": "The date of the inspection cannot be in the future."}
        )
    inspection.full_clean()
    inspection.save()
    inspection.agencies.set(agencies)
    audit_record(
        actor=actor,
        job=job,
        event=codes.INSPECTION_ADD,
        target=inspection,
        after=snapshot(inspection, [*INSPECTION_FIELDS, "agencies"]),
    )
    return inspection


@transaction.atomic
def inspection_action_add(
    *,
    actor=None,
    job: str | None = None,
    inspection: Inspection,
    text: str,
    due_on: date | None,
    owner_agency=None,
) -> InspectionAction:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the action."})
    if due_on is None:
        raise ValidationError({"due_on": "Enter the date the action is due."})
    action = InspectionAction.objects.create(
        inspection=inspection, text=text, due_on=due_on, owner_agency=owner_agency
    )
    audit_record(
        actor=actor,
        job=job,
        event=codes.INSPECTION_ACTION_ADD,
        target=action,
        after={"text": text, "due_on": due_on, "owner_agency": owner_agency},
    )
    return action


@transaction.atomic
def inspection_action_complete(
    *, actor=None, job: str | None = None, action: InspectionAction
) -> InspectionAction:
    action = InspectionAction.objects.select_for_update().get(pk=action.pk)
    if action.completed_on is not None:
        raise ValidationError(f"This action was completed on {action.completed_on:%-d %B %Y}.")
    action.completed_on = timezone.localdate()
    action.save(update_fields=["completed_on", "updated_at"])
    audit_record(
        actor=actor,
        job=job,
        event=codes.INSPECTION_ACTION_COMPLETE,
        target=action,
        after={"completed_on": action.completed_on},
    )
    return action
