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


def recent_activity(*, user, limit: int = 5) -> list[dict]:
    """What has happened lately, in sentences: the business unit and chairs see what the audit
    log shows them, everyone else their own changes. Reads (``*.viewed``, lists and panels
    looked at, downloads) are never activity."""
    from safeguarding.core import activity

    events: QuerySet[AuditEvent] = (
        AuditEvent.objects.visible_to(user)
        if can_read_audit_log(user)
        else AuditEvent.objects.filter(actor=user)
    )
    events = activity.exclude_reads(events.select_related("actor"))
    now = timezone.now()
    return [
        {
            "sentence": activity.sentence(event, user),
            "when": activity.when(event.occurred_at, now),
            "iso": event.occurred_at.isoformat(),
        }
        for event in events[:limit]
    ]
