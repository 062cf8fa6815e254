"""Writes for key messages: drafting, editing, the approve → publish workflow, and imports."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.markdown import render_markdown
from safeguarding.governance import workflow
from safeguarding.governance.importing.messages import TITLE_MAX, title_key
from safeguarding.governance.models import DatePrecision, KeyMessage, KeyMessageStatus, Meeting
from safeguarding.planning.models import Priority, Theme

KEY_MESSAGE_FIELDS = [
    "title",
    "meeting_date",
    "meeting_date_precision",
    "meeting_title",
    "body",
    "priority",
    "status",
]
# The audit event of each step of a key message's workflow (workflow.KEY_MESSAGES).
KEY_MESSAGE_STEP_EVENTS = {
    "approve": "governance.key_message.approve",
    "return": "governance.key_message.return",
    "publish": "governance.key_message.publish",
    "withdraw": "governance.key_message.withdraw",
}


def _themes_snapshot(themes: Iterable[Theme]) -> list[str]:
    return sorted(t.name for t in themes)


def _check(
    *,
    partnership: Partnership,
    title: str,
    body: str,
    meeting: Meeting | None,
    meeting_date: datetime.date | None,
    priority: Priority | None,
    exclude_pk: int | None = None,
) -> None:
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = "Enter a title for the key message."
    elif len(title.strip()) > TITLE_MAX:
        errors["title"] = f"The title must be {TITLE_MAX} characters or fewer."
    if not (body or "").strip():
        errors["body"] = "Enter the key message itself."
    if meeting is not None and partnership.pk not in meeting.partnership_ids_for_rules():
        errors["meeting"] = f"That meeting is not a meeting of {partnership.name}."
    if meeting is None and meeting_date is None:
        errors["meeting_date"] = "Choose the meeting, or enter the date of the meeting."
    if priority is not None and priority.plan.partnership_id != partnership.pk:
        errors["priority"] = f"That priority is not in a business plan of {partnership.name}."
    if errors:
        raise ValidationError(errors)
    day = meeting.date if meeting is not None else meeting_date
    clash = KeyMessage.objects.filter(
        partnership=partnership, meeting_date=day, title_key=title_key(title)
    )
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "title": "There is already a key message with this title for that meeting. "
                "Change the title, or edit the existing message."
            }
        )


@transaction.atomic
def key_message_create(
    *,
    actor,
    partnership: Partnership,
    title: str,
    body: str,
    meeting: Meeting | None = None,
    meeting_date: datetime.date | None = None,
    meeting_title: str = "",
    meeting_date_precision: str = DatePrecision.DAY,
    themes: Iterable[Theme] = (),
    priority: Priority | None = None,
) -> KeyMessage:
    """Draft a key message from a meeting (or a meeting date and title)."""
    _check(
        partnership=partnership,
        title=title,
        body=body,
        meeting=meeting,
        meeting_date=meeting_date,
        priority=priority,
    )
    if meeting is not None:
        meeting_date = meeting.date
        meeting_title = meeting_title or meeting.body.name
        meeting_date_precision = DatePrecision.DAY
    position = KeyMessage.objects.filter(partnership=partnership, meeting_date=meeting_date).count()
    message = KeyMessage.objects.create(
        partnership=partnership,
        meeting=meeting,
        meeting_date=meeting_date,
        meeting_date_precision=meeting_date_precision,
        meeting_title=meeting_title.strip(),
        title=title.strip(),
        title_key=title_key(title),
        body=body.strip(),
        body_html=render_markdown(body),
        priority=priority,
        position=position,
    )
    themes = list(themes)
    message.themes.set(themes)
    audit_record(
        actor=actor,
        event="governance.key_message.created",
        target=message,
        after={**snapshot(message, KEY_MESSAGE_FIELDS), "themes": _themes_snapshot(themes)},
    )
    _ask_chairs_to_approve(message)
    return message


def _ask_chairs_to_approve(message: KeyMessage) -> None:
    """Email the partnership's chairs (after commit) that a key message awaits approval."""
    from safeguarding.governance.approvals import chairs_of

    chairs = chairs_of(message.partnership_id)
    if chairs:
        email_send(
            to=chairs,
            subject=f"Key message waiting for your approval: {message.title}",
            template="governance/email/key_message_to_approve",
            context={"message": message},
        )


