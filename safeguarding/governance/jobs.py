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
                event=f"action.reminder_{kind}",
                target=action,
                after={"to": action.owner.email, "due_on": action.due_on},
            )
