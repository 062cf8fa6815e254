"""The figure import from the upload page, as an importer of the core import jobs (ADR 0033).

The upload page checks the file's header at once (``figures_import_create``: a file in an
unexpected format is refused on the form) and queues a ``core.ImportJob`` of the kind
``performance.figures``; the worker runs ``figures_import_job``, in two phases, inside the
job's one transaction:

1. **Checking** — every row is read and checked without writing anything
   (``importing.indicator_values_check``), and the job's count of rows read is saved every
   few thousand figures (``core.import_jobs.import_job_progress``), so its page shows how far
   it has got.
2. **Saving** — when the file is to be written, ``importing.indicator_values_import`` writes
   it (all or nothing, exactly as from the command line).

A check (``dry_run``), and a file with invalid rows when invalid rows are not to be skipped,
stop after phase 1: nothing is written, and the job's page lists the problems by line. A
check without problems can be imported from its page with the same file. A file that cannot
be read ends the job as failed with a message; nothing is written then either.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from safeguarding.accounts.models import Partnership
from safeguarding.core.import_jobs import import_job_create, import_job_progress
from safeguarding.core.models import ImportJob
from safeguarding.performance.importing.tables import FileProblem
from safeguarding.performance.services.importing import (
    FORMATS,
    ImportResult,
    check_upload_header,
    files_contents,
    indicator_values_check,
    indicator_values_import,
    load_upload,
)

FIGURES_IMPORT = "performance.figures"
JOB = "indicator import"
PROGRESS_EVERY = 5000  # figures between two saves of the progress
ERRORS_KEPT = 500  # each job keeps the first problems it found; the total is counted


def figures_import_create(
    *,
    actor,
    partnership: Partnership,
    upload: UploadedFile,
    file_format: str = "",
    check_only: bool = False,
    skip_invalid: bool = False,
) -> ImportJob:
    """Store an uploaded file and queue its import. The file's header is checked now, so a
    file in an unexpected format is refused at once; its rows are checked by the worker."""
    if file_format and file_format not in FORMATS:
        raise ValidationError({"format": "Choose what the file holds."})
    name = (upload.name or "upload.csv").rsplit("/", 1)[-1][:255]
    upload.seek(0)
    try:
        layout = check_upload_header(name, upload.read(), file_format or None)
    except FileProblem as problem:
        raise ValidationError({"file": str(problem)}) from None
    upload.seek(0)
    return import_job_create(
        actor=actor,
        partnership=partnership,
        kind=FIGURES_IMPORT,
        upload=upload,
        options={
            "dry_run": check_only,
            "format": file_format,
            "layout": layout,
            "skip_invalid": skip_invalid,
        },
    )


def _summary(result: ImportResult, *, written: bool) -> dict:
    return {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "skipped": result.skipped,
        "problems": len(result.errors),
        "errors": [error.as_dict() for error in result.errors[:ERRORS_KEPT]],
        "written": written,
    }


def figures_import_job(*, job: ImportJob, content: bytes) -> dict:
    """The worker's side of the upload page (see the module docstring): the result kept."""
    try:
        loaded = load_upload(job.original_name, content, job.options.get("format") or None)
        contents = files_contents([loaded])
    except FileProblem as problem:
        raise ValidationError(f"The file could not be read: {problem}") from None
    import_job_progress(job=job, rows_done=0, rows_total=sum(c.rows for c in contents))
    skip_invalid = bool(job.options.get("skip_invalid"))
    checked = indicator_values_check(
        partnership=job.partnership,
        files=[loaded],
        contents=contents,
        skip_invalid=skip_invalid,
        on_rows=lambda rows: import_job_progress(job=job, rows_done=rows),
        every=PROGRESS_EVERY,
    )
    if job.dry_run or (checked.errors and not skip_invalid):
        return _summary(checked, written=False)
    person = job.uploaded_by if job.uploaded_by and job.uploaded_by.is_active else None
    # A savepoint: should the rows have become invalid since the check, the importer rolls
    # its own writes back and the job still ends with the problems it found.
    with transaction.atomic():
        result = indicator_values_import(
            actor=person,
            job=None if person else JOB,
            partnership=job.partnership,
            files=[loaded],
            contents=contents,
            skip_invalid=skip_invalid,
        )
    return _summary(result, written=result.written)


def figures_import_outcome(job: ImportJob) -> tuple[str, str] | None:
    """The status tag of a finished job, when it says more than "checked" or "imported"."""
    if job.dry_run:
        return ("Checked: problems found", "yellow") if job.result.get("problems") else None
    if not job.result.get("written"):
        return "Not imported: problems found", "red"
    if job.result.get("problems"):
        return "Imported with problems", "yellow"
    return None


def figures_import_asked(job: ImportJob) -> str:
    if job.dry_run:
        return "Only check the file (write nothing)"
    if job.options.get("skip_invalid"):
        return "Import the valid rows, leaving out invalid ones"
    return "Import the file if every row is valid"


def figures_import_can_confirm(job: ImportJob) -> bool:
    """A check whose file can be imported as it is: no problems, something to write."""
    result = job.result
    return not result.get("problems") and bool(result.get("created") or result.get("updated"))
