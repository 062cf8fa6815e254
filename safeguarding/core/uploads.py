"""Checking an uploaded document by what it contains, not by what it is called.

``document_check(upload)`` reads the file's first bytes (and, for Office and OpenDocument
files, the names inside the zip) to tell what it really is, refuses anything that is not one
of the allowed kinds, whose name says something else, that is empty or too large, or that
carries macros, and returns the kind found, with the content type to serve it with. The
message of each refusal says what is wrong and what to do.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError

DOCUMENT_MAX_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


KINDS = {
    kind.key: kind
    for kind in [
        FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
        FileKind(
            "docx",
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileKind(
            "xlsx",
            "Excel workbook",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
        ),
        FileKind(
            "pptx",
            "PowerPoint presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        FileKind("odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",)),
        FileKind("txt", "text file", "text/plain", (".txt",)),
        FileKind("csv", "CSV file", "text/csv", (".csv",)),
        FileKind("png", "PNG image", "image/png", (".png",)),
        FileKind("jpeg", "JPEG image", "image/jpeg", (".jpg", ".jpeg")),
    ]
}
DOCUMENT_KINDS = frozenset(KINDS)

_OOXML_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}


def _zip_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return "macros"
            if "[Content_Types].xml" in names:
                for part, kind in _OOXML_PARTS.items():
                    if part in names:
                        return kind
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == KINDS["odt"].content_type:
                    return "odt"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _text_kind(head: bytes, suffix: str) -> str | None:
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "csv" if suffix == ".csv" else "txt"
    return None


def detect_kind(upload, name: str) -> str | None:
    """The kind of file the content shows (a key of ``KINDS``), ``"macros"`` for an Office
    file with macros, or None when it is none we know."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    # Text has no signature: only a file called .txt or .csv is read as text, and only when
    # it is text (an executable renamed to .txt has bytes text never has).
    suffix = PurePath(name).suffix.lower()
    if suffix in (".txt", ".csv"):
        return _text_kind(head[:4096], suffix)
    return None


def allowed_list(allowed) -> str:
    labels = []
    for key in sorted(allowed):
        kind = KINDS[key]
        labels.append(f"{kind.label} ({', '.join(kind.extensions)})")
    return ", ".join(labels)


def document_check(
    upload,
    *,
    allowed: frozenset[str] | set[str] = DOCUMENT_KINDS,
    max_bytes: int = DOCUMENT_MAX_BYTES,
    field: str = "file",
) -> FileKind:
    """The kind of the uploaded file, or ValidationError on ``field`` saying why not."""
    name = PurePath(getattr(upload, "name", "") or "").name
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError({field: f"{name or 'The file'} is empty: choose the document again."})
    if size > max_bytes:
        raise ValidationError(
            {
                field: f"{name} is {size / (1024 * 1024):.1f} MB; documents can be up to "
                f"{max_bytes // (1024 * 1024)} MB. Make it smaller (for example, save images "
                "at a lower resolution) or split it."
            }
        )
    found = detect_kind(upload, name)
    if found == "macros":
        raise ValidationError(
            {
                field: f"{name} contains macros, which are not accepted. Save it without macros "
                "(as .docx, .xlsx or .pptx) or as PDF."
            }  # fmt: skip
        )
    if found is None or found not in allowed:
        raise ValidationError(
            {
                field: f"{name} is not a file of a kind we accept. Upload one of: "
                f"{allowed_list(allowed)}."
            }  # fmt: skip
        )
    kind = KINDS[found]
    suffix = PurePath(name).suffix.lower()
    if suffix not in kind.extensions:
        raise ValidationError(
            {
                field: f"{name} is a {kind.label}, but its name ends in “{suffix or 'nothing'}”. "
                f"Rename it to end in {kind.extensions[0]} and upload it again."
            }  # fmt: skip
        )
    return kind
