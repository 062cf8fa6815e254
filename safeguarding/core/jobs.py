"""Scheduled housekeeping that belongs to the platform itself."""

from django.contrib.sessions.models import Session
from django.db import transaction

from safeguarding.core import import_jobs
from safeguarding.core.schedule import JobRun, register

IMPORT_FILES_JOB = "core.import-files-cleanup"


@register("sessions.clear-expired", "Delete expired sign-in sessions")
def clear_expired_sessions(run: JobRun) -> None:
    with transaction.atomic():
        deleted, _ = Session.objects.filter(expire_date__lt=run.now).delete()
    run.done += deleted


@register(
    IMPORT_FILES_JOB,
    f"Delete files uploaded on import pages that were checked but not imported, or never "
    f"finished, within {import_jobs.FILES_KEPT_DAYS} days",
)
def import_files_cleanup(run: JobRun) -> None:
    """The job's record (who, when, the check's result) stays; only the stored file goes."""
    for import_job in import_jobs.import_job_files_expiring(run.now).only("pk"):
        if import_jobs.import_job_file_expire(job=IMPORT_FILES_JOB, import_job=import_job):
            run.done += 1
