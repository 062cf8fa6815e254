"""Background tasks (django-tasks): imports of uploaded files run here, not in the request."""

from __future__ import annotations

from django_tasks import task


@task()
def indicator_import_task(*, run_id: int) -> None:
    """Check and import one uploaded file (see ``services.import_runs``)."""
    from safeguarding.performance.services.import_runs import import_run_execute

    import_run_execute(run_id=run_id)
