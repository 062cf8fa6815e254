"""Importing a key-messages document uploaded on the business unit's page: the same reading
as ``safeguarding import-key-messages``, into an import batch to review (or, with
``dry_run``, only a summary of what the batch would hold).

The page checks the upload at once (``key_messages_upload_check``) and the background worker
reads it (``key_messages_import_content``, registered with ``core.import_jobs`` in this
app's ``capabilities.py``): the page follows the job and then shows the batch to review, or
the check's summary (ADR 0033)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from safeguarding.accounts.models import Partnership
from safeguarding.core.import_jobs import import_job_progress
from safeguarding.governance.importing import DocumentError, read_key_messages
from safeguarding.governance.services.import_batches import (
    BatchResult,
    file_hash,
    import_batch_create,
)

SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 10 * 1024 * 1024
KEY_MESSAGES_IMPORT = "governance.key_messages"  # the kind of its jobs (core.import_jobs)


class _DryRun(Exception):
    """Raised inside the transaction to roll a check back."""


def key_messages_upload_check(upload: UploadedFile) -> str:
    """Refuse at once a file of a type or size the reader does not take; its name."""
    name = Path(upload.name or "document").name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise ValidationError(
            {"file": "Choose a Word (.docx), text (.txt), Markdown (.md) or web page (.html) file."}
        )
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": "The file is larger than 10 MB."})
    return name


def key_messages_import_content(
    *,
    actor,
    partnership: Partnership,
    name: str,
    content: bytes,
    dry_run: bool = False,
    on_rows: Callable[[int, int], None] | None = None,
) -> tuple[BatchResult, dict]:
    """Read a document's bytes into a new import batch in one transaction (or, with
    ``dry_run``, write nothing). Returns the batch result and the summary ``{"meetings",
    "messages", "left_out", "notes", "dry_run", "items"}``. A document that cannot be read
    raises ValidationError on ``file``; nothing is written then. ``on_rows(done, total)``
    is told how many of the document's messages have been drafted (``import_batch_create``)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            {"file": "Choose a Word (.docx), text (.txt), Markdown (.md) or web page (.html) file."}
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        try:
            reading = read_key_messages(path)
        except DocumentError as error:
            raise ValidationError({"file": f"{name} could not be imported: {error}"}) from None
    result = None
    try:
        with transaction.atomic():
            result = import_batch_create(
                partnership=partnership,
                reading=reading,
                source_name=name,
                source_hash=file_hash(content),
                actor=actor,
                on_rows=on_rows,
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    summary = {
        "meetings": len({(m.meeting_date, m.meeting_title) for m in reading.messages}),
        "messages": len(reading.messages),
        "left_out": sum(1 for line in reading.lines if line["role"] == "left_out"),
        "notes": reading.notes,
        "dry_run": dry_run,
        "items": result.items,
    }
    return result, summary


def key_messages_import_upload(
    *, actor, partnership: Partnership, upload: UploadedFile, dry_run: bool = False
) -> tuple[BatchResult, dict]:
    """The upload read at once (tests and scripts; the page queues a job instead)."""
    name = key_messages_upload_check(upload)
    upload.seek(0)
    content = b"".join(upload.chunks())
    return key_messages_import_content(
        actor=actor, partnership=partnership, name=name, content=content, dry_run=dry_run
    )


def key_messages_import_job(*, job, content: bytes) -> dict:
    """The worker's side of the page (``core.import_jobs``): the summary the job keeps."""
    result, summary = key_messages_import_content(
        actor=job.uploaded_by,
        partnership=job.partnership,
        name=job.original_name,
        content=content,
        dry_run=job.dry_run,
        on_rows=lambda done, total: import_job_progress(job=job, rows_done=done, rows_total=total),
    )
    return summary | {
        "batch": result.batch.pk if result.batch else None,
        "already": result.already.pk if result.already else None,
        "created": result.created,
        "updated": result.updated,
        "skipped": result.skipped,
    }
