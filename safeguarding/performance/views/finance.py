"""Pages for the partnership's finance: the summary of every year (with CSV and Excel
downloads), one year's contributions, budget and spend, and the business unit's forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF
from safeguarding.performance import exports, selectors
from safeguarding.performance.forms import (
    BudgetLineForm,
    ContributionForm,
    ExpenditureForm,
    FinanceYearForm,
)
from safeguarding.performance.scoping import business_unit_partnerships
from safeguarding.performance.services import finance as services
from safeguarding.performance.views.common import form_errors_to


def _partnership(request, managing: bool = False):
    allowed = (
        business_unit_partnerships(request.user)
        if managing
        else partnerships_where(request.user, PARTNERSHIP_STAFF)
    )
    partnership = selectors.partnership_for(
        user=request.user,
        slug=request.GET.get("partnership"),
        default=request.partnership,
        allowed_ids=allowed,
    )
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


def _with_partnership(url: str, partnership) -> str:
    return f"{url}?partnership={partnership.slug}"


@require_permission("performance.view_finance")
@require_GET
def finance_summary(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request)
    summaries = selectors.finance_summaries(user=request.user, partnership=partnership)
    return render(
        request,
        "performance/finance_summary.html",
        {
            "partnership": partnership,
            "summaries": summaries,
            "can_manage": request.user.has_perm("performance.manage_finance", partnership),
        },
    )


@require_permission("performance.view_finance")
@require_GET
def finance_export(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request)
    summaries = selectors.finance_summaries(user=request.user, partnership=partnership)
    name = f"{partnership.slug}-finance-summary"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            exports.finance_xlsx(summaries, title=f"{partnership.name} finance summary"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(exports.finance_csv(summaries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_permission("performance.view_finance")
@require_GET
def finance_year(request: HttpRequest, year: int) -> HttpResponse:
    partnership = _partnership(request)
    summary = selectors.finance_summary_for(user=request.user, partnership=partnership, year=year)
    if summary is None:
        raise Http404("No such financial year")
    return render(
        request,
        "performance/finance_year.html",
        {
            "partnership": partnership,
            "summary": summary,
            "can_manage": request.user.has_perm("performance.manage_finance", partnership),
        },
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def finance_year_new(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request, managing=True)
    form = FinanceYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            finance_year = services.finance_year_create(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(request, f"{finance_year.label} has been added.")
            return redirect(
                _with_partnership(
                    reverse("performance:finance-year", args=[finance_year.year]), partnership
                )
            )
    return render(
        request,
        "performance/finance_form.html",
        {"form": form, "partnership": partnership, "title": "Add a financial year", "year": None},
    )


def _managed_year(request, year: int):
    partnership = _partnership(request, managing=True)
    finance_year = selectors.finance_year_get(user=request.user, partnership=partnership, year=year)
    if finance_year is None:
        raise Http404("No such financial year")
    return partnership, finance_year


def _finance_form_page(request, year: int, form_class, title: str, save, *, form_kwargs):
    partnership, finance_year = _managed_year(request, year)
    form = form_class(request.POST or None, **form_kwargs(partnership))
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, finance_year, form.cleaned_data)
        except ValidationError as error:
            form_errors_to(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(
                _with_partnership(reverse("performance:finance-year", args=[year]), partnership)
            )
    return render(
        request,
        "performance/finance_form.html",
        {"form": form, "partnership": partnership, "title": title, "year": finance_year},
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def contribution_new(request: HttpRequest, year: int) -> HttpResponse:
    return _finance_form_page(
        request,
        year,
        ContributionForm,
        "Record a contribution",
        lambda user, fy, data: services.contribution_record(actor=user, finance_year=fy, **data),
        form_kwargs=lambda p: {"agencies": selectors.agency_choices(partnership=p)},
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def budget_line_new(request: HttpRequest, year: int) -> HttpResponse:
    return _finance_form_page(
        request,
        year,
        BudgetLineForm,
        "Set a budget line",
        lambda user, fy, data: services.budget_line_set(actor=user, finance_year=fy, **data),
        form_kwargs=lambda p: {},
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def expenditure_new(request: HttpRequest, year: int) -> HttpResponse:
    return _finance_form_page(
        request,
        year,
        ExpenditureForm,
        "Record spending",
        lambda user, fy, data: services.expenditure_add(actor=user, finance_year=fy, **data),
        form_kwargs=lambda p: {},
    )
