"""Business plan and priority pages (public), their editing, and theme management."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import public, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.governance.forms.plans import BusinessPlanForm, PriorityForm, ThemeForm
from safeguarding.governance.selectors import plans as selectors
from safeguarding.governance.selectors.common import managed_partnerships
from safeguarding.governance.selectors.key_messages import archive_partnership
from safeguarding.governance.selectors.meetings import body_choices_for
from safeguarding.governance.services import plans as services


def _plan(request, pk: int, **_):
    plan = selectors.business_plan_get(pk=pk)
    if plan is None:
        raise Http404("No such business plan")
    return plan


def _priority(request, pk: int, **_):
    priority = selectors.priority_get(pk=pk)
    if priority is None:
        raise Http404("No such priority")
    return priority


@public
@require_GET
def business_plan_list(request: HttpRequest) -> HttpResponse:
    partnership = archive_partnership(
        slug=request.GET.get("partnership", ""), default=request.partnership or None
    )
    return render(
        request,
        "governance/plans/list.html",
        {
            "plans": selectors.business_plan_list(partnership=partnership),
            "can_add": request.user.has_perm("governance.change_business_plan"),
        },
    )


@public
@require_GET
def business_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return render(
        request,
        "governance/plans/detail.html",
        {
            "plan": plan,
            "can_change": request.user.has_perm("governance.change_business_plan", plan),
        },
    )


@public
@require_GET
def priority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    priority = _priority(request, pk)
    sections = selectors.priority_sections(priority=priority, user=request.user)
    done, counted = selectors.priority_progress(sections=sections)
    return render(
        request,
        "governance/plans/priority.html",
        {
            "priority": priority,
            "sections": sections,
            "done": done,
            "counted": counted,
            "can_change": request.user.has_perm("governance.change_business_plan", priority),
        },
    )


@require_permission("governance.change_business_plan")
@require_http_methods(["GET", "POST"])
def business_plan_new(request: HttpRequest) -> HttpResponse:
    form = BusinessPlanForm(
        request.POST or None, partnerships=managed_partnerships(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.business_plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"{plan.title} has been added. Now add its priorities.")
            return redirect("governance:business-plan-detail", pk=plan.pk)
    return render(request, "governance/plans/plan_form.html", {"form": form, "plan": None})


@require_permission("governance.change_business_plan", fn=_plan)
@require_http_methods(["GET", "POST"])
def business_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = BusinessPlanForm(
        request.POST or None,
        initial={
            "title": plan.title,
            "starts_on": plan.starts_on,
            "ends_on": plan.ends_on,
            "summary": plan.summary,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.business_plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "The business plan has been updated.")
            return redirect("governance:business-plan-detail", pk=plan.pk)
    return render(request, "governance/plans/plan_form.html", {"form": form, "plan": plan})


@require_permission("governance.change_business_plan", fn=_plan)
@require_http_methods(["GET", "POST"])
def priority_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = PriorityForm(
        request.POST or None, bodies=body_choices_for(partnerships=[plan.partnership])
    )
    if request.method == "POST" and form.is_valid():
        try:
            priority = services.priority_create(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{priority.title}” has been added to the plan.")
            return redirect("governance:business-plan-detail", pk=plan.pk)
    return render(
        request,
        "governance/plans/priority_form.html",
        {"form": form, "plan": plan, "priority": None},
    )


@require_permission("governance.change_business_plan", fn=_priority)
@require_http_methods(["GET", "POST"])
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = _priority(request, pk)
    form = PriorityForm(
        request.POST or None,
        bodies=body_choices_for(partnerships=[priority.plan.partnership]),
        initial={
            "title": priority.title,
            "description": priority.description,
            "lead_body": priority.lead_body_id,
            "lead_body_name": "" if priority.lead_body_id else priority.lead_body_name,
            "measures": priority.measures,
            "themes": list(priority.themes.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_update(actor=request.user, priority=priority, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "The priority has been updated.")
            return redirect("governance:priority-detail", pk=priority.pk)
    return render(
        request,
        "governance/plans/priority_form.html",
        {"form": form, "plan": priority.plan, "priority": priority},
    )


# Themes --------------------------------------------------------------------------------------


@require_permission("governance.manage_themes")
@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.theme_list(), 100).get_page(request.GET.get("page"))
    return render(request, "governance/themes/list.html", {"page": page})


@require_permission("governance.manage_themes")
@require_http_methods(["GET", "POST"])
def theme_new(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            added = f"The theme “{theme.name}” has been added."
            if theme.slug != slugify(theme.name):
                added += (
                    f" Its page is {reverse('search:theme', args=[theme.slug])}: the address"
                    " its name would give is another page."
                )
            flash.success(request, added)
            return redirect("governance:theme-list")
    return render(request, "governance/themes/form.html", {"form": form, "theme": None})


def _theme(request, pk: int, **_):
    theme = selectors.theme_get(pk=pk)
    if theme is None:
        raise Http404("No such theme")
    return theme


@require_permission("governance.manage_themes")
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme(request, pk)
    form = ThemeForm(
        request.POST or None,
        editing=True,
        theme=theme,
        initial={
            "parent": theme.parent_id,
            "name": theme.name,
            "description": theme.description,
            "synonyms": theme.synonyms,
            "national_themes": theme.national_themes,
            "is_active": theme.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(actor=request.user, theme=theme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"The theme “{form.cleaned_data['name']}” has been updated.")
            return redirect("governance:theme-list")
    return render(request, "governance/themes/form.html", {"form": form, "theme": theme})
