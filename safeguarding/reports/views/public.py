"""Public pages: every published yearly report, each served from its frozen figures, and its
PDF and Word documents."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguarding.core.access import public
from safeguarding.reports import selectors
from safeguarding.reports.documents import period_label


@public
@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    reports = list(selectors.published_reports())
    rows = [{"report": r, "period": period_label(r)} for r in reports]
    return render(request, "reports/public_list.html", {"rows": rows})


def _published(pk: int):
    report = selectors.published_report_get(pk=pk)
    if report is None:
        raise Http404("No such report")
    return report


@public
@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _published(pk)
    return render(
        request,
        "reports/public_detail.html",
        {
            "report": report,
            "period": period_label(report),
            "sections": selectors.report_content(report=report),
            "sign_offs": list(report.sign_offs.all()),
        },
    )


def _file(report, field: str, content_type: str):
    stored = getattr(report, field)
    if not stored:
        raise Http404("This file has not been built yet")
    response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{report.partnership.slug}-yearly-report-'
        f'{report.period_start:%Y}-{report.period_end:%Y}.{field}"'
    )
    return response


@public
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(_published(pk), "pdf", "application/pdf")


@public
@require_GET
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _file(
        _published(pk),
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
