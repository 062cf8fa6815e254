"""Uploaded documents are checked by what they contain, not what they are called."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from safeguarding.core.uploads import document_check


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def _message(upload, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        document_check(upload, **kwargs)
    return " ".join(refused.value.message_dict["file"])


def test_documents_are_recognised_by_their_content():
    assert document_check(SimpleUploadedFile("report.pdf", b"%PDF-1.7\n...")).key == "pdf"
    assert document_check(SimpleUploadedFile("draft.docx", DOCX)).content_type.endswith(
        "wordprocessingml.document"
    )
    assert (
        document_check(SimpleUploadedFile("notes.txt", "Café notes".encode("cp1252"))).key == "txt"
    )
    assert document_check(SimpleUploadedFile("photo.JPG", b"\xff\xd8\xff\xe0rest")).key == "jpeg"


def test_a_program_renamed_to_pdf_is_refused_and_says_what_is_accepted():
    message = _message(SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03 program"))
    assert "report.pdf is not a file of a kind we accept" in message
    assert "PDF (.pdf)" in message and "Word document (.docx)" in message


def test_a_file_whose_name_disagrees_with_its_content_is_refused():
    message = _message(SimpleUploadedFile("report.docx", b"%PDF-1.7\n"))
    assert message == (
        "report.docx is a PDF, but its name ends in “.docx”. Rename it to end in .pdf and "
        "upload it again."
    )


def test_office_files_with_macros_empty_files_and_big_files_are_refused():
    with_macros = _zip(
        {"[Content_Types].xml": b"", "word/document.xml": b"", "word/vbaProject.bin": b"x"}
    )
    assert "contains macros" in _message(SimpleUploadedFile("draft.docx", with_macros))
    assert "is empty" in _message(SimpleUploadedFile("draft.pdf", b""))
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 * 3 // 2))
    assert _message(big, max_bytes=1024 * 1024).startswith(
        "big.pdf is 1.5 MB; documents can be up to 1 MB."
    )


def test_only_the_kinds_asked_for_are_accepted():
    message = _message(SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\nrest"), allowed={"pdf"})
    assert message == "photo.png is not a file of a kind we accept. Upload one of: PDF (.pdf)."
