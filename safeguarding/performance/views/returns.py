"""Pages for agency data returns: the list, asking an agency for a return, filling it in and
submitting it (the agency's lead), and accepting or querying it (the business unit)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.performance import selectors
from safeguarding.performance.forms import (
    DataReturnEntryForm,
    DataReturnRequestForm,
    DataReturnReviewForm,
)
from safeguarding.performance.models import ReturnStatus
from safeguarding.performance.scoping import business_unit_partnerships
from safeguarding.performance.services import returns as services
from safeguarding.performance.views.common import PAGE_SIZE


@require_permission("performance.view_data_returns")
@require_GET
def return_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ReturnStatus.values:
        status = ""
    returns = selectors.data_return_list(user=request.user, status=status)
    page = Paginator(returns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/return_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ReturnStatus.choices,
            "can_request": request.user.has_perm("performance.request_data_return"),
        },
    )


@require_permission("performance.request_data_return")
@require_http_methods(["GET", "POST"])
def return_new(request: HttpRequest) -> HttpResponse:
    partnership = selectors.partnership_for(
        user=request.user,
        slug=request.GET.get("partnership"),
        default=request.partnership,
        allowed_ids=business_unit_partnerships(request.user),
    )
    if partnership is None:
        raise Http404("No such partnership")
    form = DataReturnRequestForm(
        request.POST or None,
        agencies=selectors.agency_choices(partnership=partnership),
        indicators=selectors.reportable_indicators(partnership=partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            data_return = services.data_return_request(
                actor=request.user,
                partnership=partnership,
                agency=form.cleaned_data["agency"],
                indicators=list(form.cleaned_data["indicators"]),
                period_text=form.cleaned_data["period"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{data_return.agency.name} has been asked for its {data_return.period.label} "
                "return.",
            )
            return redirect("performance:return-detail", pk=data_return.pk)
    return render(
        request, "performance/return_form.html", {"form": form, "partnership": partnership}
    )


def _visible_return(request, pk: int):
    data_return = selectors.data_return_get(user=request.user, pk=pk)
    if data_return is None:
        raise Http404("No such data return")
    return data_return


@require_permission("performance.view_data_return", fn=_visible_return)
@require_http_methods(["GET", "POST"])
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    data_return = _visible_return(request, pk)
    indicators = list(data_return.indicators.order_by("name"))
    entries = {e.indicator_id: e for e in data_return.entries.all()}
    can_submit = data_return.is_open and request.user.has_perm(
        "performance.submit_data_return", data_return
    )
    form = None
    if can_submit:
        form = DataReturnEntryForm(request.POST or None, indicators=indicators, entries=entries)
    elif request.method == "POST":
        raise Http404("This return cannot be changed")
    if request.method == "POST" and form is not None and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            services.data_return_save(
                actor=request.user, data_return=data_return, figures=form.figures(), submit=submit
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Your return has been submitted to the business unit."
                if submit
                else "Your figures are saved. Submit the return when it is complete.",
            )
            return redirect("performance:return-detail", pk=data_return.pk)
    can_review = data_return.status == ReturnStatus.SUBMITTED and request.user.has_perm(
        "performance.review_data_return", data_return
    )
    rows = []
    for indicator in indicators:
        entry = entries.get(indicator.pk)
        rows.append({"indicator": indicator, "entry": entry})
    return render(
        request,
        "performance/return_detail.html",
        {
            "data_return": data_return,
            "rows": rows,
            "form": form,
            "review_form": DataReturnReviewForm() if can_review else None,
        },
    )


@require_permission("performance.review_data_return", fn=_visible_return)
@require_POST
def return_review(request: HttpRequest, pk: int) -> HttpResponse:
    data_return = _visible_return(request, pk)
    form = DataReturnReviewForm(request.POST)
    if form.is_valid():
        try:
            services.data_return_review(
                actor=request.user,
                data_return=data_return,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            accepted = form.cleaned_data["decision"] == "accept"
            messages.success(
                request,
                f"The return is accepted and its figures are now {data_return.partnership.name}'s."
                if accepted
                else f"The return has been sent back to {data_return.agency.name} with your query.",
            )
            return redirect("performance:return-detail", pk=data_return.pk)
    indicators = list(data_return.indicators.order_by("name"))
    entries = {e.indicator_id: e for e in data_return.entries.all()}
    return render(
        request,
        "performance/return_detail.html",
        {
            "data_return": data_return,
            "rows": [{"indicator": i, "entry": entries.get(i.pk)} for i in indicators],
            "form": None,
            "review_form": form,
        },
    )
