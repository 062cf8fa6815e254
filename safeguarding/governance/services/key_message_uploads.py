"""Importing a key-messages document uploaded on the business unit's page: the same reading
as ``safeguarding import-key-messages``, into an import batch to review (or, with
``dry_run``, only a summary of what the batch would hold).

The upload runs synchronously in the request: governance has no background-import pattern
of its own (performance's import runs belong to that app), and a key-messages document of
up to 10 MB is read in well under a second (see ``make bench``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from safeguarding.accounts.models import Partnership
from safeguarding.governance.importing import DocumentError, read_key_messages
from safeguarding.governance.services.import_batches import (
    BatchResult,
    file_hash,
    import_batch_create,
)

SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 10 * 1024 * 1024


class _DryRun(Exception):
    """Raised inside the transaction to roll a check back."""


def key_messages_import_upload(
    *, actor, partnership: Partnership, upload: UploadedFile, dry_run: bool = False
) -> tuple[BatchResult, dict]:
    """Read the uploaded document into a new import batch in one transaction (or, with
    ``dry_run``, write nothing). Returns the batch result and the summary ``{"meetings",
    "messages", "left_out", "notes", "dry_run"}``. A document that cannot be read raises
    ValidationError on ``file``; nothing is written then."""
    name = Path(upload.name or "document").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            {"file": "Choose a Word (.docx), text (.txt), Markdown (.md) or web page (.html) file."}
        )
    if upload.size > MAX_BYTES:
        raise ValidationError({"file": "The file is larger than 10 MB."})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            reading = read_key_messages(path)
        except DocumentError as error:
            raise ValidationError({"file": f"{name} could not be imported: {error}"}) from None
        content = path.read_bytes()
    result = None
    try:
        with transaction.atomic():
            result = import_batch_create(
                partnership=partnership,
                reading=reading,
                source_name=name,
                source_hash=file_hash(content),
                actor=actor,
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
