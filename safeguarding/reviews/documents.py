"""The 7-minute briefing as a document: PDF (WeasyPrint) and Word (python-docx)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from safeguarding.reviews.models import Briefing

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def briefing_pdf(briefing: Briefing, *, partnership_name: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, only needed for this

    html = render_to_string(
        "reviews/briefing_print.html",
        {"briefing": briefing, "boxes": _boxes(briefing), "partnership_name": partnership_name},
    )
    return HTML(string=html).write_pdf()


def _boxes(briefing: Briefing) -> list[tuple[str, list[str]]]:
    return [(heading, _paragraphs(text)) for heading, text in briefing.boxes]


def briefing_docx(briefing: Briefing, *, partnership_name: str) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = briefing.title
    document.core_properties.author = partnership_name
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    document.add_heading(briefing.title, level=0)
    document.add_paragraph(partnership_name)
    for heading, lines in _boxes(briefing):
        document.add_heading(heading, level=1)
        for line in lines or ["—"]:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def filename(briefing: Briefing, extension: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(briefing.title)[:80] or 'briefing'}.{extension}"
