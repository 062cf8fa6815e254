"""Pages for the partnership's finance: the summary of every year (with CSV and Excel
downloads), one year's contributions, budget and spend, and the business unit's forms to
add, change and remove them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.core.templatetags.money import money
from safeguarding.performance import exports, selectors
from safeguarding.performance.forms import (
    BudgetLineForm,
    ContributionForm,
    ExpenditureForm,
    FinanceYearForm,
)
from safeguarding.performance.scoping import business_unit_partnerships
from safeguarding.performance.services import finance as services


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
    form = FinanceYearForm(
        request.POST or None,
        first_year=not selectors.finance_years(user=request.user, partnership=partnership).exists(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            finance_year = services.finance_year_create(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
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


def _finance_form_page(
    request, year: int, form_class, title: str, save, *, form_kwargs, entry=None, initial=None
):
    if entry is None:
        partnership, finance_year = _managed_year(request, year)
    else:
        partnership, finance_year, entry = entry
    form = form_class(request.POST or None, initial=initial, **form_kwargs(partnership))
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, finance_year if entry is None else entry, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved." if entry is None else "Your changes are saved.")
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


# Correcting and removing entries -----------------------------------------------------------


def _managed_entry(request, year: int, pk: int, getter):
    partnership, finance_year = _managed_year(request, year)
    entry = getter(finance_year=finance_year, pk=pk)
    if entry is None:
        raise Http404("No such entry")
    return partnership, finance_year, entry


def _remove_page(request, found, *, title: str, summary: list[tuple[str, str]], remove):
    partnership, finance_year, entry = found
    back = _with_partnership(
        reverse("performance:finance-year", args=[finance_year.year]), partnership
    )
    if request.method == "POST":
        remove(request.user, entry)
        messages.success(request, f"{title} has been removed.")
        return redirect(back)
    return render(
        request,
        "performance/finance_remove.html",
        {
            "partnership": partnership,
            "year": finance_year,
            "title": title,
            "summary": summary,
            "back": back,
        },
    )


def _contribution_summary(c) -> list[tuple[str, str]]:
    return [
        ("Partner agency", c.agency.name),
        ("Amount", money(c.amount)),
        ("Received on", uk_date(c.received_on) or "Not yet"),
        ("Note", c.note or "None"),
    ]


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def contribution_change(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    found = _managed_entry(request, year, pk, selectors.contribution_get)
    contribution = found[2]
    return _finance_form_page(
        request,
        year,
        ContributionForm,
        f"Change the contribution from {contribution.agency.name}",
        lambda user, c, data: services.contribution_update(actor=user, contribution=c, **data),
        form_kwargs=lambda p: {"agencies": selectors.agency_choices(partnership=p)},
        entry=found,
        initial={
            "agency": contribution.agency_id,
            "amount": contribution.amount,
            "received_on": contribution.received_on,
            "note": contribution.note,
        },
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def contribution_remove(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    found = _managed_entry(request, year, pk, selectors.contribution_get)
    contribution = found[2]
    return _remove_page(
        request,
        found,
        title=f"The contribution from {contribution.agency.name}",
        summary=_contribution_summary(contribution),
        remove=lambda user, c: services.contribution_remove(actor=user, contribution=c),
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def budget_line_change(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    found = _managed_entry(request, year, pk, selectors.budget_line_get)
    line = found[2]
    return _finance_form_page(
        request,
        year,
        BudgetLineForm,
        "Change a budget line",
        lambda user, item, data: services.budget_line_update(actor=user, line=item, **data),
        form_kwargs=lambda p: {},
        entry=found,
        initial={"category": line.category, "description": line.description, "amount": line.amount},
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def budget_line_remove(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    found = _managed_entry(request, year, pk, selectors.budget_line_get)
    line = found[2]
    return _remove_page(
        request,
        found,
        title=f"The budget line for {line.get_category_display().lower()}",
        summary=[
            ("Category", line.get_category_display()),
            ("Description", line.description or "None"),
            ("Budget", money(line.amount)),
        ],
        remove=lambda user, item: services.budget_line_remove(actor=user, line=item),
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def expenditure_change(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    found = _managed_entry(request, year, pk, selectors.expenditure_get)
    item = found[2]
    return _finance_form_page(
        request,
        year,
        ExpenditureForm,
        "Change a record of spending",
        lambda user, entry, data: services.expenditure_update(actor=user, item=entry, **data),
        form_kwargs=lambda p: {},
        entry=found,
        initial={
            "category": item.category,
            "description": item.description,
            "amount": item.amount,
            "spent_on": item.spent_on,
        },
    )


@require_permission("performance.manage_finance")
@require_http_methods(["GET", "POST"])
def expenditure_remove(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    found = _managed_entry(request, year, pk, selectors.expenditure_get)
    item = found[2]
    return _remove_page(
        request,
        found,
        title=f"The spending on {item.description}",
        summary=[
            ("What the money was spent on", item.description),
            ("Category", item.get_category_display()),
            ("Amount", money(item.amount)),
            ("Date", uk_date(item.spent_on) or "Not recorded"),
        ],
        remove=lambda user, entry: services.expenditure_remove(actor=user, item=entry),
    )
