"""Scheduled: start editions whose time has come, resume any left sending, and read the
bounces that came back to the sending mailbox."""

from __future__ import annotations

import logging

from safeguarding.comms.bounce_mail import bounce_sources
from safeguarding.comms.models import BulletinStatus
from safeguarding.comms.services.bounces import bounces_read
from safeguarding.comms.services.bulletins import bulletin_send
from safeguarding.comms.services.sending import bulletin_send_all, bulletins_due
from safeguarding.core.schedule import JobRun, register

logger = logging.getLogger(__name__)

JOB = "comms.bulletins.send-due"


@register(JOB, "Send scheduled bulletins and resume any whose sending stopped")
def send_due_bulletins(run: JobRun) -> None:
    for bulletin in bulletins_due(now=run.now):
        if bulletin.status == BulletinStatus.SCHEDULED:
            bulletin_send(job=JOB, bulletin=bulletin)  # queues the sending on the worker
        else:
            bulletin_send_all(bulletin_pk=bulletin.pk)  # resumes: nobody is mailed twice
        run.done += 1


BOUNCES_JOB = "comms.bounces.read"


@register(
    BOUNCES_JOB,
    "Read bulletin bounces from the sending mailbox (BOUNCE_MAILDIR or BOUNCE_IMAP_HOST), "
    "when one is set",
)
def read_bounces(run: JobRun) -> None:
    for source in bounce_sources():
        summary = bounces_read(source, job=BOUNCES_JOB)
        for error in summary.errors:
            logger.warning("A bounce message was left unread: %s: %s", *error.values())
        run.done += summary.read - len(summary.errors)
