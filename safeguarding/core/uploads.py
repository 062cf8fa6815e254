"""The one check for every uploaded file: its type from its bytes, no active content, its size.

A file's name says nothing about what it is: ``report.pdf`` may be a Windows program, and a
real Word file may carry macros. Every upload (audit evidence, review evidence, meeting
papers, terms of reference, data imports) goes through :func:`uploaded_file_check` — in
the service that stores it, or as a form validator (:class:`FileRules` is callable) — which

1. accepts only the extensions the upload allows, and files that are not empty and not
   larger than its limit;
2. reads the type from the file's bytes (``puremagic``, pure Python) and refuses a file
   whose contents are not what its extension says (an ``.exe`` renamed ``.pdf``);
3. refuses active content: macros in Office files (``vbaProject.bin`` in Word, Excel and
   PowerPoint files, a ``_VBA_PROJECT`` in older ``.doc``/``.xls``/``.ppt`` files, Basic
   or scripts in OpenDocument files, ActiveX controls) and PDFs with JavaScript, launch
   actions or embedded files.

Usage in a service::

    checked = uploaded_file_check(upload, rules=EVIDENCE_FILE_RULES)  # ValidationError
    stored.content_type = checked.content_type

or on a form field: ``forms.FileField(validators=[EVIDENCE_FILE_RULES])``.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import puremagic
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

MB = 1024 * 1024

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
OOXML_PART = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
OLE = {".doc", ".xls", ".ppt"}
TEXT = {".csv", ".txt"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# PDF names that run or carry something: JavaScript, launching a program, embedded files,
# rich media. A name may be written with #xx escapes (/J#61vaScript), undone before the scan.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)


@deconstructible
@dataclass
class FileRules:
    """What one kind of upload accepts; callable, so it is also a form-field validator."""

    extensions: frozenset[str]
    max_bytes: int
    # False when a later step reads the contents and explains a mismatch in its own words
    # (the data import says "this .csv is really an Excel file"); active content is still
    # refused.
    match_extension: bool = True

    def __call__(self, upload) -> None:
        uploaded_file_check(upload, rules=self)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str


EVIDENCE_FILE_RULES = FileRules(
    extensions=frozenset(
        {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".csv", ".ppt", ".pptx"}
        | {".txt", ".png", ".jpg", ".jpeg"}
    ),
    max_bytes=10 * MB,
)
DOCUMENT_FILE_RULES = FileRules(
    extensions=frozenset(
        {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".csv", ".txt"}
    ),
    max_bytes=20 * MB,
)


def _types(extensions) -> str:
    return ", ".join(sorted(e.lstrip(".").upper() for e in extensions))


def uploaded_file_check(upload, *, rules: FileRules) -> CheckedFile:
    """Check an uploaded file; raise ValidationError with a message naming the file."""
    name = Path(upload.name or "").name
    extension = Path(name).suffix.lower()
    if extension not in rules.extensions:
        raise ValidationError(
            f"“{name}” is not a file type we accept. The file must be one of these types: "
            f"{_types(rules.extensions)}."
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(f"“{name}” is empty. Choose the file again.")
    if size > rules.max_bytes:
        limit = rules.max_bytes // MB
        raise ValidationError(
            f"“{name}” is larger than {limit} MB. Upload a file smaller than {limit} MB."
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = extension.lstrip(".").upper()
    actual = _actual_extension(data, extension)
    if rules.match_extension and actual != _family(extension):
        raise ValidationError(
            f"“{name}” is not a real {kind} file: its contents are "
            f"{_describe(actual)}. Save it as {kind} and upload it again."
        )
    problem = _active_content(data, actual)
    if problem:
        raise ValidationError(
            f"“{name}” contains {problem}, which could run on the computer of whoever opens "
            "it. Save a copy without it (for example as a plain .docx, .xlsx or PDF) and "
            "upload that."
        )
    return CheckedFile(name=name, extension=extension, content_type=CONTENT_TYPES[extension])


def _family(extension: str) -> str:
    return ".jpg" if extension == ".jpeg" else ".txt" if extension in TEXT else extension


def _describe(actual: str) -> str:
    if actual == "unknown":
        return "not a type we recognise"
    if actual == ".txt":
        return "plain text"
    return f"those of a {actual.lstrip('.').upper()} file"


def _actual_extension(data: bytes, declared: str) -> str:
    """What the bytes are, as the extension family they belong to."""
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return declared if declared in OLE else ".doc"
    try:
        found = {match.extension.lower() for match in puremagic.magic_string(data[:8192])}
    except puremagic.PureError:
        found = set()
    if ".pdf" in found or data[:1024].lstrip().startswith(b"%PDF"):
        return ".pdf"
    if ".png" in found:
        return ".png"
    if found & {".jpg", ".jpeg", ".jfif", ".jpe"}:
        return ".jpg"
    if _is_text(data):
        return ".txt"
    return sorted(found)[0] if found else "unknown"


def _is_text(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding == "utf-8" and error.start >= len(head) - 4:
                return True  # a character cut at the end of the sample
            continue
        return True
    return False


def _zip_names(data: bytes) -> list[str] | None:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return None


def _zip_kind(data: bytes) -> str:
    names = _zip_names(data)
    if names is None:
        return "unknown"
    if "[Content_Types].xml" in names:
        for extension, folder in OOXML_PART.items():
            if any(name.startswith(folder) for name in names):
                return extension
    if "mimetype" in names:
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
        for extension in (".odt", ".ods", ".odp"):
            if mimetype == CONTENT_TYPES[extension]:
                return extension
    return ".zip"


def _active_content(data: bytes, actual: str) -> str:
    """A description of the active content in the file, or "" when there is none."""
    if data.startswith(ZIP_MAGIC):
        names = [name.lower() for name in _zip_names(data) or []]
        if any(name.endswith(("vbaproject.bin", "vbadata.xml")) for name in names):
            return "macros"
        if any(name.startswith(("basic/", "scripts/")) for name in names):
            return "macros"
        if any("/activex/" in f"/{name}" for name in names):
            return "ActiveX controls"
        return ""
    if data.startswith(OLE_MAGIC):
        for marker in ("_VBA_PROJECT", "Macros", "VBA"):
            if marker.encode("utf-16-le") + b"\x00\x00" in data:
                return "macros"
        return ""
    if actual == ".pdf":
        return _pdf_active_content(data)
    return ""


def _pdf_active_content(data: bytes) -> str:
    texts = [data]
    for stream in PDF_STREAM.findall(data):
        try:
            texts.append(zlib.decompress(stream.strip(b"\r\n")))
        except zlib.error:
            continue
    for text in texts:
        unescaped = PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), text)
        found = PDF_ACTIVE.search(unescaped)
        if found:
            name = found[1].decode()
            if name in {"JavaScript", "JS"}:
                return "JavaScript"
            if name == "Launch":
                return "an action that starts a program"
            if name == "XFA":
                return "an interactive XFA form"
            if name == "RichMedia":
                return "embedded media"
            return "embedded files"
    return ""
