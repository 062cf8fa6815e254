"""The inspection register: every inspection, a new one, and one with its action plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.reports import selectors, services
from safeguarding.reports.forms import InspectionActionForm, InspectionForm


@require_permission("reports.view_inspections")
@require_GET
def inspection_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/inspection_list.html",
        {
            "inspections": list(selectors.inspection_list(user=request.user)),
            "can_manage": request.user.has_perm("reports.manage_inspections"),
        },
    )


@require_permission("reports.manage_inspections")
@require_http_methods(["GET", "POST"])
def inspection_new(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.staff_partnerships(user=request.user, business_unit=True)
    agencies = selectors.agency_choices(partnerships=partnerships)
    form = InspectionForm(request.POST or None, partnerships=partnerships, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partnership = data.pop("partnership")
        chosen = data.pop("agencies")
        try:
            inspection = services.inspection_add(
                actor=request.user, partnership=partnership, agencies=chosen, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The inspection was added to the register.")
            return redirect("reports:inspection-detail", pk=inspection.pk)
    return render(request, "reports/inspection_new.html", {"form": form})


@require_permission("reports.view_inspections")
@require_http_methods(["GET", "POST"])
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if inspection is None:
        raise Http404("No such inspection")
    can_manage = request.user.has_perm("reports.manage_inspections", inspection)
    agencies = inspection.partnership.agencies.order_by("name")
    form = InspectionActionForm(request.POST or None, agencies=agencies)
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise Http404("No such inspection")
        if form.is_valid():
            try:
                services.inspection_action_add(
                    actor=request.user, inspection=inspection, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The action was added to the action plan.")
                return redirect("reports:inspection-detail", pk=inspection.pk)
        status = 400
    return render(
        request,
        "reports/inspection_detail.html",
        {"inspection": inspection, "form": form, "can_manage": can_manage},
        status=status,
    )


@require_permission("reports.manage_inspections")
@require_POST
def inspection_action_complete(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if inspection is None or not request.user.has_perm("reports.manage_inspections", inspection):
        raise Http404("No such inspection")
    action = next((a for a in inspection.actions.all() if a.pk == action_pk), None)
    if action is None:
        raise Http404("No such action")
    try:
        services.inspection_action_complete(actor=request.user, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The action was marked complete.")
    return redirect("reports:inspection-detail", pk=inspection.pk)
