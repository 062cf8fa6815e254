"""Multi-agency case audit pages: list, plan, sample cases, send the single-agency tools,
hold the panel (grades per domain and overall), recommendations, findings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.assurance.forms import (
    CaseAuditForm,
    CaseForm,
    CaseGradeForm,
    CompleteCaseAuditForm,
    PanelStartForm,
    RecommendationForm,
)
from safeguarding.assurance.models import CaseAuditStatus, TemplateKind
from safeguarding.assurance.selectors import actions as action_selectors
from safeguarding.assurance.selectors import case_audits as selectors
from safeguarding.assurance.selectors import choices
from safeguarding.assurance.selectors.templates import published_versions
from safeguarding.assurance.services import case_audits as services
from safeguarding.assurance.views.common import PAGE_SIZE, case_audit_of
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors


@require_permission("assurance.view_case_audits")
@require_GET
def case_audit_list(request: HttpRequest) -> HttpResponse:
    audits = selectors.case_audit_list(user=request.user)
    page = Paginator(audits, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assurance/case_audits/list.html",
        {"page": page, "can_add": request.user.has_perm("assurance.manage_case_audits")},
    )


@require_permission("assurance.manage_case_audits")
@require_http_methods(["GET", "POST"])
def case_audit_new(request: HttpRequest) -> HttpResponse:
    partnerships = choices.managed_partnerships(user=request.user)
    form = CaseAuditForm(
        request.POST or None,
        partnerships=partnerships,
        versions=published_versions(kind=TemplateKind.CASE_AUDIT),
        themes=choices.themes_active(),
        priorities=choices.priorities_of(partnership_ids=[p.pk for p in partnerships]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            case_audit = services.case_audit_create(actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{case_audit.title}” has been set up. Add the cases.")
            return redirect("assurance:case-audit-detail", pk=case_audit.pk)
    return render(request, "assurance/case_audits/new.html", {"form": form})


@require_permission("assurance.view_case_audits", fn=case_audit_of)
@require_GET
def case_audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case_audit = case_audit_of(request, pk)
    can_manage = request.user.has_perm("assurance.manage_case_audits", case_audit)
    return render(
        request,
        "assurance/case_audits/detail.html",
        {
            "case_audit": case_audit,
            "cases": list(case_audit.cases.all()),
            "recommendations": list(case_audit.recommendations.all()),
            "grade_summary": selectors.grade_summary(case_audit=case_audit),
            "can_manage": can_manage,
            "panel_form": PanelStartForm(),
            "complete_form": CompleteCaseAuditForm(initial={"findings": case_audit.findings}),
            "statuses": CaseAuditStatus,
        },
    )


@require_permission("assurance.manage_case_audits", fn=case_audit_of)
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, pk: int) -> HttpResponse:
    case_audit = case_audit_of(request, pk)
    form = CaseForm(
        request.POST or None,
        agencies=choices.agencies_of(partnership_id=case_audit.partnership_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_add(
                actor=request.user,
                case_audit=case_audit,
                reference=data["reference"],
                age_band=data["age_band"],
                plan_type=data["plan_type"],
                agencies=[form.agencies[a] for a in data["agencies"]],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Case {case.reference} has been added.")
            return redirect("assurance:case-audit-detail", pk=case_audit.pk)
    return render(
        request, "assurance/case_audits/case_new.html", {"form": form, "case_audit": case_audit}
    )


@require_permission("assurance.manage_case_audits", fn=case_audit_of)
@require_POST
def case_audit_start(request: HttpRequest, pk: int) -> HttpResponse:
    case_audit = case_audit_of(request, pk)
    try:
        services.case_audit_start_audits(actor=request.user, case_audit=case_audit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "Each involved agency has been asked to complete its audit of its cases."
        )
    return redirect("assurance:case-audit-detail", pk=case_audit.pk)


@require_permission("assurance.manage_case_audits", fn=case_audit_of)
@require_POST
def case_audit_panel(request: HttpRequest, pk: int) -> HttpResponse:
    case_audit = case_audit_of(request, pk)
    form = PanelStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the date of the panel discussion, like 27 March 2024.")
        return redirect("assurance:case-audit-detail", pk=case_audit.pk)
    try:
        services.case_audit_start_panel(
            actor=request.user, case_audit=case_audit, panel_on=form.cleaned_data["panel_on"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The audit has moved to the panel discussion.")
    return redirect("assurance:case-audit-detail", pk=case_audit.pk)


@require_permission("assurance.view_case_audits", fn=case_audit_of)
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, pk: int, case_pk: int) -> HttpResponse:
    case_audit = case_audit_of(request, pk)
    case = selectors.case_get(case_audit=case_audit, pk=case_pk)
    if case is None:
        raise Http404("No such case")
    can_grade = (
        request.user.has_perm("assurance.manage_case_audits", case_audit)
        and case_audit.status == CaseAuditStatus.PANEL
    )
    domains = selectors.domains_of(case_audit=case_audit)
    current = {g.domain_id: g.grade_id for g in case.domain_grades.all()}
    initial = {f"domain_{d}": g for d, g in current.items()}
    initial.update(
        overall_grade=case.overall_grade_id,
        panel_discussion=case.panel_discussion,
        good_practice=case.good_practice,
        learning=case.learning,
    )
    form = CaseGradeForm(
        request.POST or None,
        domains=domains,
        grades=selectors.grades_of(case_audit=case_audit),
        initial=initial,
    )
    if request.method == "POST":
        if not can_grade:
            messages.error(request, "Grades are recorded by the business unit at the panel.")
            return redirect("assurance:case-detail", pk=case_audit.pk, case_pk=case.pk)
        if form.is_valid():
            try:
                services.case_panel_record(
                    actor=request.user,
                    case=case,
                    grades=form.grades(),
                    overall_grade=form.cleaned_data["overall_grade"],
                    panel_discussion=form.cleaned_data["panel_discussion"],
                    good_practice=form.cleaned_data["good_practice"],
                    learning=form.cleaned_data["learning"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The panel's grades for {case.reference} are saved.")
                return redirect("assurance:case-audit-detail", pk=case_audit.pk)
    return render(
        request,
        "assurance/case_audits/case.html",
        {
            "case_audit": case_audit,
            "case": case,
            "form": form,
            "can_grade": can_grade,
            "grades": [
                (d, next((g for g in case.domain_grades.all() if g.domain_id == d.pk), None))
                for d in domains
            ],
        },
        status=400 if form.errors else 200,
    )


@require_permission("assurance.manage_case_audits", fn=case_audit_of)
@require_http_methods(["GET", "POST"])
def case_audit_recommend(request: HttpRequest, pk: int) -> HttpResponse:
    case_audit = case_audit_of(request, pk)
    agencies = sorted(
        {a for case in case_audit.cases.all() for a in case.agencies.all()}, key=lambda a: a.name
    )
    people = sorted(
        {p for a in agencies for p in action_selectors.agency_people(agency_id=a.pk)},
        key=lambda p: p.full_name,
    )
    form = RecommendationForm(request.POST or None, agencies=agencies, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_audit_recommend(
                actor=request.user,
                case_audit=case_audit,
                agency=form.agencies[data["agency"]],
                title=data["title"],
                owner=form.people[data["owner"]],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The recommendation is now an action for the agency.")
            return redirect("assurance:case-audit-detail", pk=case_audit.pk)
    return render(
        request,
        "assurance/case_audits/recommend.html",
        {"form": form, "case_audit": case_audit},
    )


@require_permission("assurance.manage_case_audits", fn=case_audit_of)
@require_POST
def case_audit_complete(request: HttpRequest, pk: int) -> HttpResponse:
    case_audit = case_audit_of(request, pk)
    form = CompleteCaseAuditForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write the audit's findings: the key themes found.")
        return redirect("assurance:case-audit-detail", pk=case_audit.pk)
    try:
        services.case_audit_complete(
            actor=request.user, case_audit=case_audit, findings=form.cleaned_data["findings"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The case audit is complete.")
    return redirect("assurance:case-audit-detail", pk=case_audit.pk)
