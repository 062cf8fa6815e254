"""Writing the audit log. Services call these inside their transaction."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from safeguarding.core import audit_catalogue
from safeguarding.core.channels import audit_channel, current_channel
from safeguarding.core.models import (
    AuditEvent,
    AuditEventPartnership,
    audit_log_archiving,
)
from safeguarding.core.permissions import partnership_ids_of, roles_by_partnership

__all__ = ["audit_channel", "audit_read", "audit_record", "current_channel", "snapshot"]


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def _value(instance: models.Model, name: str) -> Any:
    if instance.pk is None and any(f.name == name for f in instance._meta.many_to_many):
        return []
    value = getattr(instance, name)
    if isinstance(value, models.Manager):
        # A many-to-many field: its members, sorted, so the before and after compare.
        return sorted(str(member) for member in value.all())
    return _jsonable(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a record, as JSON, for an audit event's before/after.

    A many-to-many field is recorded as the sorted list of its members' names."""
    return {name: _value(instance, name) for name in fields}


def _is_user_model(model_or_record) -> bool:
    # Through the instance's _meta, not type(): request.user is a lazy wrapper.
    return model_or_record._meta.label_lower == settings.AUTH_USER_MODEL.lower()


def _user_partnership_ids(user) -> set[int]:
    """A person's partnerships: where they hold a role, else where their agencies are.

    The roles come from what the request already read to check permissions (one query per
    request, not one per event: a dashboard logs several panels)."""
    if user.is_active:
        ids = set(roles_by_partnership(user))
    else:
        ids = set(user.role_assignments.values_list("partnership_id", flat=True))
    if not ids:
        ids = set(
            user.agency_memberships.exclude(agency__partnerships=None).values_list(
                "agency__partnerships", flat=True
            )
        )
    return ids


def audit_partnership_ids(target: models.Model | None, *, _depth: int = 0) -> set[int]:
    """The partnerships of the record an event is about; empty when it has none (system-wide).

    The record's own partnership(s) as the permission rules see them; a person's from their
    roles; otherwise the first parent record (a foreign key other than a person or an agency,
    then an agency) that has one — an update belongs to its action, a fee to its course.
    """
    if target is None or _depth > 3:
        return set()
    if _is_user_model(target):
        return _user_partnership_ids(target) if target.pk else set()
    ids = partnership_ids_of(target)
    if ids is not None:
        return set(ids)
    parents = [
        field
        for field in target._meta.concrete_fields
        if field.many_to_one and not _is_user_model(field.related_model)
    ]
    parents.sort(key=lambda field: field.name == "agency")  # the more specific parent first
    for field in parents:
        parent = getattr(target, field.name, None)
        found = audit_partnership_ids(parent, _depth=_depth + 1)
        if found:
            return found
    return set()


def audit_record(
    *,
    actor=None,
    job: str | None = None,
    event: str,
    target: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    partnerships: Iterable | None = None,
) -> AuditEvent:
    """Record one event. Exactly one of ``actor`` (a user) or ``job`` (a system job) is given.

    The event belongs to ``partnerships`` (partnerships or their ids) when given, otherwise
    to the partnerships of ``target``, or without a target to the acting person's; only
    their business unit and chairs read it. An event with none is system-wide, read by
    superusers only.
    """
    if settings.AUDIT_STRICT_CODES:
        audit_catalogue.require_declared(event)
    if (actor is None) == (job is None):
        raise ValueError("An audit event needs either an actor or a job, not both or neither.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            f"Audit event {event!r} must be written inside the change's transaction."
        )
    actor_user = actor if actor is not None and actor.is_authenticated else None
    label = job if job is not None else (getattr(actor, "email", "") or "anonymous")
    record = AuditEvent.objects.create(
        actor=actor_user,
        actor_label=label if job is None else f"system: {job}",
        event=event,
        channel=current_channel(),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )
    if partnerships is None and target is None and actor_user is not None:
        # About no one record (a list page seen, a refused attempt): the person's partnerships.
        partnership_ids = _user_partnership_ids(actor_user)
    elif partnerships is None:
        partnership_ids = audit_partnership_ids(target)
    else:
        partnership_ids = {getattr(p, "pk", p) for p in partnerships}
    AuditEventPartnership.objects.bulk_create(
        [AuditEventPartnership(event=record, partnership_id=pid) for pid in sorted(partnership_ids)]
    )
    return record


