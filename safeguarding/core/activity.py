"""Recent activity in plain sentences: "Alex Smith approved the key message “Neglect”".

Audit events carry codes such as ``key_message.approve``; people read sentences. Reads of
records and lists (``*.viewed``, ``*.list_viewed``, ``*.panel_viewed``, downloads) are kept in
the audit log but are never activity: they would tell a reader what others looked at.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from safeguarding.core.formatting import govuk_date, govuk_time

# Events that record someone reading, not changing, something.
_READ_MARKERS = ("viewed", "downloaded", "access_refused", "(API)")
# Sign-ins are not activity (the second code is how they were written before ADR 0021).
_NOT_ACTIVITY = ("accounts.user.signed_in", "user.signed_in")

# What happened, by the last part of the event code.
_VERBS = {
    "added": "added",
    "answer_moderated": "moderated an answer in",
    "answered": "answered",
    "approve": "approved",
    "approved": "approved",
    "assigned": "assigned",
    "attendance_recorded": "recorded attendance at",
    "attendee_added": "added an attendee to",
    "audits_started": "started the audits of",
    "calendar_link_reset": "reset the calendar link of",
    "cancelled": "cancelled",
    "case_added": "added a case to",
    "case_graded": "graded a case in",
    "changed": "changed",
    "chased": "chased",
    "closed": "closed",
    "completed": "completed",
    "contributor_added": "added a colleague to",
    "contributor_removed": "removed a colleague from",
    "corrected": "corrected",
    "created": "created",
    "deactivated": "deactivated",
    "decided": "decided",
    "decision_recorded": "recorded the decision on",
    "declined": "declined",
    "delay_reason_recorded": "recorded the reason for the delay to",
    "done": "completed",
    "draft_started": "started a new draft of",
    "ended": "ended",
    "evidence_graded": "graded the evidence of impact for",
    "evidence_requested": "asked for more evidence on",
    "evidence_sent_back": "sent back the evidence for",
    "evidence_submitted": "submitted evidence for",
    "exempted": "exempted",
    "failed": "recorded a failed import of",
    "file_removed": "removed a file from",
    "finished": "finished importing",
    "imported": "imported",
    "invited": "invited an agency to",
    "issued": "issued",
    "launched": "launched",
    "loaded": "loaded",
    "marked_late": "marked late",
    "moderated": "moderated",
    "offered": "offered a place to",
    "publish": "published",
    "published": "published",
    "queued": "uploaded",
    "raised": "raised",
    "recorded": "recorded",
    "reimported": "imported again",
    "reinstated": "reinstated",
    "removed": "removed",
    "reopened": "reopened",
    "requested": "requested",
    "return": "returned to draft",
    "revoked": "revoked",
    "saved": "saved",
    "scheduled": "scheduled",
    "section_saved": "saved a section of",
    "sent": "sent",
    "sent_to_panel": "sent to the national panel",
    "set": "set",
    "signed_off": "signed off",
    "started": "started",
    "submitted": "submitted",
    "taken": "took the register of",
    "update_added": "added an update to",
    "update_requested": "asked for an update on",
    "updated": "changed",
    "uploaded": "uploaded",
    "version_added": "added a new version of",
    "withdraw": "withdrew",
    "withdrawn": "withdrew",
}


def is_read(code: str) -> bool:
    return any(marker in code for marker in _READ_MARKERS)


def exclude_reads(events: QuerySet) -> QuerySet:
    condition = Q(event__in=_NOT_ACTIVITY)
    for marker in _READ_MARKERS:
        condition |= Q(event__contains=marker)
    return events.exclude(condition)


def _noun(code: str) -> str:
    parts = code.split(".")
    record = parts[-2] if len(parts) > 1 else parts[0]
    return record.replace("_", " ").replace("audit ", "audit ").strip()


def _verb(code: str) -> str:
    last = code.split(".")[-1]
    if last in _VERBS:
        return _VERBS[last]
    if last.startswith("reminder_"):
        return "sent a reminder about"
    return last.replace("_", " ")


def _who(event, viewer) -> str:
    actor = event.actor
    if actor is not None and viewer is not None and actor.pk == viewer.pk:
        return "You"
    if actor is not None:
        return actor.full_name or actor.email
    if event.actor_label.startswith("system:"):
        return "The platform"
    return event.actor_label or "Someone"


def sentence(event, viewer=None) -> str:
    """“Alex Smith approved the key message “Neglect”.”"""
    what = f"the {_noun(event.event)}"
    if event.target_label:
        what += f" “{event.target_label}”"
    return f"{_who(event, viewer)} {_verb(event.event)} {what}"


def when(moment: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """“Today at 2:15pm”, “Yesterday at 9am”, or “3 March 2024”."""
    now = timezone.localtime(now or timezone.now())
    moment = timezone.localtime(moment)
    days = (now.date() - moment.date()).days
    if days == 0:
        return f"Today at {govuk_time(moment)}"
    if days == 1:
        return f"Yesterday at {govuk_time(moment)}"
    return govuk_date(moment)
