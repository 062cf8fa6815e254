"""The certificate of attendance as a PDF (WeasyPrint)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse


def certificate_pdf(certificate, *, request=None) -> bytes:
    from weasyprint import HTML  # imported here: it loads system libraries on first use

    booking = certificate.booking
    verify_url = (
        f"{settings.SITE_URL.rstrip('/')}{reverse('training:verify')}?code={certificate.code}"
    )
    html = render_to_string(
        "training/certificate_pdf.html",
        {
            "certificate": certificate,
            "booking": booking,
            "session": booking.session,
            "course": booking.session.course,
            "partnership": booking.session.course.partnership,
            "verify_url": verify_url,
        },
        request=request,
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()
