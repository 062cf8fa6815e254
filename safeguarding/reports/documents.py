"""The report's three formats from one content (``selectors.report_content``): a standalone,
printable HTML page, a PDF made by WeasyPrint from that HTML (headings as bookmarks, page
numbers, a contents page) and a Word document made with python-docx.

A build that fails raises :class:`BuildError` saying why; the stored file of the previous
build stays as it was (the new file replaces it only once it has been built)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from safeguarding.core.audit import audit_record
from safeguarding.core.periods import financial_year_label, financial_year_of
from safeguarding.reports import audit_events as codes
from safeguarding.reports.models import YearlyReport
from safeguarding.reports.selectors.content import SectionContent, report_content

logger = logging.getLogger(__name__)

DOCUMENT_CSS = Path(__file__).resolve().parent / "static" / "reports" / "document.css"
FORMATS = ("html", "pdf", "docx")


class BuildError(Exception):
    """A PDF or Word build failed: the message says why."""


def period_label(report: YearlyReport) -> str:
    start, end = report.period_start, report.period_end
    if start.month == 4 and start.day == 1 and end.month == 3 and end.day == 31:
        first = financial_year_of(start)
        last = financial_year_of(end)
        if first == last:
            return financial_year_label(first)
        return f"{first}–{(last + 1) % 100:02d}"
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def document_context(report: YearlyReport) -> dict:
    sections = report_content(report=report)
    return {
        "report": report,
        "period": period_label(report),
        "sections": sections,
        "sign_offs": list(report.sign_offs.all()) if report.pk else [],
        "joint": list(report.joint_partnerships.all()) if report.pk else [],
    }


def render_html(report: YearlyReport) -> str:
    """The standalone printable HTML document (its own styles, no site chrome)."""
    context = document_context(report)
    context["css"] = DOCUMENT_CSS.read_text()
    return render_to_string("reports/document.html", context)


def build_pdf(report: YearlyReport) -> bytes:
    try:
        from weasyprint import HTML  # imported here: a heavy library only the PDF needs

        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

        return HTML(string=render_html(report)).write_pdf()
    except Exception as error:  # WeasyPrint raises many kinds; say which and why
        logger.exception("PDF build of yearly report %s failed", report.pk)
        raise BuildError(f"The PDF could not be built: {error}") from error


def _add_table(document, table: dict) -> None:
    document.add_paragraph(table["caption"], style="Caption")
    grid = document.add_table(rows=1, cols=len(table["headers"]))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table["headers"], strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table["display_rows"]:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = value


def _add_markdown(document, text: str) -> None:
    for block in (text or "").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        lines = block.splitlines()
        if all(line.lstrip().startswith(("* ", "- ")) for line in lines):
            for line in lines:
                document.add_paragraph(line.lstrip()[2:].strip(), style="List Bullet")
        elif block.startswith("#"):
            document.add_heading(block.lstrip("#").strip(), level=3)
        else:
            document.add_paragraph(" ".join(line.strip() for line in lines))


def build_docx(report: YearlyReport) -> bytes:
    try:
        from docx import Document

        context = document_context(report)
        document = Document()
        document.core_properties.title = report.title
        document.add_heading(report.title, level=0)
        document.add_paragraph(f"{report.partnership.name}, {context['period']}")
        document.add_heading("Contents", level=1)
        for section in context["sections"]:
            document.add_paragraph(f"{section.number}. {section.title}", style="List Number")
        for section in context["sections"]:
            _add_docx_section(document, section)
        if context["sign_offs"]:
            document.add_heading("Signed off by", level=1)
            for s in context["sign_offs"]:
                document.add_paragraph(
                    f"{s.get_partner_display()}: {s.signed_by_name}, {s.signed_on:%-d %B %Y}"
                )
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    except Exception as error:
        logger.exception("Word build of yearly report %s failed", report.pk)
        raise BuildError(f"The Word document could not be built: {error}") from error


def _add_docx_section(document, section: SectionContent) -> None:
    document.add_heading(f"{section.number}. {section.title}", level=1)
    _add_markdown(document, section.narrative)
    for contribution in section.contributions:
        for figure in contribution["figures"]:
            document.add_paragraph(f"{figure['label']}: {figure['display']}", style="List Bullet")
        for table in contribution["tables"]:
            _add_table(document, table)
    if section.case_study:
        document.add_heading("Case study", level=2)
        _add_markdown(document, section.case_study)


def build(report: YearlyReport, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(report).encode()
    if fmt == "pdf":
        return build_pdf(report)
    if fmt == "docx":
        return build_docx(report)
    raise BuildError(f"“{fmt}” is not a format: choose html, pdf or docx.")


def report_files_build(*, actor=None, job: str | None = None, report: YearlyReport) -> None:
    """Build and store the PDF and Word files of a report. Both are built before either is
    stored, so a failed build leaves the previous files in place."""
    pdf = build_pdf(report)
    docx = build_docx(report)
    slug = f"{report.partnership.slug}-{report.period_start:%Y}-{report.period_end:%Y}"
    with transaction.atomic():
        old = [report.pdf.name, report.docx.name]
        report.pdf.save(f"{slug}.pdf", ContentFile(pdf), save=False)
        report.docx.save(f"{slug}.docx", ContentFile(docx), save=False)
        report.save(update_fields=["pdf", "docx", "updated_at"])
        audit_record(
            actor=actor,
            job=job,
            event=codes.REPORT_BUILD,
            target=report,
            after={"pdf": report.pdf.name, "docx": report.docx.name},
        )
    for name in old:
        if name and name not in (report.pdf.name, report.docx.name):
            report.pdf.storage.delete(name)