@transaction.atomic
def key_message_update(
    *,
    actor,
    key_message: KeyMessage,
    title: str,
    body: str,
    meeting: Meeting | None = None,
    meeting_date: datetime.date | None = None,
    meeting_title: str = "",
    meeting_date_precision: str = DatePrecision.DAY,
    themes: Iterable[Theme] = (),
    priority: Priority | None = None,
) -> KeyMessage:
    """Change a draft or approved message. Changing an approved message sends it back to
    draft, because the chair approved the old words. Published messages are withdrawn first."""
    message = KeyMessage.objects.select_for_update().get(pk=key_message.pk)
    if message.status == KeyMessageStatus.PUBLISHED:
        raise ValidationError(
            "This key message is published. Withdraw it from the public archive before "
            "changing it; it will then need approving again."
        )
    _check(
        partnership=message.partnership,
        title=title,
        body=body,
        meeting=meeting,
        meeting_date=meeting_date,
        priority=priority,
        exclude_pk=message.pk,
    )
    before = {
        **snapshot(message, KEY_MESSAGE_FIELDS),
        "themes": _themes_snapshot(message.themes.all()),
    }
    if meeting is not None:
        meeting_date = meeting.date
        meeting_title = meeting_title or meeting.body.name
        meeting_date_precision = DatePrecision.DAY
    message.meeting = meeting
    message.meeting_date = meeting_date
    message.meeting_date_precision = meeting_date_precision
    message.meeting_title = meeting_title.strip()
    message.title = title.strip()
    message.title_key = title_key(title)
    message.body = body.strip()
    message.body_html = render_markdown(body)
    message.priority = priority
    needs_approval_again = message.status == KeyMessageStatus.APPROVED
    if needs_approval_again:
        message.status = KeyMessageStatus.DRAFT
        message.approved_by = None
        message.approved_at = None
    message.save()
    if needs_approval_again:
        _ask_chairs_to_approve(message)
    themes = list(themes)
    message.themes.set(themes)
    audit_record(
        actor=actor,
        event="governance.key_message.updated",
        target=message,
        before=before,
        after={**snapshot(message, KEY_MESSAGE_FIELDS), "themes": _themes_snapshot(themes)},
    )
    return message


@transaction.atomic
def key_message_transition(*, actor, key_message: KeyMessage, name: str) -> KeyMessage:
    """Approve, return, publish or withdraw, as the workflow table allows.

    Publishing a message that the chair has not approved is refused."""
    message = KeyMessage.objects.select_for_update().get(pk=key_message.pk)
    transition = workflow.KEY_MESSAGES.check(message.status, name)
    if not actor.has_perm(transition.permission, message):
        who = "a chair" if "approve" in transition.permission else "the business unit or a chair"
        raise ValidationError(
            f"Only {who} of {message.partnership.name} can {transition.label.lower()} "
            "this key message."
        )
    before = snapshot(message, ["status", "approved_by", "approved_at", "published_at"])
    now = timezone.now()
    message.status = transition.target
    if name == "approve":
        message.approved_by = actor
        message.approved_at = now
    elif name == "return":
        message.approved_by = None
        message.approved_at = None
    elif name == "publish":
        message.published_at = now
    elif name == "withdraw":
        message.published_at = None
        message.approved_by = None
        message.approved_at = None
    message.save()
    audit_record(
        actor=actor,
        event=KEY_MESSAGE_STEP_EVENTS[name],
        target=message,
        before=before,
        after=snapshot(message, ["status", "approved_by", "approved_at", "published_at"]),
    )
    return message


def key_message_approve(*, actor, key_message: KeyMessage) -> KeyMessage:
    return key_message_transition(actor=actor, key_message=key_message, name="approve")


def key_message_publish(*, actor, key_message: KeyMessage) -> KeyMessage:
    return key_message_transition(actor=actor, key_message=key_message, name="publish")


# Imports -------------------------------------------------------------------------------


def _suggest_themes(text: str, themes: list[Theme]) -> list[Theme]:
    """Themes whose name or listed synonyms (the description's comma-separated phrases)
    appear in the text as whole words."""
    haystack = " " + " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split()) + " "
    chosen = []
    for theme in themes:
        phrases = [theme.name, *theme.description.split(",")]
        for phrase in phrases:
            words = " ".join(re.sub(r"[^\w]+", " ", phrase.casefold()).split())
            if len(words) < 4:
                continue
            if f" {words} " in haystack or f" {words}s " in haystack:
                chosen.append(theme)
                break
    return chosen
