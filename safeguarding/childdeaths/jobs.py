"""Scheduled work of the childdeaths app (``safeguarding run-schedule``)."""

from __future__ import annotations

from safeguarding.childdeaths.services import report_chase_overdue
from safeguarding.core.schedule import JobRun, register

CHASE_JOB = "childdeaths.report-chasers"


@register(CHASE_JOB, "Chase agencies whose child death report is overdue, once a week")
def report_chasers(run: JobRun) -> None:
    report_chase_overdue(job=CHASE_JOB, run=run)
