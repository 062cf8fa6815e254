"""Reads for core pages: the audit log, filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from safeguarding.core.models import AuditEvent
from safeguarding.core.permissions import can_read_audit_log


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    event: str = ""
    target_type: str = ""
    target_id: str = ""
    since: date | None = None
    until: date | None = None


def audit_event_list(*, user, filters: AuditFilter) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.visible_to(user).select_related("actor")
    if filters.actor:
        events = events.filter(actor_label__icontains=filters.actor)
    if filters.event:
        events = events.filter(event__startswith=filters.event)
    if filters.target_type:
        events = events.filter(target_type=filters.target_type)
    if filters.target_id:
        events = events.filter(target_id=filters.target_id)
    zone = timezone.get_current_timezone()
    if filters.since:
        events = events.filter(occurred_at__gte=datetime.combine(filters.since, time.min, zone))
    if filters.until:
        events = events.filter(occurred_at__lte=datetime.combine(filters.until, time.max, zone))
    return events


def audit_event_codes(*, user) -> list[str]:
    return list(
        AuditEvent.objects.visible_to(user)
        .order_by("event")
        .values_list("event", flat=True)
        .distinct()
    )


def audit_target_types(*, user) -> list[str]:
    return list(
        AuditEvent.objects.visible_to(user)
        .exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )


def recent_activity(*, user, limit: int = 10) -> list[AuditEvent]:
    """The user's own recent actions; the business unit and chairs see everyone's in their
    partnerships."""
    events = AuditEvent.objects.select_related("actor")
    if can_read_audit_log(user):
        events = events.visible_to(user)
    else:
        events = events.filter(actor=user)
    return list(events[:limit])
