"""Scheduled housekeeping that belongs to the platform itself."""

from django.contrib.sessions.models import Session
from django.db import transaction

from safeguarding.core.schedule import JobRun, register


@register("sessions.clear-expired", "Delete expired sign-in sessions")
def clear_expired_sessions(run: JobRun) -> None:
    with transaction.atomic():
        deleted, _ = Session.objects.filter(expire_date__lt=run.now).delete()
    run.done += deleted
