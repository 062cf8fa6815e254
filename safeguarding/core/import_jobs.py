"""Web-page imports run by the background worker, with their progress (ADR 0033).

An import page stores the uploaded file and queues a job (``import_job_create``); the worker
runs it (``import_job_execute``) through the importer its app registered; the page follows
the job at ``/imports/<id>/`` (``core:import-job``), which shows the progress while it runs
(the shared ``core/_job_progress.html`` and ``core/progress.mjs``), a clear message when it
failed, and the importer's own result once it is done — or sends the person on to the page
the result belongs on (a key-message batch to review).

Each app registers its importer in its ``capabilities.py``::

    import_jobs.register(import_jobs.Importer(
        kind="library.register", title="Import of a document register",
        permission="library.manage_library", run=_run,
        result_template="library/_register_import_result.html",
        form_url=lambda job: reverse("library:resource-import"),
    ))

``run(job=, content=)`` reads the file and imports it through the app's own service (the one
its command uses, with the uploader as the actor, so the audit events are those of today)
and returns a JSON-able summary. It runs inside one transaction with the job's end: a
``ValidationError`` (a file that cannot be imported) rolls everything back and ends the job
as failed with its message; nothing is half-written. While it works through the rows,
``run`` reports how far it has got with ``import_job_progress(job=, rows_done=,
rows_total=)`` (the total first, then every few rows and at the end; the importer's
``progress_noun`` says what is counted: rows, messages, questions): on PostgreSQL the count
is committed on a connection of its own, so the job's page shows it although the import's
transaction is still open. A job asked as a dry run
(``options["dry_run"]``) whose result ``can_confirm`` offers "Import the file", which queues
the same file again for real.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.utils import timezone
from django_tasks import task

from safeguarding.core.audit import audit_record
from safeguarding.core.models import ImportJob, ImportJobStatus

logger = logging.getLogger(__name__)

JOB = "import job"

# A check never imported, or a job that never finished, keeps its stored file this long after
# it was last updated; the housekeeping job (``core.import-files-cleanup``) then deletes it.
FILES_KEPT_DAYS = 30


@dataclass(frozen=True)
class Importer:
    kind: str  # "<app>.<what>", stored on each job
    title: str  # "Import of a document register"
    permission: str  # the app's permission to import, checked against the job too
    run: Callable[..., dict]  # (job=, content=) -> JSON-able summary; ValidationError
    result_template: str  # shows the summary (``result``) on the job's page
    form_url: Callable[[ImportJob], str]  # the page to upload another file
    # After a finished job: the page to go on to (a batch to review), or None to stay.
    next_url: Callable[[ImportJob], str | None] | None = None
    next_message: Callable[[ImportJob], str] | None = None  # shown on that page
    # A dry run whose result may be imported for real (no problems found).
    can_confirm: Callable[[ImportJob], bool] | None = None
    confirm_label: str = "Import the file"
    # A finished job's outcome for its status tag: (words, GOV.UK tag colour), when the
    # result can say more than "checked" or "imported" (problems found, nothing written).
    outcome: Callable[[ImportJob], tuple[str, str] | None] | None = None
    # What the page asked, in words, when the options say more than "check" or "import"
    # (import the valid rows and leave out the invalid ones).
    asked: Callable[[ImportJob], str] | None = None
    # What ``import_job_progress`` counts, in the progress text ("Read 3 of 10 rows."): the
    # rows of a table, or the messages or questions a document was read into.
    progress_noun: str = "rows"


_IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> None:
    _IMPORTERS[importer.kind] = importer


def importer_for(kind: str) -> Importer:
    return _IMPORTERS[kind]


def progress_noun(kind: str) -> str:
    """What the job's progress counts (rows unless its importer says otherwise)."""
    importer = _IMPORTERS.get(kind)
    return importer.progress_noun if importer is not None else "rows"


def progress_text(job: ImportJob) -> str:
    """The job's progress in words, as its page and its progress JSON show it."""
    if job.status == ImportJobStatus.QUEUED:
        return "Waiting to start."
    if job.status == ImportJobStatus.RUNNING:
        if not job.rows_total:
            return "Reading the file."
        return f"Read {job.rows_done:,} of {job.rows_total:,} {progress_noun(job.kind)}."
    return "Finished."


