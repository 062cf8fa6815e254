"""Writes for audit actions: change owner or due date, add progress updates, submit evidence,
and the business unit accepting it (closed on evidence) or sending it back."""

from __future__ import annotations

import mimetypes
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership
from safeguarding.assurance import workflow
from safeguarding.assurance.models import (
    AuditAction,
    AuditActionFile,
    AuditActionUpdate,
    UpdateKind,
)
from safeguarding.assurance.services.common import required
from safeguarding.assurance.services.returns import check_evidence_file
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send


def _lock(action: AuditAction) -> AuditAction:
    return (
        AuditAction.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=action.pk)
    )


@transaction.atomic
def action_change(*, actor, action: AuditAction, owner, due_on: date) -> AuditAction:
    action = _lock(action)
    workflow.ACTIONS.check(action.status, "edit")
    required(owner, "owner", "Choose the person who owns the action.")
    required(due_on, "due_on", "Enter the date the action is due.")
    if not AgencyMembership.objects.filter(agency=action.agency, user=owner).exists():
        raise ValidationError({"owner": f"The owner must work for {action.agency.name}."})
    before = snapshot(action, ["owner", "due_on"])
    action.owner, action.due_on = owner, due_on
    action.save(update_fields=["owner", "due_on", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_action.changed",
        target=action,
        before=before,
        after=snapshot(action, ["owner", "due_on"]),
    )
    return action


def _add(action: AuditAction, actor, kind: str, text: str) -> AuditActionUpdate:
    return AuditActionUpdate.objects.create(action=action, author=actor, kind=kind, text=text)


@transaction.atomic
def action_add_update(*, actor, action: AuditAction, text: str) -> AuditActionUpdate:
    action = _lock(action)
    workflow.ACTIONS.check(action.status, "update")
    text = (text or "").strip()
    required(text, "text", "Describe the progress made.")
    update = _add(action, actor, UpdateKind.UPDATE, text)
    action.save(update_fields=["updated_at"])
    audit_record(
        actor=actor, event="assurance.audit_action.updated", target=action, after={"text": text}
    )
    return update


@transaction.atomic
def action_submit_evidence(*, actor, action: AuditAction, text: str, files=()) -> AuditAction:
    """Evidence that the gap is closed: a description, with any files that show it (checked
    like the evidence files of a return: type, size, not empty)."""
    action = _lock(action)
    target = workflow.ACTIONS.check(action.status, "submit_evidence").target
    text = (text or "").strip()
    required(
        text,
        "text",
        "Describe the evidence that the gap is closed: what changed and how you know.",
    )
    files = list(files or [])
    for upload in files:
        check_evidence_file("files", upload)
    update = _add(action, actor, UpdateKind.EVIDENCE, text)
    for upload in files:
        name = Path(upload.name).name[:200]
        AuditActionFile.objects.create(
            update=update,
            file=upload,
            name=name,
            size=upload.size,
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            uploaded_by=actor,
        )
    action.status = target
    action.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_action.evidence_submitted",
        target=action,
        after={
            "status": target,
            "evidence": text,
            "files": [Path(f.name).name for f in files],
        },
    )
    return action


@transaction.atomic
def action_accept_evidence(*, actor, action: AuditAction, comment: str = "") -> AuditAction:
    action = _lock(action)
    target = workflow.ACTIONS.check(action.status, "accept").target
    comment = (comment or "").strip() or "Evidence accepted."
    _add(action, actor, UpdateKind.ACCEPTED, comment)
    action.status = target
    action.closed_on = timezone.localdate()
    action.closed_by = actor
    action.save(update_fields=["status", "closed_on", "closed_by", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_action.closed",
        target=action,
        after={"status": target, "comment": comment},
    )
    if action.owner:
        email_send(
            to=[action.owner.email],
            subject=f"Action closed: {action.title[:80]}",
            template="assurance/email/action_closed",
            context={"action": action, "comment": comment},
        )
    return action


@transaction.atomic
def action_send_back(*, actor, action: AuditAction, reason: str) -> AuditAction:
    action = _lock(action)
    target = workflow.ACTIONS.check(action.status, "send_back").target
    reason = (reason or "").strip()
    required(reason, "reason", "Say why the evidence is not enough and what is needed.")
    _add(action, actor, UpdateKind.SENT_BACK, reason)
    action.status = target
    action.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_action.evidence_sent_back",
        target=action,
        after={"status": target, "reason": reason},
    )
    return action
