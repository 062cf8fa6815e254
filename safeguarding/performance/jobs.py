"""Scheduled jobs: reminders before a data return is due, a chaser when it is overdue, and
deleting uploaded figure files once they are no longer needed."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from safeguarding.core.schedule import JobRun, register
from safeguarding.core.working_days import add_working_days
from safeguarding.performance.models import DataReturn, ImportRun
from safeguarding.performance.models.imports import FINISHED_STATUSES
from safeguarding.performance.services.import_runs import import_run_file_delete
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


FILES_JOB = "performance.import-files-cleanup"
IMPORT_FILES_KEPT_DAYS = 90


@register(FILES_JOB, f"Delete figure files uploaded more than {IMPORT_FILES_KEPT_DAYS} days ago")
def import_files_cleanup(run: JobRun) -> None:
    """The import's record (who, when, counts, problems) stays; only the stored file goes."""
    cutoff = run.now - timedelta(days=IMPORT_FILES_KEPT_DAYS)
    finished = ImportRun.objects.filter(status__in=FINISHED_STATUSES, finished_at__lt=cutoff)
    for import_run in finished.exclude(file=""):
        import_run_file_delete(job=FILES_JOB, run=import_run)
        run.done += 1