def audit_read(*, actor, target: models.Model, event: str = "core.record.viewed") -> AuditEvent:
    """Log that a person read a confidential record (such as an unpublished review)."""
    with transaction.atomic():
        return audit_record(actor=actor, event=event, target=target)


ARCHIVE_JOB = "archive-audit-log"


@dataclass(frozen=True)
class ArchiveResult:
    events: int
    path: Path
    checksum_path: Path | None
    sha256: str


def archive_audit_events(*, before: date, output: Path, today: date | None = None) -> ArchiveResult:
    """Write every audit event from before ``before`` to ``output`` (JSON lines) with a
    SHA-256 checksum beside it (``<output>.sha256``), then remove them: the only way an event
    ever leaves the log. One transaction: the events removed are exactly those written, and
    the archiving is itself an audit event (system-wide). Raises ``ValueError`` with what to
    fix when the date is inside the retention period or the file already exists."""
    today = today or timezone.localdate()
    retention = settings.AUDIT_LOG_RETENTION_DAYS
    latest = today - timedelta(days=retention)
    if before > latest:
        raise ValueError(
            f"Audit events are kept for {retention} days (AUDIT_LOG_RETENTION_DAYS), so "
            f"--before must be {latest.isoformat()} or earlier, not {before.isoformat()}."
        )
    output = Path(output)
    checksum_path = output.with_name(output.name + ".sha256")
    for path in (output, checksum_path):
        if path.exists():
            raise ValueError(f"{path} already exists. Choose a new --output file.")
    if not output.parent.is_dir():
        raise ValueError(f"The folder {output.parent} does not exist. Create it first.")
    cutoff = datetime.combine(before, time.min, timezone.get_current_timezone())
    with transaction.atomic():
        events = AuditEvent.objects.filter(occurred_at__lt=cutoff).order_by("occurred_at", "id")
        ids = list(events.values_list("id", flat=True))
        if not ids:
            audit_record(
                job=ARCHIVE_JOB,
                event="core.audit_log.archived",
                after={"before": before.isoformat(), "events": 0},
            )
            return ArchiveResult(0, output, None, "")  # no file for nothing
        links: dict[int, list[int]] = {}
        for event_id, partnership_id in AuditEventPartnership.objects.filter(
            event__occurred_at__lt=cutoff
        ).values_list("event_id", "partnership_id"):
            links.setdefault(event_id, []).append(partnership_id)
        try:
            digest = hashlib.sha256()
            with output.open("x", encoding="utf-8") as file:
                for event in events.iterator(chunk_size=2000):
                    line = json.dumps(_archived(event, links.get(event.pk, [])), sort_keys=True)
                    data = line + "\n"
                    digest.update(data.encode("utf-8"))
                    file.write(data)
                file.flush()
                os.fsync(file.fileno())
            sha256 = digest.hexdigest()
            if hashlib.sha256(output.read_bytes()).hexdigest() != sha256:
                raise RuntimeError(f"{output} does not read back as written; nothing was removed.")
            checksum_path.write_text(f"{sha256}  {output.name}\n", encoding="utf-8")
            _remove_archived(ids)
            audit_record(
                job=ARCHIVE_JOB,
                event="core.audit_log.archived",
                after={
                    "before": before.isoformat(),
                    "events": len(ids),
                    "file": str(output),
                    "sha256": sha256,
                },
            )
        except BaseException:
            # The events stay in the log (the transaction rolls back), so the file goes.
            output.unlink(missing_ok=True)
            checksum_path.unlink(missing_ok=True)
            raise
    return ArchiveResult(len(ids), output, checksum_path, sha256)


def _archived(event: AuditEvent, partnership_ids: list[int]) -> dict[str, Any]:
    return {
        "id": event.pk,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "event": event.event,
        "channel": event.channel,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "before": event.before,
        "after": event.after,
        "partnership_ids": sorted(partnership_ids),
    }


def _remove_archived(ids: list[int]) -> None:
    """Delete exactly these events, with the database's append-only trigger let through for
    this transaction only (PostgreSQL ``set_config(..., is_local => true)``)."""
    connection = transaction.get_connection()
    token = audit_log_archiving.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('safeguarding.audit_log_archiving', 'on', true)")
        removed = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            removed += (
                AuditEvent.objects.filter(pk__in=chunk).delete()[1].get(AuditEvent._meta.label, 0)
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('safeguarding.audit_log_archiving', '', true)")
    finally:
        audit_log_archiving.reset(token)
    if removed != len(ids):
        raise RuntimeError(
            f"Removing the archived events removed {removed}, not {len(ids)}; nothing changed."
        )
