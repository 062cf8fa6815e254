"""Scheduled reminders for actions: a few working days before they are due, and weekly
once they are overdue. `safeguarding run-schedule` runs them; each reminder is sent once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from safeguarding.core.audit import audit_record
from safeguarding.core.schedule import JobRun, register
from safeguarding.core.working_days import working_days_between
from safeguarding.governance.selectors.actions import actions_for_reminders
from safeguarding.governance.services.actions import action_send_reminder

JOB = "governance.action-reminders"
REMINDER_EVENTS = {
    "overdue": "governance.action.reminder_overdue",
    "due_soon": "governance.action.reminder_due_soon",
}
#: Reminders go this many working days before an action is due (or fewer, if raised late).
DUE_SOON_WORKING_DAYS = 5


@register(JOB, "Email action owners before actions are due, and weekly while overdue")
def action_reminders(run: JobRun) -> None:
    today = timezone.localdate(run.now)
    for action in actions_for_reminders(today=today, within_working_days=DUE_SOON_WORKING_DAYS):
        if not action.owner.email or not action.owner.is_active:
            continue
        if action.due_on < today:
            weeks = (today - action.due_on).days // 7
            key, kind = f"overdue:{action.pk}:{action.due_on}:{weeks}", "overdue"
        elif working_days_between(today, action.due_on) <= DUE_SOON_WORKING_DAYS:
            key, kind = f"due-soon:{action.pk}:{action.due_on}", "due_soon"
        else:
            continue
        with transaction.atomic():
            if not run.once(key):
                continue
            action_send_reminder(action=action, kind=kind)
            audit_record(
                job=JOB,
                event=REMINDER_EVENTS[kind],
                target=action,
                after={"to": action.owner.email, "due_on": action.due_on},
            )


MINUTES_JOB = "governance.minutes-to-approve"


@register(MINUTES_JOB, "Tell the business unit and chairs when draft minutes can be approved")
def minutes_to_approve(run: JobRun) -> None:
    """Once a later meeting of the same body has been held, the people who record approval
    are told, once per meeting, that its draft minutes wait for them."""
    from safeguarding.core.email import email_send
    from safeguarding.governance.approvals import (
        meetings_with_minutes_to_approve,
        minute_approvers_of,
    )

    for meeting in meetings_with_minutes_to_approve():
        to = minute_approvers_of(meeting)
        if not to:
            continue
        with transaction.atomic():
            if not run.once(f"minutes:{meeting.pk}"):
                continue
            email_send(
                to=to,
                subject=f"Minutes waiting for approval: {meeting.body.name}",
                template="governance/email/minutes_to_approve",
                context={"meeting": meeting},
            )
            audit_record(
                job=MINUTES_JOB,
                event="governance.minutes.approval_requested",
                target=meeting,
                after={"to": to},
            )
