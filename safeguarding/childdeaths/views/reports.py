"""An agency lead's pages: the reports asked of their agencies, and submitting one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.childdeaths import audit_events, forms, selectors, services
from safeguarding.childdeaths.views.common import cdop_permission
from safeguarding.core.audit import audit_read
from safeguarding.core.forms import add_service_errors

LEAD = "childdeaths.view_agency_reports"


@cdop_permission(LEAD)
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    reports = list(selectors.reports_for_lead(user=request.user))
    services.death_list_view_record(
        actor=request.user,
        event=audit_events.DEATH_LIST_VIEW,
        references=[report.child_death.reference for report in reports],
        path=request.path,
    )
    return render(request, "childdeaths/reports.html", {"reports": reports})


@cdop_permission(LEAD)
@require_http_methods(["GET", "POST"])
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_lead(user=request.user, pk=int(pk))
    if report is None:
        services.refusal_record(
            actor=request.user, event=audit_events.REPORT_REFUSED, path=request.path
        )
        raise Http404("No such report request")
    if request.method == "GET":
        audit_read(actor=request.user, target=report, event=audit_events.REPORT_VIEW)
    form = forms.ReportSubmitForm(request.POST or None)
    if request.method == "POST" and not report.is_submitted and form.is_valid():
        try:
            services.report_submit(
                actor=request.user, report=report, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Your report on {report.child_death.reference} is submitted."
            )
            return redirect("childdeaths:reports")
    return render(
        request,
        "childdeaths/report_submit.html",
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )
