"""Background tasks (django-tasks) of the platform itself: web-page imports (ADR 0033)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_job_task(*, job_id: int) -> None:
    """Run one uploaded file's import (see ``core.import_jobs``)."""
    from safeguarding.core.import_jobs import import_job_execute

    import_job_execute(job_id=job_id)
