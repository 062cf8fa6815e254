"""The one upload check: type from the bytes, no macros or PDF scripts, size limits."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from safeguarding.core.uploads import (
    DOCUMENT_FILE_RULES,
    EVIDENCE_FILE_RULES,
    FileRules,
    uploaded_file_check,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<<>>\n%%EOF\n"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def with_parts(data: bytes, extra: dict[str, bytes] | None) -> bytes:
    """The Office file with extra parts added inside its zip (a macro project, a control)."""
    if not extra:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, part in extra.items():
            target.writestr(name, part)
    return out.getvalue()


def docx_bytes(*, extra: dict[str, bytes] | None = None) -> bytes:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    return with_parts(out.getvalue(), extra)


def xlsx_bytes(*, extra: dict[str, bytes] | None = None) -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return with_parts(out.getvalue(), extra)


def check(name: str, data: bytes, rules: FileRules = EVIDENCE_FILE_RULES):
    return uploaded_file_check(SimpleUploadedFile(name, data), rules=rules)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("minutes.pdf", PDF, "application/pdf"),
        ("report.docx", docx_bytes(), None),
        ("figures.xlsx", xlsx_bytes(), None),
        ("old.doc", OLE_HEADER + "WordDocument".encode("utf-16-le"), "application/msword"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, "image/jpeg"),
        ("list.csv", "name,amount\nOakfield,£40\n".encode(), "text/csv"),
        ("notes.txt", "Caf\xe9 notes".encode("cp1252"), "text/plain"),
    ],
)
def test_real_files_of_accepted_types_pass(name, data, content_type):
    checked = check(name, data)
    assert checked.name == name
    if content_type:
        assert checked.content_type == content_type


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "“run.exe” is not a file type we accept"),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 200, "“report.pdf” is not a real PDF file"),
        ("report.pdf", b"<html><script>alert(1)</script>", "“report.pdf” is not a real PDF"),
        ("report.docx", PDF, "“report.docx” is not a real DOCX file"),
        ("figures.xlsx", docx_bytes(), "“figures.xlsx” is not a real XLSX file"),
        ("photo.png", PDF, "“photo.png” is not a real PNG file"),
        ("list.csv", b"\x00\x01\x02binary", "“list.csv” is not a real CSV file"),
        ("empty.pdf", b"", "“empty.pdf” is empty"),
    ],
)
def test_files_whose_contents_are_not_what_their_name_says_are_refused(name, data, message):
    with pytest.raises(ValidationError) as refused:
        check(name, data)
    assert message in refused.value.messages[0]


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("macro.docx", docx_bytes(extra={"word/vbaProject.bin": b"\x00" * 10}), "macros"),
        ("macro.xlsx", xlsx_bytes(extra={"xl/vbaProject.bin": b"\x00" * 10}), "macros"),
        ("control.docx", docx_bytes(extra={"word/activeX/activeX1.xml": b"<x/>"}), "ActiveX"),
        ("old.doc", OLE_HEADER + "_VBA_PROJECT".encode("utf-16-le") + b"\x00\x00", "macros"),
        ("script.pdf", PDF + b"<< /S /JavaScript /JS (app.alert(1)) >>", "JavaScript"),
        ("hidden.pdf", PDF + b"<< /OpenAction << /S /J#61vaScript /JS (x) >> >>", "JavaScript"),
        ("launch.pdf", PDF + b"<< /S /Launch /F (cmd.exe) >>", "starts a program"),
        ("attached.pdf", PDF + b"<< /Names << /EmbeddedFiles 5 0 R >> >>", "embedded files"),
        (
            "packed.pdf",
            PDF
            + b"5 0 obj\n<< /Filter /FlateDecode >>\nstream\n"
            + zlib.compress(b"<< /S /JavaScript /JS (x) >>")
            + b"\nendstream\n",
            "JavaScript",
        ),
    ],
)
def test_active_content_is_refused(name, data, what):
    with pytest.raises(ValidationError) as refused:
        check(name, data)
    assert what in refused.value.messages[0]
    assert "could run on the computer of whoever opens it" in refused.value.messages[0]


def test_a_pdf_that_only_opens_at_a_page_is_accepted():
    check("opens.pdf", PDF + b"<< /OpenAction [3 0 R /Fit] /JSON_like_name 1 >>")


def test_size_limits_are_kept():
    small = FileRules(extensions=frozenset({".pdf"}), max_bytes=1024 * 1024)
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        check("big.pdf", PDF + b"0" * (1024 * 1024), small)
    assert DOCUMENT_FILE_RULES.max_bytes == 20 * 1024 * 1024


def test_rules_are_a_form_field_validator():
    from django import forms

    class Form(forms.Form):
        file = forms.FileField(validators=[EVIDENCE_FILE_RULES])

    form = Form(files={"file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00")})
    assert not form.is_valid()
    assert "is not a real PDF file" in form.errors["file"][0]