def import_job_get(*, user, pk: int) -> ImportJob | None:
    """The job, if the person is in the business unit of its partnership."""
    return (
        ImportJob.objects.visible_to(user)
        .select_related("partnership", "uploaded_by")
        .filter(pk=pk)
        .first()
    )


RECENT_JOBS = 10


def import_jobs_recent(
    *, user, kinds: Collection[str], partnership=None, limit: int = RECENT_JOBS
) -> list[tuple[ImportJob, tuple[str, str]]]:
    """The latest jobs of these importers that the person may follow (of one partnership, if
    given), newest first, each with its status tag (words, colour): the list under an
    upload form."""
    jobs = ImportJob.objects.visible_to(user).filter(kind__in=kinds)
    if partnership is not None:
        jobs = jobs.filter(partnership=partnership)
    return [(job, job_outcome(job)) for job in jobs.select_related("uploaded_by")[:limit]]


def import_job_moved(*, user, kinds: Collection[str], moved_from: int) -> ImportJob | None:
    """The job that an import recorded by an app's own model before it moved onto the core
    job became (its data migration keeps the old id in ``options["moved_from"]``)."""
    return (
        ImportJob.objects.visible_to(user)
        .filter(kind__in=kinds, options__moved_from=moved_from)
        .order_by("pk")
        .first()
    )


def job_outcome(job: ImportJob) -> tuple[str, str]:
    """The words and colour of the job's status tag."""
    if job.status == ImportJobStatus.FAILED:
        return "Failed", "red"
    if job.status != ImportJobStatus.DONE:
        return job.get_status_display(), "blue"
    importer = _IMPORTERS.get(job.kind)
    said = importer.outcome(job) if importer is not None and importer.outcome else None
    if said is not None:
        return said
    return ("Checked: nothing written", "blue") if job.dry_run else ("Imported", "green")


def problems_outcome(job: ImportJob) -> tuple[str, str] | None:
    """For an all-or-nothing importer whose result lists ``errors``: nothing was written."""
    if job.result.get("errors"):
        return "Not imported: problems found", "red"
    return None


def job_asked(job: ImportJob) -> str:
    """What the page asked of the job, in words."""
    importer = _IMPORTERS.get(job.kind)
    if importer is not None and importer.asked is not None:
        return importer.asked(job)
    return "Only check the file (write nothing)" if job.dry_run else "Import the file"


def can_confirm(job: ImportJob) -> bool:
    importer = _IMPORTERS.get(job.kind)
    return bool(
        importer is not None
        and importer.can_confirm is not None
        and job.dry_run
        and job.status == ImportJobStatus.DONE
        and job.file
        and importer.can_confirm(job)
    )


def _queue(job: ImportJob) -> None:
    transaction.on_commit(lambda: import_job_task.enqueue(job_id=job.pk))


@transaction.atomic
def import_job_create(
    *,
    actor,
    partnership,
    kind: str,
    upload: UploadedFile | None = None,
    content: bytes | None = None,
    name: str = "",
    options: dict | None = None,
) -> ImportJob:
    """Store the uploaded file (or ``content`` under ``name``) and queue its import. The
    page's form has checked what it can check at once (the file's type and size)."""
    importer_for(kind)  # an unknown importer is a programming error: fail loudly
    stored: File
    if upload is not None:
        name = upload.name or "upload"
        upload.seek(0)
        stored = upload
    else:
        stored = ContentFile(content or b"")
    name = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1][:255]
    job = ImportJob(
        partnership=partnership,
        kind=kind,
        uploaded_by=actor,
        original_name=name,
        options=options or {},
    )
    job.file.save(name, stored, save=False)
    job.save()
    audit_record(
        actor=actor,
        event="core.import_job.queued",
        target=job,
        after={"kind": kind, "file": name, "options": job.options},
    )
    _queue(job)
    return job


