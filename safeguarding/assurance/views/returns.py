"""Pages for completing a return: the organisation's returns, the task list, each section
(saved as a draft), colleagues, evidence files, checking and submitting, the read-only copy
and its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.assurance.forms import ContributorForm, ReturnSectionForm
from safeguarding.assurance.models import ReturnStatus
from safeguarding.assurance.pdf import html_to_pdf
from safeguarding.assurance.selectors import returns as selectors
from safeguarding.assurance.services import returns as services
from safeguarding.assurance.services.contribution_locks import contribution_lock_reason
from safeguarding.assurance.views.common import PAGE_SIZE, return_of
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors


@require_permission("assurance.view_my_returns")
@require_GET
def my_returns(request: HttpRequest) -> HttpResponse:
    returns = selectors.my_returns(user=request.user)
    page = Paginator(returns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assurance/returns/mine.html", {"page": page})


def _can_edit(request, audit_return) -> bool:
    campaign_open = audit_return.campaign.is_open or audit_return.status == ReturnStatus.RETURNED
    return (
        audit_return.is_editable
        and campaign_open
        and request.user.has_perm("assurance.edit_return", audit_return)
    )


@require_permission("assurance.view_return", fn=return_of)
@require_GET
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    sections = selectors.return_sections(audit_return=audit_return)
    user = request.user
    return render(
        request,
        "assurance/returns/detail.html",
        {
            "audit_return": audit_return,
            "campaign": audit_return.campaign,
            "sections": sections,
            "to_do": sum(s.to_do for s in sections),
            "can_edit": _can_edit(request, audit_return),
            "can_submit": user.has_perm("assurance.submit_return", audit_return),
            "can_manage_colleagues": user.has_perm(
                "assurance.manage_return_colleagues", audit_return
            ),
            "can_moderate": user.has_perm("assurance.moderate_return", audit_return),
            "can_exempt": user.has_perm("assurance.exempt_return", audit_return),
            "is_staff_view": user.has_perm("assurance.view_campaigns", audit_return.campaign),
        },
    )


@require_permission("assurance.edit_return", fn=return_of)
@require_POST
def return_start(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    try:
        services.return_start(actor=request.user, audit_return=audit_return)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "You have started the return. Your organisation's answers from last time have been "
            "carried forward where the questions are the same: check and update each one."
            if audit_return.previous_id
            else "You have started the return. Your answers are saved as you go.",
        )
    return redirect("assurance:return-detail", pk=audit_return.pk)


@require_permission("assurance.edit_return", fn=return_of)
@require_http_methods(["GET", "POST"])
def return_section(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    section = selectors.section_of_return(audit_return=audit_return, pk=section_pk)
    if section is None:
        raise Http404("No such section")
    if not _can_edit(request, audit_return):
        locked = contribution_lock_reason(campaign_id=audit_return.campaign_id)
        messages.error(request, locked or "This return can no longer be changed.")
        return redirect("assurance:return-detail", pk=audit_return.pk)
    (view,) = selectors.return_sections(audit_return=audit_return, section=section)
    form = ReturnSectionForm(request.POST or None, request.FILES or None, questions=view.questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_save_section(
                actor=request.user,
                audit_return=audit_return,
                section=section,
                answers=form.answer_inputs(),
                uploads=form.uploads(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            # Show the current stored answers beside what this person typed.
            (view,) = selectors.return_sections(audit_return=audit_return, section=section)
            form.question_views = view.questions
            form.refresh_guards(view.questions)
        else:
            messages.success(request, f"Your answers to “{section.title}” have been saved.")
            if "continue" in request.POST:
                following = (
                    audit_return.campaign.version.sections.filter(number__gt=section.number)
                    .order_by("number")
                    .first()
                )
                if following is not None:
                    return redirect(
                        "assurance:return-section", pk=audit_return.pk, section_pk=following.pk
                    )
                return redirect("assurance:return-check", pk=audit_return.pk)
            return redirect("assurance:return-detail", pk=audit_return.pk)
    items = [(qv, form.bound_fields_for(qv.question)) for qv in view.questions]
    return render(
        request,
        "assurance/returns/section.html",
        {
            "audit_return": audit_return,
            "section": section,
            "form": form,
            "items": items,
            "status_code": 400 if form.errors else 200,
        },
        status=400 if form.errors else 200,
    )


@require_permission("assurance.view_return", fn=return_of)
@require_http_methods(["GET", "POST"])
def return_check(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    errors = []
    if request.method == "POST":
        if not request.user.has_perm("assurance.submit_return", audit_return):
            raise PermissionDenied
        try:
            services.return_submit(actor=request.user, audit_return=audit_return)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                "Your return has been submitted. A confirmation has been emailed to you.",
            )
            return redirect("assurance:return-detail", pk=audit_return.pk)
    sections = selectors.return_sections(audit_return=audit_return)
    missing = [
        (s, q) for s in sections for q in s.questions if q.missing and q.question.required
    ] + [(s, q) for s in sections for q in s.questions if q.evidence_requested]
    return render(
        request,
        "assurance/returns/check.html",
        {
            "audit_return": audit_return,
            "sections": sections,
            "missing": missing,
            "errors": errors,
            "can_submit": request.user.has_perm("assurance.submit_return", audit_return)
            and _can_edit(request, audit_return),
        },
        status=400 if errors else 200,
    )


def _copy_context(request, audit_return) -> dict:
    return {
        "audit_return": audit_return,
        "campaign": audit_return.campaign,
        "sections": selectors.return_sections(audit_return=audit_return),
        "generated_at": timezone.now(),
    }


@require_permission("assurance.view_return", fn=return_of)
@require_GET
def return_copy(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    return render(request, "assurance/returns/copy.html", _copy_context(request, audit_return))


@require_permission("assurance.view_return", fn=return_of)
@require_GET
def return_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    html = render_to_string(
        "assurance/returns/pdf.html", _copy_context(request, audit_return), request=request
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="return-{audit_return.pk}.pdf"'
    return response


@require_permission("assurance.view_return", fn=return_of)
@require_GET
def evidence_download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    audit_return = return_of(request, pk)
    evidence = selectors.evidence_file_get(user=request.user, pk=file_pk)
    if evidence is None or evidence.answer.audit_return_id != audit_return.pk:
        raise Http404("No such file")
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )


@require_permission("assurance.edit_return", fn=return_of)
@require_POST
def evidence_remove(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    evidence = selectors.evidence_file_get(user=request.user, pk=file_pk)
    if evidence is None or evidence.answer.audit_return_id != audit_return.pk:
        raise Http404("No such file")
    try:
        services.evidence_file_delete(actor=request.user, evidence_file=evidence)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{evidence.name}” has been removed.")
    return redirect(
        "assurance:return-section",
        pk=audit_return.pk,
        section_pk=evidence.answer.question.section_id,
    )


@require_permission("assurance.view_return", fn=return_of)
@require_http_methods(["GET", "POST"])
def return_colleagues(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    can_manage = request.user.has_perm("assurance.manage_return_colleagues", audit_return)
    form = ContributorForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                person = services.return_add_contributor(
                    actor=request.user, audit_return=audit_return, email=form.cleaned_data["email"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{person.full_name} can now help with this return.")
                return redirect("assurance:return-colleagues", pk=audit_return.pk)
    return render(
        request,
        "assurance/returns/colleagues.html",
        {"audit_return": audit_return, "form": form, "can_manage": can_manage},
        status=400 if form.errors else 200,
    )


@require_permission("assurance.manage_return_colleagues", fn=return_of)
@require_POST
def return_colleague_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    person = next((u for u in audit_return.contributors.all() if u.pk == user_pk), None)
    if person is None:
        raise Http404("No such colleague on this return")
    services.return_remove_contributor(actor=request.user, audit_return=audit_return, user=person)
    messages.success(request, f"{person.full_name} has been removed from this return.")
    return redirect("assurance:return-colleagues", pk=audit_return.pk)
