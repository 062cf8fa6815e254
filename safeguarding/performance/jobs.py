"""Scheduled jobs: reminders before a data return is due, and a chaser when it is overdue.
(Uploaded figure files are deleted by core's ``core.import-files-cleanup``, ADR 0033.)"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from safeguarding.core.schedule import JobRun, register
from safeguarding.core.working_days import add_working_days
from safeguarding.performance.models import DataReturn
from safeguarding.performance.services.returns import data_return_remind

JOB = "performance.data-return-reminders"
REMIND_WORKING_DAYS_BEFORE = 5


@register(JOB, "Remind agencies of data returns due within 5 working days; chase overdue ones")
def data_return_reminders(run: JobRun) -> None:
    today = timezone.localdate(run.now)
    horizon = add_working_days(today, REMIND_WORKING_DAYS_BEFORE)
    open_returns = (
        DataReturn.objects.open().filter(due_on__lte=horizon).select_related("agency", "period")
    )
    for data_return in open_returns:
        overdue = data_return.due_on < today
        key = f"{'overdue' if overdue else 'reminder'}:{data_return.pk}:{data_return.due_on}"
        with transaction.atomic():
            if run.once(key):
                data_return_remind(job=JOB, data_return=data_return, overdue=overdue)
