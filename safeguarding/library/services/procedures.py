"""Procedures: adding one, recording a new version, changing its status, and reminding its
owner before the review date."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core import offers
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.services import model_update
from safeguarding.library.audit_events import (
    PROCEDURE_CREATE,
    PROCEDURE_REVIEW_REMIND,
    PROCEDURE_STATUS_CHANGE,
    PROCEDURE_UPDATE,
    PROCEDURE_VERSION_ADD,
)
from safeguarding.library.models import Procedure, ProcedureStatus, ProcedureVersion

REMIND_DAYS_BEFORE = (60, 14)


def procedure_create(
    *,
    actor=None,
    job: str | None = None,
    partnerships,
    title: str,
    kind: str,
    summary: str = "",
    owner=None,
    owner_agency=None,
    review_due_on: date | None = None,
    themes=(),
) -> Procedure:
    partnerships = list(partnerships)
    if not partnerships:
        raise ValidationError("Choose at least one partnership the procedure belongs to.")
    if Procedure.objects.filter(title__iexact=title.strip()).exists():
        raise ValidationError(f"There is already a procedure called “{title.strip()}”.")
    with transaction.atomic():
        procedure = Procedure(
            title=title.strip(),
            kind=kind,
            summary=summary,
            owner=owner,
            owner_agency=owner_agency,
            review_due_on=review_due_on,
        )
        procedure.full_clean()
        procedure.save()
        procedure.partnerships.set(partnerships)
        procedure.themes.set(themes)
        audit_record(
            actor=actor,
            job=job,
            event=PROCEDURE_CREATE,
            target=procedure,
            after=snapshot(procedure, ["title", "kind", "status", "review_due_on", "themes"]),
            partnerships=partnerships,
        )
        return procedure


def _decision_label(decision_id: int | None, user) -> str:
    """The approving decision's title, read through the governance offer (never its models).

    Refused when the person could not see that decision."""
    if decision_id is None:
        return ""
    try:
        decisions = offers.offered("governance.decisions")
    except LookupError:
        raise ValidationError("Decisions cannot be linked: governance is not installed.") from None
    label = decisions.decision_label(decision_id=decision_id, user=user)
    if not label:
        raise ValidationError(
            "There is no decision with that number that you can see. Check the decision "
            "register and enter its number."
        )
    return label


def procedure_version_add(
    *,
    actor=None,
    job: str | None = None,
    procedure: Procedure,
    version: str,
    effective_on: date,
    change_summary: str,
    approving_body: str = "",
    decision_id: int | None = None,
    link: str = "",
    decision_user=None,
) -> ProcedureVersion:
    """Record a new version; it becomes the current one (the procedure is current again)."""
    version = version.strip()
    if not version:
        raise ValidationError("Enter the version number, such as 2.1.")
    if not change_summary.strip():
        raise ValidationError("Say what changed in this version.")
    if procedure.versions.filter(version=version).exists():
        raise ValidationError(f"Version {version} of this procedure is already recorded.")
    label = _decision_label(decision_id, decision_user if decision_user is not None else actor)
    with transaction.atomic():
        record = ProcedureVersion(
            procedure=procedure,
            version=version,
            effective_on=effective_on,
            change_summary=change_summary.strip(),
            approving_body=approving_body.strip(),
            decision_id=decision_id,
            decision_label=label,
            link=link,
        )
        record.full_clean()
        record.save()
        if procedure.status in (ProcedureStatus.UNDER_REVIEW, ProcedureStatus.DRAFT):
            procedure.status = ProcedureStatus.CURRENT
            procedure.status_note = ""
            procedure.save(update_fields=["status", "status_note", "updated_at"])
        audit_record(
            actor=actor,
            job=job,
            event=PROCEDURE_VERSION_ADD,
            target=procedure,
            after=snapshot(record, ["version", "effective_on", "approving_body", "decision_label"]),
        )
        return record


def procedure_status_change(
    *, actor=None, job: str | None = None, procedure: Procedure, status: str, note: str = ""
) -> Procedure:
    if status not in ProcedureStatus.values:
        raise ValidationError("Choose current, under review or withdrawn.")
    if status in (ProcedureStatus.UNDER_REVIEW, ProcedureStatus.WITHDRAWN) and not note.strip():
        raise ValidationError(
            "Say why the procedure is under review or withdrawn: the public page shows it."
        )
    with transaction.atomic():
        before = snapshot(procedure, ["status", "status_note"])
        procedure.status = status
        procedure.status_note = note.strip()
        procedure.save(update_fields=["status", "status_note", "updated_at"])
        audit_record(
            actor=actor,
            job=job,
            event=PROCEDURE_STATUS_CHANGE,
            target=procedure,
            before=before,
            after=snapshot(procedure, ["status", "status_note"]),
        )
        return procedure


PROCEDURE_FIELDS = [
    "title",
    "kind",
    "summary",
    "owner",
    "review_due_on",
    "status",
    "status_note",
    "partnerships",
    "themes",
]


def _procedure_snapshot(procedure: Procedure) -> dict:
    return {
        **snapshot(
            procedure, ["title", "kind", "summary", "review_due_on", "status", "status_note"]
        ),
        "owner": procedure.owner.email if procedure.owner is not None else None,
        "partnerships": sorted(procedure.partnerships.values_list("slug", flat=True)),
        "themes": sorted(procedure.themes.values_list("slug", flat=True)),
    }


def procedure_update(
    *, actor=None, job: str | None = None, procedure: Procedure, data: dict, managed=()
) -> Procedure:
    """Change a document's own details. ``managed`` are the partnerships whose business unit
    the person is in: they may add or remove those; a SET-wide document keeps the other
    partnerships it belongs to whatever the form says."""
    data = dict(data)
    if "title" in data:
        title = (data["title"] or "").strip()
        if not title:
            raise ValidationError({"title": "Enter the document's title"})
        if Procedure.objects.filter(title__iexact=title).exclude(pk=procedure.pk).exists():
            raise ValidationError({"title": f"There is already a procedure called “{title}”."})
    status = data.get("status", procedure.status)
    if status not in ProcedureStatus.values:
        raise ValidationError({"status": "Choose current, under review or withdrawn."})
    note = (data.get("status_note", procedure.status_note) or "").strip()
    if status in (ProcedureStatus.UNDER_REVIEW, ProcedureStatus.WITHDRAWN) and not note:
        raise ValidationError(
            {
                "status_note": "Say why the procedure is under review or withdrawn: the "
                "public page shows it."
            }
        )
    if status == ProcedureStatus.CURRENT:
        data["status_note"] = ""
    if "partnerships" in data:
        managed_ids = {p.pk for p in managed}
        chosen = [p for p in data["partnerships"] if p.pk in managed_ids]
        kept = [p for p in procedure.partnerships.all() if p.pk not in managed_ids]
        data["partnerships"] = chosen + kept
        if not data["partnerships"]:
            raise ValidationError({"partnerships": "Choose at least one partnership"})
    with transaction.atomic():
        procedure, _ = model_update(
            procedure,
            fields=PROCEDURE_FIELDS,
            data=data,
            actor=actor,
            job=job,
            event=PROCEDURE_UPDATE,
            describe=_procedure_snapshot,
            strip=True,
        )
        return procedure


def procedure_review_reminders(*, run) -> None:
    """Email each owner 60 and 14 days before the review date (and once when overdue);
    each reminder is claimed with ``run.once`` so it is sent once however often the
    schedule runs."""
    today = run.now.date()
    due = (
        Procedure.objects.exclude(status__in=[ProcedureStatus.WITHDRAWN, ProcedureStatus.DRAFT])
        .filter(owner__isnull=False, owner__is_active=True, review_due_on__isnull=False)
        .filter(review_due_on__lte=today + timedelta(days=max(REMIND_DAYS_BEFORE)))
        .select_related("owner")
    )
    for procedure in due:
        owner = procedure.owner
        if owner is None:  # the query keeps only procedures with an owner
            continue
        days_left = (procedure.review_due_on - today).days
        stage = "overdue" if days_left < 0 else min(d for d in REMIND_DAYS_BEFORE if days_left <= d)
        with transaction.atomic():
            if not run.once(f"procedure-review:{procedure.pk}:{procedure.review_due_on}:{stage}"):
                continue
            email_send(
                to=[owner.email],
                subject=f"Review due: {procedure.title}",
                template="library/email/procedure_review",
                context={"procedure": procedure, "days_left": days_left},
            )
            audit_record(
                job=run.job,
                event=PROCEDURE_REVIEW_REMIND,
                target=procedure,
                after={"owner": owner.email, "review_due_on": procedure.review_due_on},
            )
