"""Scheduled jobs run by `safeguarding run-schedule`.

Apps register jobs in their ``capabilities.py``. A job is a function that receives a
:class:`JobRun` and does whatever is due *now*; for each piece of work it calls
``run.once(key)``, which records the key in ``ScheduledJobRun`` and answers False when
the key was already done. That makes every job idempotent: cron may call run-schedule
every few minutes, two runs may overlap, and a reminder is still sent once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguarding.core import data_version
from safeguarding.core.channels import SCHEDULE, audit_channel
from safeguarding.core.models import ScheduledJobRun

logger = logging.getLogger(__name__)


@dataclass
class JobRun:
    job: str
    now: object = field(default_factory=timezone.now)
    done: int = 0

    def once(self, key: str) -> bool:
        """Claim one piece of work; False if an earlier run already did it.

        Call inside the transaction that does the work, so the claim and the work
        commit together or not at all.
        """
        try:
            with transaction.atomic():
                ScheduledJobRun.objects.create(job=self.job, key=key[:300])
        except IntegrityError:
            return False
        self.done += 1
        return True


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    function: Callable[[JobRun], None]


_JOBS: dict[str, Job] = {}


def register(name: str, description: str) -> Callable:
    def decorator(function: Callable[[JobRun], None]) -> Callable[[JobRun], None]:
        _JOBS[name] = Job(name=name, description=description, function=function)
        return function

    return decorator


def registered_jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def run_due_jobs(only: str | None = None) -> list[tuple[Job, int, str | None]]:
    """Run every registered job once; a failing job is reported and the others still run."""
    results: list[tuple[Job, int, str | None]] = []
    for job in registered_jobs():
        if only and job.name != only:
            continue
        run = JobRun(job=job.name)
        try:
            with audit_channel(SCHEDULE):
                job.function(run)
        except Exception as error:  # noqa: BLE001 - one job's failure must not stop the rest
            logger.exception("Scheduled job %s failed", job.name)
            results.append((job, run.done, f"{type(error).__name__}: {error}"))
        else:
            results.append((job, run.done, None))
        # A job may have written in bulk or with QuerySet.update(), which send no signal.
        data_version.changed_safely()
    if only is None:
        _beat()
    return results


def _beat() -> None:
    """Record that the schedule ran and ask the task worker to show it is alive (/healthz)."""
    from safeguarding.core.health import SCHEDULE, heartbeat_record, worker_heartbeat_task

    try:
        heartbeat_record(SCHEDULE)
        worker_heartbeat_task.enqueue()
        _prune_old_heartbeat_tasks(worker_heartbeat_task.module_path)
    except Exception:  # noqa: BLE001 - the jobs ran; a missed heartbeat shows on /healthz
        logger.exception("Could not record the schedule's heartbeat")


def _prune_old_heartbeat_tasks(task_path: str) -> None:
    """The queue keeps every finished task; heartbeats (one per schedule run) are not kept."""
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        task_path=task_path, finished_at__lt=timezone.now() - timedelta(days=1)
    ).delete()
