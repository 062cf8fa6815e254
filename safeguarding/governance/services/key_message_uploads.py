"""Importing a key-messages document uploaded on the business unit's page: the same reading
and the same import as ``safeguarding import-key-messages``, with the same summary as its
``--json``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from safeguarding.accounts.models import Partnership
from safeguarding.governance.importing import DocumentError, parse_document
from safeguarding.governance.services.key_messages import key_messages_import

SUFFIXES = (".docx", ".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 10 * 1024 * 1024


class _DryRun(Exception):
    """Raised inside the transaction to roll a check back."""


def key_messages_import_upload(
    *, actor, partnership: Partnership, upload: UploadedFile, dry_run: bool = False
) -> dict:
    """Read the uploaded document and import its messages in one transaction (or, with
    ``dry_run``, say what would change and write nothing). Returns the summary
    ``{"meetings", "messages", "created", "updated", "skipped", "errors", "changes",
    "dry_run"}``. A document that cannot be read raises ValidationError on ``file``."""
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
            found = parse_document(path)
        except DocumentError as error:
            raise ValidationError({"file": f"{name} could not be imported: {error}"}) from None
    counts = None
    try:
        with transaction.atomic():
            counts = key_messages_import(
                partnership=partnership, messages=found, source=name, actor=actor
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return {
        "meetings": len({(m.meeting_date, m.meeting_title) for m in found}),
        "messages": len(found),
        "created": counts.created,
        "updated": counts.updated,
        "skipped": counts.skipped,
        "errors": counts.errors,
        "changes": [
            {"change": "new" if change == "create" else "changed", "message": label}
            for change, label in counts.changes
        ],
        "dry_run": dry_run,
    }
