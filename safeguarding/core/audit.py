"""Writing the audit log. Services call these inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from safeguarding.core.models import AuditEvent


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


def audit_record(
    *,
    actor=None,
    job: str | None = None,
    event: str,
    target: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Record one event. Exactly one of ``actor`` (a user) or ``job`` (a system job) is given."""
    if (actor is None) == (job is None):
        raise ValueError("An audit event needs either an actor or a job, not both or neither.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            f"Audit event {event!r} must be written inside the change's transaction."
        )
    actor_user = actor if actor is not None and actor.is_authenticated else None
    label = job if job is not None else (getattr(actor, "email", "") or "anonymous")
    return AuditEvent.objects.create(
        actor=actor_user,
        actor_label=label if job is None else f"system: {job}",
        event=event,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )


def audit_read(*, actor, target: models.Model, event: str = "record.viewed") -> AuditEvent:
    """Log that a person read a confidential record (such as an unpublished review)."""
    with transaction.atomic():
        return audit_record(actor=actor, event=event, target=target)
