"""Writes for actions raised at meetings, their timeline of updates, and their reminders."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.models import Agency
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.governance import workflow
from safeguarding.governance.models import Action, ActionStatus, ActionUpdate, AgendaItem, Meeting
from safeguarding.planning.models import Priority, Theme

ACTION_FIELDS = [
    "title",
    "description",
    "owner",
    "owner_agency",
    "due_on",
    "status",
    "priority",
    "agenda_item",
]


def _check(
    *,
    meeting: Meeting,
    title: str,
    owner,
    due_on: datetime.date | None,
    owner_agency: Agency | None,
    agenda_item: AgendaItem | None,
    priority: Priority | None,
) -> None:
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = "Enter what needs to be done."
    if owner is None:
        errors["owner"] = "Choose who owns the action."
    elif not owner.is_active:
        errors["owner"] = f"{owner} has no active account; choose someone else."
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due."
    elif due_on < meeting.date:
        errors["due_on"] = (
            f"The action cannot be due before the meeting that raised it "
            f"({meeting.date.day} {meeting.date:%B %Y}). Enter a later date."
        )
    body_partnerships = set(meeting.body.partnership_ids_for_rules())
    if owner_agency is not None and not body_partnerships & {
        p.pk for p in owner_agency.partnerships.all()
    }:
        errors["owner_agency"] = (
            f"{owner_agency.name} is not an agency of this body's partnerships."
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = "That agenda item is not on this meeting's agenda."
    if priority is not None and priority.plan.partnership_id not in body_partnerships:
        errors["priority"] = "That priority is not in a business plan of this body's partnerships."
    if errors:
        raise ValidationError(errors)


def _link(action: Action) -> str:
    return reverse("governance:action-detail", args=[action.pk])


@transaction.atomic
def action_raise(
    *,
    actor=None,
    job: str | None = None,
    meeting: Meeting,
    title: str,
    owner,
    due_on: datetime.date,
    description: str = "",
    owner_agency: Agency | None = None,
    agenda_item: AgendaItem | None = None,
    priority: Priority | None = None,
    themes: Iterable[Theme] = (),
    notify: bool = True,
) -> Action:
    """Raise an action at a meeting; its owner is told by email."""
    _check(
        meeting=meeting,
        title=title,
        owner=owner,
        due_on=due_on,
        owner_agency=owner_agency,
        agenda_item=agenda_item,
        priority=priority,
    )
    action = Action.objects.create(
        meeting=meeting,
        title=title.strip(),
        description=description or "",
        owner=owner,
        owner_agency=owner_agency,
        due_on=due_on,
        agenda_item=agenda_item,
        priority=priority,
    )
    action.themes.set(list(themes))
    audit_record(
        actor=actor,
        job=job,
        event="governance.action.raised",
        target=action,
        after=snapshot(action, ACTION_FIELDS),
    )
    if notify and owner.email:
        email_send(
            to=[owner.email],
            subject=f"New action for you: {action.title}",
            template="governance/email/action_assigned",
            context={"action": action, "meeting": meeting, "link": _link(action)},
        )
    return action


@transaction.atomic
def action_change(
    *,
    actor,
    action: Action,
    title: str,
    owner,
    due_on: datetime.date,
    description: str = "",
    owner_agency: Agency | None = None,
    agenda_item: AgendaItem | None = None,
    priority: Priority | None = None,
    themes: Iterable[Theme] | None = None,
) -> Action:
    action = Action.objects.select_for_update().select_related("meeting__body").get(pk=action.pk)
    _check(
        meeting=action.meeting,
        title=title,
        owner=owner,
        due_on=due_on,
        owner_agency=owner_agency,
        agenda_item=agenda_item,
        priority=priority,
    )
    before = snapshot(action, ACTION_FIELDS)
    new_owner = owner.pk != action.owner_id
    action.title = title.strip()
    action.description = description or ""
    action.owner = owner
    action.owner_agency = owner_agency
    action.due_on = due_on
    action.agenda_item = agenda_item
    action.priority = priority
    action.save()
    if themes is not None:
        action.themes.set(list(themes))
    audit_record(
        actor=actor,
        event="governance.action.changed",
        target=action,
        before=before,
        after=snapshot(action, ACTION_FIELDS),
    )
    if new_owner and owner.email:
        email_send(
            to=[owner.email],
            subject=f"New action for you: {action.title}",
            template="governance/email/action_assigned",
            context={"action": action, "meeting": action.meeting, "link": _link(action)},
        )
    return action


@transaction.atomic
def action_add_update(
    *, actor=None, job: str | None = None, action: Action, text: str, status: str
) -> ActionUpdate:
    """Add an entry to the action's timeline, changing its status as the workflow allows."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not (text or "").strip():
        raise ValidationError({"text": "Enter what has been done."})
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose the status of the action."})
    target = workflow.ACTIONS.check(action.status, status).target
    before = snapshot(action, ["status", "completed_on"])
    action.status = target
    if target == ActionStatus.DONE and action.completed_on is None:
        action.completed_on = timezone.localdate()
    elif target != ActionStatus.DONE:
        action.completed_on = None
    action.save(update_fields=["status", "completed_on", "updated_at"])
    update = ActionUpdate.objects.create(
        action=action, author=actor, text=text.strip(), status=target
    )
    audit_record(
        actor=actor,
        job=job,
        event="governance.action.updated",
        target=action,
        before=before,
        after={**snapshot(action, ["status", "completed_on"]), "update": update.text},
    )
    return update


def action_send_reminder(*, action: Action, kind: str) -> None:
    """Email the owner that the action is due soon ("due_soon") or overdue ("overdue").
    Called by the scheduled job inside its transaction; the email goes after commit."""
    subjects = {
        "due_soon": f"Action due on {action.due_on.day} {action.due_on:%B %Y}: {action.title}",
        "overdue": f"Overdue action: {action.title}",
    }
    email_send(
        to=[action.owner.email],
        subject=subjects[kind],
        template=f"governance/email/action_{kind}",
        context={"action": action, "meeting": action.meeting, "link": _link(action)},
    )
