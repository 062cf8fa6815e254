"""Work done on the worker: sending an edition."""

from __future__ import annotations

from django_tasks import task

from safeguarding.comms.services.sending import bulletin_send_all


@task()
def bulletin_send_task(*, bulletin_pk: int) -> None:
    bulletin_send_all(bulletin_pk=bulletin_pk)
