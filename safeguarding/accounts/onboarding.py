"""Onboarding imports from the upload page, run in the background with their progress saved
(the pattern of the performance figures import).

1. ``onboarding_import_create`` stores the file (its header is read now, so a file of the
   wrong shape is refused at once) and queues a **check**: a dry run that lists every
   problem by row and what would be created, updated or skipped.
2. When the check found no problem, the business unit confirms
   (``onboarding_import_confirm``) and the file is **imported** in the background, in one
   transaction: all or nothing. New people are then sent their invitations by the worker.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.importing import ImportResult
from safeguarding.accounts.importing.organisations import organisations_import, organisations_plan
from safeguarding.accounts.importing.people import people_import, people_plan
from safeguarding.accounts.models import (
    ONBOARDING_ERRORS_KEPT,
    OnboardingImport,
    OnboardingKind,
    OnboardingStatus,
    Partnership,
)
from safeguarding.core.audit import audit_record
from safeguarding.core.tables import TableProblem, read_table_bytes

logger = logging.getLogger(__name__)

JOB = "onboarding import"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def onboarding_run(
    *, kind: str, partnership: Partnership, table, actor=None, job=None, dry_run=False, **kw
) -> ImportResult:
    """Run an import of either kind (the command line and the worker both come here)."""
    run = organisations_import if kind == OnboardingKind.ORGANISATIONS else people_import
    return run(partnership=partnership, table=table, actor=actor, job=job, dry_run=dry_run, **kw)


@transaction.atomic
def onboarding_import_create(
    *, actor, partnership: Partnership, kind: str, upload: UploadedFile
) -> OnboardingImport:
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
    run = OnboardingImport(
        partnership=partnership, kind=kind, uploaded_by=actor, original_name=name
    )
    run.file.save(name, upload, save=False)
    run.save()
    audit_record(
        actor=actor,
        event="accounts.onboarding_import.queued",
        target=run,
        after={"file": name, "kind": kind},
    )
    from safeguarding.accounts.tasks import onboarding_import_task

    transaction.on_commit(lambda: onboarding_import_task.enqueue(run_id=run.pk))
    return run


@transaction.atomic
def onboarding_import_confirm(*, actor, run: OnboardingImport) -> OnboardingImport:
    run = OnboardingImport.objects.select_for_update().get(pk=run.pk)
    if not run.can_confirm:
        raise ValidationError(
            "This file cannot be imported: "
            + (
                "it has problems. Correct them and upload the file again."
                if run.errors
                else f"it is {run.get_status_display().lower()}."
            )
        )
    run.status = OnboardingStatus.IMPORT_QUEUED
    run.rows_done = 0
    run.save(update_fields=["status", "rows_done", "updated_at"])
    audit_record(actor=actor, event="accounts.onboarding_import.confirmed", target=run)
    from safeguarding.accounts.tasks import onboarding_import_task

    transaction.on_commit(lambda: onboarding_import_task.enqueue(run_id=run.pk))
    return run


def _save(run: OnboardingImport, **fields) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    run.updated_at = timezone.now()
    OnboardingImport.objects.filter(pk=run.pk).update(updated_at=run.updated_at, **fields)


def _result_fields(result: ImportResult) -> dict:
    return {
        "rows_total": result.rows,
        "created_count": result.created,
        "updated_count": result.updated,
        "skipped_count": result.skipped,
        "unchanged_count": result.unchanged,
        "errors": [e.as_dict() for e in result.errors[:ONBOARDING_ERRORS_KEPT]],
        "skips": [s.as_dict() for s in result.skips[:ONBOARDING_ERRORS_KEPT]],
    }


def onboarding_import_execute(*, run_id: int) -> OnboardingImport:
    """Check a queued file, or import a confirmed one. A task delivered twice does nothing
    the second time."""
    importing = OnboardingImport.objects.filter(
        pk=run_id, status=OnboardingStatus.IMPORT_QUEUED
    ).update(status=OnboardingStatus.IMPORTING, updated_at=timezone.now())
    checking = (
        0
        if importing
        else OnboardingImport.objects.filter(pk=run_id, status=OnboardingStatus.QUEUED).update(
            status=OnboardingStatus.CHECKING, updated_at=timezone.now()
        )
    )
    run = OnboardingImport.objects.select_related("partnership", "uploaded_by").get(pk=run_id)
    if not importing and not checking:
        return run
    try:
        with run.file.open("rb") as stored:
            table = read_table_bytes(stored.read(), run.original_name)
        _save(run, rows_total=len(table.rows), rows_done=0)
        person = run.uploaded_by if run.uploaded_by and run.uploaded_by.is_active else None
        result = onboarding_run(
            kind=run.kind,
            partnership=run.partnership,
            table=table,
            actor=person,
            job=None if person else JOB,
            dry_run=bool(checking),
            on_rows=lambda done: _save(run, rows_done=done),
        )
    except (TableProblem, ValidationError) as problem:
        message = problem.messages if isinstance(problem, ValidationError) else [str(problem)]
        return _fail(run, f"The file could not be read: {' '.join(message)} Nothing was imported.")
    except Exception:
        logger.exception("Onboarding import %s failed", run.pk)
        return _fail(
            run,
            "Something went wrong on the server while importing the file. Nothing was "
            "imported. Try again later; if it fails again, tell the system administrator.",
        )
    status = OnboardingStatus.DONE if result.written else OnboardingStatus.CHECKED
    with transaction.atomic():
        _save(
            run,
            status=status,
            rows_done=result.rows,
            finished_at=timezone.now() if result.written else None,
            **_result_fields(result),
        )
        audit_record(
            job=JOB,
            event="accounts.onboarding_import.imported"
            if result.written
            else "accounts.onboarding_import.checked",
            target=run,
            after={k: v for k, v in result.as_json().items() if k not in ("errors", "skips")}
            | {"problems": len(result.errors)},
        )
        if result.written and run.file:
            # The records are in the database now; a copy of a file of people's names and
            # emails is not kept beyond the import.
            stored, storage = run.file.name, run.file.storage
            OnboardingImport.objects.filter(pk=run.pk).update(file="")
            transaction.on_commit(lambda: storage.delete(stored))
    return run


def _fail(run: OnboardingImport, message: str) -> OnboardingImport:
    with transaction.atomic():
        _save(run, status=OnboardingStatus.FAILED, failure=message, finished_at=timezone.now())
        audit_record(
            job=JOB,
            event="accounts.onboarding_import.failed",
            target=run,
            after={"failure": message},
        )
    return run


@transaction.atomic
def onboarding_import_file_delete(*, job: str, run: OnboardingImport) -> None:
    """Delete the stored file of an import that was checked but never confirmed (or failed);
    the record of the check stays. The file goes once the change is committed."""
    run = OnboardingImport.objects.select_for_update().get(pk=run.pk)
    if run.is_running or not run.file:
        return
    stored, storage = run.file.name, run.file.storage
    OnboardingImport.objects.filter(pk=run.pk).update(file="")
    audit_record(
        job=job, event="accounts.onboarding_import.file_deleted", target=run, after={"file": stored}
    )
    transaction.on_commit(lambda: storage.delete(stored))
