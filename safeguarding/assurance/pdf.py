"""PDF copies of returns, made with WeasyPrint from the same HTML as the read-only page."""

from __future__ import annotations

from pathlib import Path

PDF_CSS = Path(__file__).resolve().parent / "static" / "assurance" / "pdf.css"


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # imported here: a heavy library only the PDF needs

    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PDF_CSS))])
