"""The panel pack of a panel meeting as a PDF (WeasyPrint): confidential."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone


def panel_pack_pdf(*, deaths, meeting_label: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads system libraries on first use

    html = render_to_string(
        "childdeaths/panel_pack_pdf.html",
        {"deaths": deaths, "meeting_label": meeting_label, "made_on": timezone.localdate()},
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()
