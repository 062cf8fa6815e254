"""Onboarding imports from the upload page, as importers of the core import jobs (ADR 0017,
ADR 0033): the command line (``import-organisations``, ``import-people``) and the worker both
import through ``onboarding_run``.

1. ``onboarding_import_create`` checks what it can at once (the file's size, that it can be
   read, that its header has the columns) and queues a core ``ImportJob`` asked as a
   **check**: a dry run that lists every problem by row and what would be created, updated
   or skipped, with the count of rows checked saved as it goes.
2. When the check found no problem, the business unit confirms on the job's page
   (``/imports/<id>/``, ``core.import_jobs.import_job_confirm``) and the same file is
   **imported** by the worker, in one transaction: all or nothing. New people are then sent
   their invitations by the worker.

The two importers are ``onboarding.organisations`` and ``onboarding.people`` (with their
result in ``onboarding.results``): each first *plans* the whole file (reads the database,
writes nothing) and reports every problem by row; only a file without problems is written,
in one transaction, through the account services (each record with its audit event).
``--dry-run`` and the upload page's preview show the plan. See ADR 0017.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from safeguarding.accounts.models import OnboardingKind, Partnership
from safeguarding.accounts.onboarding.organisations import organisations_import, organisations_plan
from safeguarding.accounts.onboarding.people import people_import, people_plan
from safeguarding.accounts.onboarding.results import ImportResult
from safeguarding.core.import_jobs import import_job_create, import_job_progress
from safeguarding.core.models import ImportJob
from safeguarding.core.tables import TableProblem, read_table_bytes

JOB = "onboarding import"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ERRORS_KEPT = 1000  # problems and skipped rows each job keeps (the counts are complete)
PROGRESS_EVERY = 200  # rows between two saves of a job's progress

# The import job kinds (``core.import_jobs``), one per kind of file.
ORGANISATIONS_IMPORT = "accounts.organisations"
PEOPLE_IMPORT = "accounts.people"
JOB_KINDS = {
    OnboardingKind.ORGANISATIONS: ORGANISATIONS_IMPORT,
    OnboardingKind.PEOPLE: PEOPLE_IMPORT,
}
ONBOARDING_KINDS = {kind: onboarding for onboarding, kind in JOB_KINDS.items()}


def onboarding_run(
    *, kind: str, partnership: Partnership, table, actor=None, job=None, dry_run=False, **kw
) -> ImportResult:
    """Run an import of either kind (the command line and the worker both come here)."""
    run = organisations_import if kind == OnboardingKind.ORGANISATIONS else people_import
    return run(partnership=partnership, table=table, actor=actor, job=job, dry_run=dry_run, **kw)


def onboarding_import_create(
    *, actor, partnership: Partnership, kind: str, upload: UploadedFile
) -> ImportJob:
    """Store the file and queue its check. A file of the wrong shape is refused at once."""
    if kind not in OnboardingKind.values:
        raise ValidationError({"kind": "Choose what the file holds."})
    name = (upload.name or "upload.csv").rsplit("/", 1)[-1][:255]
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": "The file is larger than 20 MB: split it into parts."})
    upload.seek(0)
    try:
        table = read_table_bytes(upload.read(), name)
    except TableProblem as problem:
        raise ValidationError({"file": str(problem)}) from None
    table.rows = table.rows[:1]
    planner = organisations_plan if kind == OnboardingKind.ORGANISATIONS else people_plan
    planner(partnership=partnership, table=table)  # refuses a file without the columns
    upload.seek(0)
    return import_job_create(
        actor=actor,
        partnership=partnership,
        kind=JOB_KINDS[OnboardingKind(kind)],
        upload=upload,
        options={"dry_run": True},
    )


def onboarding_import_job(*, job: ImportJob, content: bytes) -> dict:
    """The worker's side of the upload page: check the file (a dry run) or import it once
    confirmed; the result kept on the job."""
    try:
        table = read_table_bytes(content, job.original_name)
    except TableProblem as problem:
        raise ValidationError(f"The file could not be read: {problem}") from None
    import_job_progress(job=job, rows_done=0, rows_total=len(table.rows))
    person = job.uploaded_by if job.uploaded_by and job.uploaded_by.is_active else None
    result = onboarding_run(
        kind=ONBOARDING_KINDS[job.kind],
        partnership=job.partnership,
        table=table,
        actor=person,
        job=None if person else JOB,
        dry_run=job.dry_run,
        on_rows=lambda done: import_job_progress(job=job, rows_done=done),
        every=PROGRESS_EVERY,
    )
    summary = result.as_json()
    return summary | {
        "problems": len(result.errors),
        "errors": summary["errors"][:ERRORS_KEPT],
        "skips": summary["skips"][:ERRORS_KEPT],
        "notes": result.notes,
    }


def onboarding_import_can_confirm(job: ImportJob) -> bool:
    """A check can be imported when it found no problem."""
    return not job.result.get("errors")


def onboarding_import_outcome(job: ImportJob) -> tuple[str, str] | None:
    if job.result.get("errors"):
        return "Problems found: nothing imported", "red"
    if job.dry_run and job.file:
        return "Checked: waiting for you to confirm", "yellow"
    return None