@transaction.atomic
def import_job_confirm(*, actor, job: ImportJob) -> ImportJob:
    """Import for real the file a dry run checked: a new job with the same file and options.
    The checked job's copy of the file goes."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.file_deleted_at is not None:
        raise ValidationError(
            f"This file was deleted because it was not imported within {FILES_KEPT_DAYS} days "
            "of its check: upload the file again to check and import it."
        )
    if not can_confirm(job):
        raise ValidationError(
            "This file cannot be imported from here: check it again by uploading it."
        )
    with job.file.open("rb") as stored:
        content = stored.read()
    confirmed = import_job_create(
        actor=actor,
        partnership=job.partnership,
        kind=job.kind,
        content=content,
        name=job.original_name,
        options=job.options | {"dry_run": False, "checked_by_job": job.pk},
    )
    _delete_file(job)
    return confirmed


def _delete_file(job: ImportJob) -> None:
    if not job.file:
        return
    stored, storage = str(job.file.name), job.file.storage
    ImportJob.objects.filter(pk=job.pk).update(file="")
    job.file = None
    transaction.on_commit(lambda: storage.delete(stored))


def import_job_files_expiring(now) -> models.QuerySet[ImportJob]:
    """Jobs that still keep their file though it was last touched more than the days files
    are kept: checks never imported and jobs that never finished (a real import's and a
    failed job's file are deleted when they end)."""
    return ImportJob.objects.exclude(file="").filter(
        updated_at__lt=now - timedelta(days=FILES_KEPT_DAYS)
    )


NEVER_FINISHED = (
    "The background worker never finished this import, and its file was deleted after "
    f"{FILES_KEPT_DAYS} days. Nothing was imported: upload the file again."
)


@transaction.atomic
def import_job_file_expire(*, job: str, import_job: ImportJob) -> bool:
    """Delete the stored file of a check never imported or of a job that never finished,
    and say so on the job (it can no longer be confirmed). The record of the check stays; a
    job still waiting or running is ended as failed, so a late task does nothing. Idempotent:
    False when there was no file left to delete."""
    import_job = ImportJob.objects.select_for_update().get(pk=import_job.pk)
    if not import_job.file:
        return False
    stored = str(import_job.file.name)
    now = timezone.now()
    fields: dict = {"file_deleted_at": now}
    if not import_job.is_finished:
        fields |= {"status": ImportJobStatus.FAILED, "failure": NEVER_FINISHED, "finished_at": now}
    _delete_file(import_job)
    # updated_at is not touched: it still says when the job was checked or last moved.
    ImportJob.objects.filter(pk=import_job.pk).update(**fields)
    import_job.__dict__.update(fields)
    audit_record(
        job=job,
        event="core.import_job.file_deleted",
        target=import_job,
        after={"file": stored, "status": import_job.status, "days_kept": FILES_KEPT_DAYS},
    )
    return True


def import_job_result_shown(job: ImportJob) -> bool:
    """Record that the finished job's result was shown; True only the first time (even when
    two requests race), so its message is shown once."""
    first = ImportJob.objects.filter(pk=job.pk, result_shown_at__isnull=True).update(
        result_shown_at=timezone.now()
    )
    return bool(first)


# Progress ----------------------------------------------------------------------------------

_ProgressHook = Callable[[ImportJob], None]
_progress_hooks: dict[int, _ProgressHook] = {}


def import_job_progress(*, job: ImportJob, rows_done: int, rows_total: int | None = None) -> None:
    """Record how many rows the running job has read (and, the first time, how many there
    are), so its page shows the bar moving. Importers call it every few thousand rows.

    The import runs inside one transaction (all or nothing), whose writes nobody else sees
    until it ends; so on PostgreSQL the count is written and committed on a short connection
    of its own, which waits at most two seconds for the row and otherwise skips that count (a
    progress count is not worth holding up the import). On SQLite a second writer would wait
    for the import's lock, so the count is written in the import's transaction: the page
    then moves from "Reading the file" to the result (SQLite serves development and small
    sites)."""
    fields: dict = {"rows_done": max(0, rows_done)}
    if rows_total is not None:
        fields["rows_total"] = max(0, rows_total)
    total = fields.get("rows_total", job.rows_total)
    if total is not None:
        fields["rows_done"] = min(fields["rows_done"], total)
    job.__dict__.update(fields)
    job.updated_at = timezone.now()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        _progress_on_own_connection(job, fields)
    else:
        ImportJob.objects.filter(pk=job.pk).update(updated_at=job.updated_at, **fields)
    hook = _progress_hooks.get(job.pk)
    if hook is not None:
        hook(job)


def _progress_on_own_connection(job: ImportJob, fields: dict) -> None:
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    table = ImportJob._meta.db_table
    columns = ", ".join(f"{name} = %s" for name in fields)
    try:
        with own.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
            cursor.execute(
                f"UPDATE {table} SET {columns}, updated_at = %s WHERE id = %s",  # noqa: S608
                [*fields.values(), job.updated_at, job.pk],
            )
    except DatabaseError:
        logger.warning("Import job %s: its progress could not be saved", job.pk, exc_info=True)
    finally:
        own.close()


def _save(job: ImportJob, **fields) -> None:
    """Save some of the job's fields at once (autocommit outside a transaction)."""
    job.__dict__.update(fields)
    job.updated_at = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(updated_at=job.updated_at, **fields)


def _fail(job: ImportJob, message: str) -> ImportJob:
    with transaction.atomic():
        _save(job, status=ImportJobStatus.FAILED, failure=message, finished_at=timezone.now())
        _delete_file(job)
        audit_record(
            job=JOB, event="core.import_job.failed", target=job, after={"failure": message}
        )
    return job


def import_job_execute(*, job_id: int, on_progress: _ProgressHook | None = None) -> ImportJob:
    """Run a queued job. A task delivered twice does nothing the second time.
    ``on_progress`` is called with the job after each count of rows is saved."""
    if on_progress is not None:
        _progress_hooks[job_id] = on_progress
    try:
        return _execute(job_id)
    finally:
        _progress_hooks.pop(job_id, None)


def _execute(job_id: int) -> ImportJob:
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJobStatus.QUEUED).update(
        status=ImportJobStatus.RUNNING, updated_at=timezone.now()
    )
    job = ImportJob.objects.select_related("partnership", "uploaded_by").get(pk=job_id)
    if not claimed:
        return job
    job.status = ImportJobStatus.RUNNING
    try:
        importer = importer_for(job.kind)
        with job.file.open("rb") as stored:
            content = stored.read()
        with transaction.atomic():
            result = importer.run(job=job, content=content)
            result = json.loads(json.dumps(result, cls=DjangoJSONEncoder))
            _save(
                job,
                status=ImportJobStatus.DONE,
                result=result,
                # The counts reported as it ran, now in the job's own transaction too (on
                # PostgreSQL they were committed on another connection, which may have
                # skipped one).
                rows_total=job.rows_total,
                rows_done=job.rows_total or 0,
                finished_at=timezone.now(),
            )
            if not job.dry_run:
                # The records are in the database now; the uploaded copy is not kept.
                _delete_file(job)
            audit_record(
                job=JOB,
                event="core.import_job.finished",
                target=job,
                after={"kind": job.kind, "dry_run": job.dry_run}
                | {k: v for k, v in result.items() if isinstance(v, int | bool)},
            )
    except ValidationError as error:
        return _fail(
            job,
            f"{' '.join(error.messages)} Nothing was imported: correct the file and upload "
            "it again.",
        )
    except OSError:
        logger.exception("Import job %s: the stored file could not be opened", job.pk)
        return _fail(
            job,
            "The uploaded file could not be opened on the server. Nothing was imported. "
            "Upload the file again; if this happens again, tell the system administrator.",
        )
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        return _fail(
            job,
            "Something went wrong on the server while importing the file. Nothing was "
            "imported. Try again later; if it fails again, tell the system administrator "
            "(the error is in the server's log), or import the file with the command line.",
        )
    return job


@task()
def import_job_task(*, job_id: int) -> None:
    """Run one uploaded file's import on the worker (ADR 0033). It lives beside the function
    that queues it, so this module needs no import of a higher one (core.tasks keeps the old
    name for tasks queued before the move)."""
    import_job_execute(job_id=job_id)
