"""Removing and reordering the sections and standards of a draft template version.

Removal asks first on a confirmation page; moving is a POST button (“Move up”, “Move down”)
on the version page, so it works without JavaScript. A published version refuses both with
the reason, like every other edit.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from safeguarding.assurance.selectors import templates as selectors
from safeguarding.assurance.services import template_layout as services
from safeguarding.assurance.views.common import version_of
from safeguarding.core.access import require_permission


def _section(version, section_pk: int):
    section = selectors.section_in_version(version=version, pk=section_pk)
    if section is None:
        raise Http404("No such section")
    return section


def _question(version, question_pk: int):
    question = selectors.question_in_version(version=version, pk=question_pk)
    if question is None:
        raise Http404("No such standard")
    return question


def _back_to(version, anchor: str = "") -> HttpResponse:
    url = reverse("assurance:version-detail", args=[version.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def section_remove(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    version = version_of(request, pk)
    section = _section(version, section_pk)
    error = None
    if request.method == "POST":
        try:
            services.template_section_remove(actor=request.user, section=section)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                f"Section “{section.title}” and its standards have been removed. The sections "
                "after it have been renumbered; check any references that include a section "
                "number.",
            )
            return _back_to(version)
    return render(
        request,
        "assurance/templates/section_remove.html",
        {
            "version": version,
            "section": section,
            "questions": list(section.questions.order_by("order", "pk")),
            "error": error,
        },
    )


@require_permission("assurance.manage_templates")
@require_http_methods(["GET", "POST"])
def question_remove(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    version = version_of(request, pk)
    question = _question(version, question_pk)
    error = None
    if request.method == "POST":
        try:
            services.template_question_remove(actor=request.user, question=question)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"Standard {question.reference} has been removed.")
            return _back_to(version, f"section-{question.section_id}")
    return render(
        request,
        "assurance/templates/question_remove.html",
        {"version": version, "question": question, "section": question.section, "error": error},
    )


@require_permission("assurance.manage_templates")
@require_POST
def section_move(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    version = version_of(request, pk)
    section = _section(version, section_pk)
    direction = request.POST.get("direction", "")
    if direction not in services.DIRECTIONS:
        return HttpResponseBadRequest("Choose to move the section up or down.")
    try:
        moved = services.template_section_move(
            actor=request.user, section=section, direction=direction
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request, f"Section “{moved.title}” has been moved {direction} to number {moved.number}."
        )
    return _back_to(version, f"section-{section.pk}")


@require_permission("assurance.manage_templates")
@require_POST
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    version = version_of(request, pk)
    question = _question(version, question_pk)
    direction = request.POST.get("direction", "")
    if direction not in services.DIRECTIONS:
        return HttpResponseBadRequest("Choose to move the standard up or down.")
    try:
        moved = services.template_question_move(
            actor=request.user, question=question, direction=direction
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            f"Standard {moved.reference} has been moved {direction} in “{moved.section.title}”.",
        )
    return _back_to(version, f"question-{question.pk}")
