"""Imports from the upload page, run in the background with their progress saved.

The upload page stores the file and queues the import (``import_run_create``); the task
runs ``import_run_execute``, in two phases:

1. **Checking** — every row is read and checked without a write transaction
   (``importing.indicator_values_check``), and the run's ``rows_checked`` is saved every
   few thousand figures, so the progress page shows how far it has got.
2. **Saving** — when the file is to be written, ``importing.indicator_values_import`` writes
   it in one transaction (all or nothing, exactly as from the command line) together with the
   run's final state.

A check-only run, and a run with invalid rows when invalid rows are not to be skipped, stop
after phase 1: nothing is written. A file that cannot be read, or anything unexpected, ends
the run as failed with a message saying what to do; nothing is written then either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record
from safeguarding.performance.importing.tables import FileProblem
from safeguarding.performance.models import ERRORS_KEPT, ImportRun, ImportStatus
from safeguarding.performance.models.imports import FINISHED_STATUSES
from safeguarding.performance.services.importing import (
    FORMATS,
    ImportResult,
    check_upload_header,
    files_contents,
    indicator_values_check,
    indicator_values_import,
    load_upload,
)

logger = logging.getLogger(__name__)

JOB = "indicator import"
PROGRESS_EVERY = 5000  # figures between two saves of the progress


@transaction.atomic
def import_run_create(
    *,
    actor,
    partnership: Partnership,
    upload: UploadedFile,
    file_format: str = "",
    check_only: bool = False,
    skip_invalid: bool = False,
) -> ImportRun:
    """Store an uploaded file and queue its import. The file's header is checked now, so a
    file in an unexpected format is refused at once; its rows are checked in the background."""
    if file_format and file_format not in FORMATS:
        raise ValidationError({"format": "Choose what the file holds."})
    name = (upload.name or "upload.csv").rsplit("/", 1)[-1][:255]
    upload.seek(0)
    try:
        layout = check_upload_header(name, upload.read(), file_format or None)
    except FileProblem as problem:
        raise ValidationError({"file": str(problem)}) from None
    upload.seek(0)
    run = ImportRun(
        partnership=partnership,
        uploaded_by=actor,
        original_name=name,
        format=file_format,
        check_only=check_only,
        skip_invalid=skip_invalid,
    )
    run.file.save(name, upload, save=False)
    run.save()
    audit_record(
        actor=actor,
        event="performance.indicator_import.queued",
        target=run,
        after={
            "file": name,
            "layout": layout,
            "format": file_format or "worked out from the file",
            "check_only": check_only,
            "skip_invalid": skip_invalid,
        },
    )
    from safeguarding.performance.tasks import indicator_import_task

    transaction.on_commit(lambda: indicator_import_task.enqueue(run_id=run.pk))
    return run


def _save(run: ImportRun, **fields) -> None:
    """Save some of the run's fields at once (autocommit outside a transaction)."""
    for name, value in fields.items():
        setattr(run, name, value)
    run.updated_at = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(updated_at=run.updated_at, **fields)


def _finish(run: ImportRun, result: ImportResult, *, written: bool) -> ImportRun:
    with transaction.atomic():
        _save(
            run,
            status=ImportStatus.DONE,
            rows_total=result.rows,
            rows_checked=result.rows,
            created_count=result.created,
            updated_count=result.updated,
            skipped_count=result.skipped,
            problem_count=len(result.errors),
            errors=[error.as_dict() for error in result.errors[:ERRORS_KEPT]],
            written=written,
            finished_at=timezone.now(),
        )
        audit_record(
            job=JOB,
            event="performance.indicator_import.finished",
            target=run,
            after={
                "outcome": run.outcome,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "skipped": result.skipped,
                "problems": len(result.errors),
            },
        )
    return run


def _fail(run: ImportRun, message: str) -> ImportRun:
    with transaction.atomic():
        _save(run, status=ImportStatus.FAILED, failure=message, finished_at=timezone.now())
        audit_record(
            job=JOB,
            event="performance.indicator_import.failed",
            target=run,
            after={"failure": message},
        )
    return run


def import_run_execute(
    *,
    run_id: int,
    every: int = PROGRESS_EVERY,
    on_progress: Callable[[ImportRun], None] | None = None,
) -> ImportRun:
    """Run a queued import (see the module docstring). ``on_progress`` is called after each
    save of the progress, with the run as saved."""
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, updated_at=timezone.now()
    )
    run = ImportRun.objects.select_related("partnership", "uploaded_by").get(pk=run_id)
    if not claimed:
        return run  # already taken by another worker (a task delivered twice)
    try:
        with run.file.open("rb") as stored:
            data = stored.read()
        loaded = load_upload(run.original_name, data, run.format or None)
        contents = files_contents([loaded])
        _save(run, rows_total=sum(c.rows for c in contents), rows_checked=0)

        def saw(rows: int) -> None:
            _save(run, rows_checked=min(rows, run.rows_total or rows))
            if on_progress is not None:
                on_progress(run)

        checked = indicator_values_check(
            partnership=run.partnership,
            files=[loaded],
            contents=contents,
            skip_invalid=run.skip_invalid,
            on_rows=saw,
            every=every,
        )
        if run.check_only or (checked.errors and not run.skip_invalid):
            return _finish(run, checked, written=False)
        _save(run, status=ImportStatus.SAVING)
        if on_progress is not None:
            on_progress(run)
        with transaction.atomic():
            person = run.uploaded_by if run.uploaded_by and run.uploaded_by.is_active else None
            result = indicator_values_import(
                actor=person,
                job=None if person else JOB,
                partnership=run.partnership,
                files=[loaded],
                contents=contents,
                skip_invalid=run.skip_invalid,
            )
            return _finish(run, result, written=result.written)
    except FileProblem as problem:
        return _fail(
            run,
            f"The file could not be read: {problem} Nothing was imported. Correct the file "
            "and upload it again.",
        )
    except OSError:
        logger.exception("Import %s: the stored file could not be opened", run.pk)
        return _fail(
            run,
            "The uploaded file could not be opened on the server. Nothing was imported. "
            "Upload the file again; if this happens again, tell the system administrator.",
        )
    except Exception:
        logger.exception("Import %s failed", run.pk)
        return _fail(
            run,
            "Something went wrong on the server while importing the file. Nothing was "
            "imported. Try again later; if it fails again, tell the system administrator "
            "(the error is in the server's log), or import the file with the "
            "import-indicators command.",
        )


@transaction.atomic
def import_run_file_delete(*, job: str, run: ImportRun) -> None:
    """Delete a finished import's stored file; the record of the import stays.

    The figures are in the database by then; keeping every uploaded file for ever would keep
    copies of data nobody needs. The file goes once the change is committed."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in FINISHED_STATUSES or not run.file:
        return
    stored = run.file.name
    storage = run.file.storage
    ImportRun.objects.filter(pk=run.pk).update(file="")
    audit_record(
        job=job,
        event="performance.indicator_import.file_deleted",
        target=run,
        after={"file": stored},
    )
    transaction.on_commit(lambda: storage.delete(stored))
