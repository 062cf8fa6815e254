"""Pages for indicators: the list, one indicator with its trend and comparisons, the key
data table, and the business unit's forms (define, record a figure, narrative). Imports are
in ``views.imports``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.performance import presenters, selectors
from safeguarding.performance.forms import (
    IndicatorFilterForm,
    IndicatorForm,
    NarrativeForm,
    ValueForm,
)
from safeguarding.performance.models import Unit
from safeguarding.performance.periods import parse_period
from safeguarding.performance.scoping import business_unit_partnerships, performance_partnerships
from safeguarding.performance.services import indicators as services
from safeguarding.performance.services.reference import home_area_ensure, period_for
from safeguarding.performance.views.common import PAGE_SIZE

# The list and the key data table ----------------------------------------------------------


def _partnership(request, allowed: set[int]):
    partnership = selectors.partnership_for(
        user=request.user,
        slug=request.GET.get("partnership") or request.POST.get("partnership"),
        default=request.partnership,
        allowed_ids=allowed,
    )
    if partnership is None:
        raise Http404("No such partnership")
    return partnership


@require_permission("performance.view_indicators")
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request, performance_partnerships(request.user))
    form = IndicatorFilterForm(
        request.GET or None,
        themes=selectors.theme_choices(),
        priorities=selectors.priority_choices(partnership=partnership),
        partnerships=list(selectors.readable_partnerships(user=request.user)),
    )
    values = form.cleaned_data if form.is_valid() else {}
    filters = selectors.IndicatorFilter(
        query=values.get("query", ""),
        theme=values.get("theme", ""),
        priority=values.get("priority"),
        kind=values.get("kind", ""),
    )
    indicators = selectors.indicator_list(
        user=request.user, partnership=partnership, filters=filters
    )
    page = Paginator(indicators, PAGE_SIZE).get_page(request.GET.get("page"))
    area = selectors.home_area(partnership=partnership)
    latest = selectors.latest_values(indicators=list(page.object_list), area=area)
    rows = []
    for indicator in page.object_list:
        value = latest.get(indicator.pk)
        if value is not None:
            value.indicator = indicator
        rows.append(
            {
                "indicator": indicator,
                "value": value,
                "rag": indicator.rag(value.value) if value else None,
            }
        )
    can_manage = request.user.has_perm("performance.manage_indicators", partnership)
    return render(
        request,
        "performance/indicator_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "area": area,
            "partnership": partnership,
            "can_manage": can_manage,
        },
    )


@require_permission("performance.view_indicators")
@require_GET
def key_data(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request, performance_partnerships(request.user))
    try:
        years = min(max(int(request.GET.get("years", 3)), 1), 10)
    except ValueError:
        years = 3
    comparison = selectors.comparators(partnership=partnership)
    table = selectors.key_data(
        user=request.user,
        partnership=partnership,
        years=years,
        comparison_areas=[a for a in (comparison.region, comparison.england) if a is not None],
    )
    return render(
        request,
        "performance/key_data.html",
        {
            "table": table,
            "partnership": partnership,
            "years": years,
            "year_choices": [3, 5, 10],
            "can_manage": request.user.has_perm("performance.manage_indicators", partnership),
        },
    )


# One indicator ----------------------------------------------------------------------------


def _visible_indicator(request, pk: int):
    indicator = selectors.indicator_get(user=request.user, pk=pk)
    if indicator is None:
        raise Http404("No such indicator")
    return indicator


@require_permission("performance.view_indicators", fn=_visible_indicator)
@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _visible_indicator(request, pk)
    comparison = selectors.comparators(partnership=indicator.partnership)
    areas = comparison.all
    values = selectors.indicator_values(indicator=indicator, areas=areas)
    for value in values:
        value.indicator = indicator
    by_area: dict[int, dict[int, object]] = {}
    for value in values:
        by_area.setdefault(value.area_id, {})[value.period_id] = value
    chart_areas = [comparison.home]
    if indicator.unit != Unit.COUNT:
        chart_areas += [comparison.region, comparison.england]
    chart_areas = [a for a in chart_areas if a is not None and a.pk in by_area]
    lines = [(a.name, by_area[a.pk]) for a in chart_areas]
    periods = sorted(
        {v.period for v in values if v.area_id in {a.pk for a in chart_areas}},
        key=lambda p: (p.end, p.start),
    )
    home_values = by_area.get(comparison.home.pk, {}) if comparison.home else {}
    latest = max((v for v in home_values.values()), key=lambda v: v.period.end, default=None)
    latest_period = latest.period if latest else (periods[-1] if periods else None)
    compared = [
        {
            "area": area,
            "role": comparison.role_of(area),
            "value": by_area.get(area.pk, {}).get(latest_period.pk) if latest_period else None,
        }
        for area in areas
    ]
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "indicator": indicator,
            "home": comparison.home,
            "latest": latest,
            "latest_rag": indicator.rag(latest.value) if latest else None,
            "chart": presenters.trend_chart(indicator=indicator, periods=periods, lines=lines),
            "lines": lines,
            "trend": presenters.trend_rows(indicator=indicator, periods=periods, lines=lines),
            "latest_period": latest_period,
            "compared": [c for c in compared if c["value"] is not None],
            "missing_comparators": [c["area"] for c in compared if c["value"] is None],
            "narratives": selectors.indicator_narratives(indicator=indicator),
            "inputs": selectors.formula_inputs(indicator=indicator),
            "used_by": selectors.used_by(indicator=indicator),
            "can_manage": request.user.has_perm("performance.manage_indicators", indicator),
        },
    )


# The business unit's forms -----------------------------------------------------------------


def _indicator_form(request, partnership, instance=None) -> IndicatorForm:
    return IndicatorForm(
        request.POST or None,
        instance=instance,
        agencies=selectors.agency_choices(partnership=partnership),
        priorities=selectors.priority_choices(partnership=partnership),
        themes=selectors.theme_choices(),
    )


@require_permission("performance.manage_indicators")
@require_http_methods(["GET", "POST"])
def indicator_new(request: HttpRequest) -> HttpResponse:
    partnership = _partnership(request, business_unit_partnerships(request.user))
    form = _indicator_form(request, partnership)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(
                actor=request.user,
                partnership=partnership,
                themes=list(form.cleaned_data["themes"]),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{indicator.name}” has been added.")
            return redirect("performance:indicator-detail", pk=indicator.pk)
    return render(
        request,
        "performance/indicator_form.html",
        {"form": form, "indicator": None, "partnership": partnership},
    )


@require_permission("performance.manage_indicators", fn=_visible_indicator)
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _visible_indicator(request, pk)
    form = _indicator_form(request, indicator.partnership, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(
                actor=request.user,
                indicator=indicator,
                themes=list(form.cleaned_data["themes"]),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{form.cleaned_data['name']}” has been updated.")
            return redirect("performance:indicator-detail", pk=indicator.pk)
    indicator = _visible_indicator(request, pk)  # the form changed the instance in memory
    return render(
        request,
        "performance/indicator_form.html",
        {"form": form, "indicator": indicator, "partnership": indicator.partnership},
    )


HOME = "home"


def _entry_areas(indicator):
    comparison = selectors.comparators(partnership=indicator.partnership)
    areas = [a for a in [comparison.home] if a is not None]
    areas += selectors.locality_areas(partnership=indicator.partnership)
    areas += [a for a in comparison.all if a not in areas]
    return areas


@require_permission("performance.manage_indicators", fn=_visible_indicator)
@require_http_methods(["GET", "POST"])
def value_new(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _visible_indicator(request, pk)
    if indicator.is_derived:
        messages.error(request, f"“{indicator.name}” is computed from other indicators.")
        return redirect("performance:indicator-detail", pk=indicator.pk)
    areas = _entry_areas(indicator)
    choices = [(str(a.pk), a.name) for a in areas]
    if not any(a.kind == "local_authority" and a.name == indicator.partnership.area for a in areas):
        choices.insert(0, (HOME, indicator.partnership.area))  # made when first used
    form = ValueForm(request.POST or None, areas=choices, period_type=indicator.period_type)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["area"]
        area = (
            home_area_ensure(indicator.partnership)
            if chosen == HOME
            else next(a for a in areas if str(a.pk) == chosen)
        )
        value, marked = form.cleaned_data["value"]
        try:
            spec = parse_period(form.cleaned_data["period"], indicator.period_type)
        except ValueError as error:
            form.add_error("period", str(error))
        else:
            try:
                services.value_record(
                    actor=request.user,
                    indicator=indicator,
                    area=area,
                    period=period_for(spec),
                    value=value,
                    flag=form.cleaned_data["flag"] or marked,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The figure for {area.name}, {spec.label} is saved.")
                return redirect("performance:indicator-detail", pk=indicator.pk)
    return render(request, "performance/value_form.html", {"form": form, "indicator": indicator})


@require_permission("performance.manage_indicators", fn=_visible_indicator)
@require_http_methods(["GET", "POST"])
def narrative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _visible_indicator(request, pk)
    periods = list(selectors.periods_with_values(indicator=indicator))
    existing = {n.period_id: n.text for n in selectors.indicator_narratives(indicator=indicator)}
    initial = {}
    if periods:
        chosen = request.GET.get("period") or str(periods[0].pk)
        initial = {
            "period": chosen,
            "text": existing.get(int(chosen) if chosen.isdigit() else 0, ""),
        }
    form = NarrativeForm(request.POST or None, periods=periods, initial=initial)
    if request.method == "POST" and form.is_valid():
        period = next(p for p in periods if str(p.pk) == form.cleaned_data["period"])
        try:
            services.narrative_save(
                actor=request.user,
                indicator=indicator,
                period=period,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The narrative for {period.label} is saved.")
            return redirect("performance:indicator-detail", pk=indicator.pk)
    return render(
        request,
        "performance/narrative_form.html",
        {"form": form, "indicator": indicator, "periods": periods},
    )
