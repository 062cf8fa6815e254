"""Moderation pages: every answer of a submitted return with the self score, the moderated
score beside it, comments, returning a standard for more evidence, finishing moderation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.assurance.forms import (
    EvidenceRequestForm,
    ModerateAnswerForm,
    ModerationCompleteForm,
)
from safeguarding.assurance.selectors import returns as selectors
from safeguarding.assurance.services import moderation as services
from safeguarding.assurance.views.common import return_of
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors


@require_permission("assurance.moderate_return", fn=return_of)
@require_GET
def return_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    return render(
        request,
        "assurance/moderation/return.html",
        {
            "audit_return": audit_return,
            "sections": selectors.return_sections(audit_return=audit_return),
            "form": ModerationCompleteForm(initial={"summary": audit_return.moderation_summary}),
        },
    )


def _answer(audit_return, answer_pk: int):
    answer = selectors.answer_of_return(audit_return=audit_return, pk=answer_pk)
    if answer is None:
        raise Http404("No such answer")
    return answer


@require_permission("assurance.moderate_return", fn=return_of)
@require_http_methods(["GET", "POST"])
def answer_moderate(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    answer = _answer(audit_return, answer_pk)
    question = answer.question
    levels = list(question.scale.levels.all()) if question.scale_id else []
    form = ModerateAnswerForm(
        request.POST or None,
        levels=levels,
        moderated=question.moderated,
        kind=question.scale.kind if question.scale_id else "score",
        initial={
            "moderated_rating": answer.moderated_rating_id,
            "comment": answer.moderator_comment,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_moderate(
                actor=request.user,
                answer=answer,
                moderated_rating=form.chosen_level(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Your moderation of {question.reference} has been saved.")
            return redirect("assurance:return-moderate", pk=audit_return.pk)
    (view,) = [
        qv
        for section in selectors.return_sections(
            audit_return=audit_return, section=question.section
        )
        for qv in section.questions
        if qv.question.pk == question.pk
    ]
    return render(
        request,
        "assurance/moderation/answer.html",
        {
            "audit_return": audit_return,
            "answer": answer,
            "view": view,
            "form": form,
            "evidence_form": EvidenceRequestForm(),
        },
        status=400 if form.errors else 200,
    )


@require_permission("assurance.moderate_return", fn=return_of)
@require_POST
def answer_request_evidence(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    answer = _answer(audit_return, answer_pk)
    form = EvidenceRequestForm(request.POST)
    if form.is_valid():
        try:
            services.answer_request_evidence(
                actor=request.user, answer=answer, request=form.cleaned_data["request"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{answer.question.reference} has been returned to {audit_return.agency.name} "
                "for more evidence. They have been emailed.",
            )
            return redirect("assurance:return-moderate", pk=audit_return.pk)
    else:
        messages.error(request, "Say what further evidence is needed.")
    return redirect("assurance:answer-moderate", pk=audit_return.pk, answer_pk=answer.pk)


@require_permission("assurance.moderate_return", fn=return_of)
@require_POST
def return_moderation_complete(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    form = ModerationCompleteForm(request.POST)
    if form.is_valid():
        try:
            services.return_moderation_complete(
                actor=request.user, audit_return=audit_return, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Moderation of this return is complete.")
            return redirect("assurance:return-detail", pk=audit_return.pk)
    else:
        messages.error(request, "Write a short summary of the moderation for the organisation.")
    return redirect("assurance:return-moderate", pk=audit_return.pk)
