"""Scheduled: start editions whose time has come, and resume any left sending."""

from __future__ import annotations

from safeguarding.comms.models import BulletinStatus
from safeguarding.comms.services.bulletins import bulletin_send
from safeguarding.comms.services.sending import bulletin_send_all, bulletins_due
from safeguarding.core.schedule import JobRun, register

JOB = "comms.bulletins.send-due"


@register(JOB, "Send scheduled bulletins and resume any whose sending stopped")
def send_due_bulletins(run: JobRun) -> None:
    for bulletin in bulletins_due(now=run.now):
        if bulletin.status == BulletinStatus.SCHEDULED:
            bulletin_send(job=JOB, bulletin=bulletin)  # queues the sending on the worker
        else:
            bulletin_send_all(bulletin_pk=bulletin.pk)  # resumes: nobody is mailed twice
        run.done += 1
