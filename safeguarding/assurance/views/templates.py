"""Audit template pages: the library, one version's sections and standards, editing a draft
version and publishing it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.assurance.forms import (
    QuestionForm,
    RatingLevelForm,
    SectionForm,
    TemplateCreateForm,
)
from safeguarding.assurance.selectors import templates as selectors
from safeguarding.assurance.services import templates as services
from safeguarding.assurance.views.common import PAGE_SIZE, load_template, version_of
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors


@require_permission("assurance.view_templates")
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.template_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assurance/templates/list.html",
        {
            "page": page,
            "can_manage": request.user.has_perm("assurance.manage_templates"),
        },
    )


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest) -> HttpResponse:
    form = TemplateCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{template.name}” has been created as a draft.")
            return redirect("assurance:version-detail", pk=template.versions.get().pk)
    return render(request, "assurance/templates/new.html", {"form": form})


@require_permission("assurance.manage_templates")
@require_POST
def template_new_draft(request: HttpRequest, pk: int) -> HttpResponse:
    template = load_template(request, pk)
    try:
        draft = services.template_version_new_draft(actor=request.user, template=template)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        latest = template.versions.all()[0]
        return redirect("assurance:version-detail", pk=latest.pk)
    messages.success(
        request, f"Version {draft.number} has been started as a draft, copied from the last one."
    )
    return redirect("assurance:version-detail", pk=draft.pk)


@require_permission("assurance.view_templates")
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_of(request, pk)
    return render(
        request,
        "assurance/templates/version.html",
        {
            "version": version,
            "template": version.template,
            "other_versions": version.template.versions.order_by("-number"),
            "can_edit": version.is_draft and request.user.has_perm("assurance.manage_templates"),
            "can_manage": request.user.has_perm("assurance.manage_templates"),
        },
    )


@require_permission("assurance.manage_templates")
@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_of(request, pk)
    try:
        services.template_version_publish(actor=request.user, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Version {version.number} is published. New campaigns use it; it can no longer "
            "be changed.",
        )
    return redirect("assurance:version-detail", pk=version.pk)


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    version = version_of(request, pk)
    section = None
    if section_pk is not None:
        section = selectors.section_in_version(version=version, pk=section_pk)
        if section is None:
            raise Http404("No such section")
    initial = (
        {"title": section.title, "description": section.description, "is_domain": section.is_domain}
        if section
        else None
    )
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_section_save(
                actor=request.user, version=version, section=section, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The section has been saved.")
            return redirect("assurance:version-detail", pk=version.pk)
    return render(
        request,
        "assurance/templates/section_form.html",
        {"form": form, "version": version, "section": section},
    )


def _question_form(request, version, question=None):
    initial = None
    if question is not None:
        initial = {
            field: getattr(question, field)
            for field in services.QUESTION_FIELDS
            if field not in ("scale", "order")
        }
        initial["scale"] = question.scale_id
    return QuestionForm(
        request.POST or None,
        initial=initial or {"required": True, "answer_type": "rating"},
        scales=list(version.scales.all()),
    )


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def question_new(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    version = version_of(request, pk)
    section = selectors.section_in_version(version=version, pk=section_pk)
    if section is None:
        raise Http404("No such section")
    form = _question_form(request, version)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_question_save(
                actor=request.user, section=section, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The standard has been added.")
            return redirect("assurance:version-detail", pk=version.pk)
    return render(
        request,
        "assurance/templates/question_form.html",
        {"form": form, "version": version, "section": section, "question": None},
    )


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    version = version_of(request, pk)
    question = selectors.question_in_version(version=version, pk=question_pk)
    if question is None:
        raise Http404("No such standard")
    form = _question_form(request, version, question)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_question_save(
                actor=request.user,
                section=question.section,
                question=question,
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Standard {question.reference} has been saved.")
            return redirect("assurance:version-detail", pk=version.pk)
    return render(
        request,
        "assurance/templates/question_form.html",
        {"form": form, "version": version, "section": question.section, "question": question},
    )


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def level_edit(request: HttpRequest, pk: int, level_pk: int) -> HttpResponse:
    version = version_of(request, pk)
    level = next(
        (lvl for scale in version.scales.all() for lvl in scale.levels.all() if lvl.pk == level_pk),
        None,
    )
    if level is None:
        raise Http404("No such rating")
    form = RatingLevelForm(
        request.POST or None,
        initial={f: getattr(level, f) for f in services.LEVEL_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_level_save(actor=request.user, level=level, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The rating “{level.label}” has been saved.")
            return redirect("assurance:version-detail", pk=version.pk)
    return render(
        request,
        "assurance/templates/level_form.html",
        {"form": form, "version": version, "level": level},
    )
