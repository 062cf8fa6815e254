"""Action plan pages: the list of audit actions and one action with its timeline, progress
updates, evidence and the business unit's decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.assurance.forms import (
    ActionChangeForm,
    ActionDecisionForm,
    ActionEvidenceForm,
    ActionFilterForm,
    ActionTextForm,
)
from safeguarding.assurance.selectors import actions as selectors
from safeguarding.assurance.services import actions as services
from safeguarding.assurance.views.common import PAGE_SIZE, action_of
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors


@require_permission("assurance.view_actions")
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or "open"
    filters = selectors.ActionFilter(
        status="" if status == "all" else status, source=data.get("source", "")
    )
    actions = selectors.action_list(user=request.user, filters=filters)
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "assurance/actions/list.html", {"form": form, "page": page})


def _can_change(request, action) -> bool:
    return request.user.has_perm("assurance.update_action", action) or request.user.has_perm(
        "assurance.close_action", action
    )


@require_permission("assurance.view_action", fn=action_of)
@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_of(request, pk)
    can_update = request.user.has_perm("assurance.update_action", action)
    return render(
        request,
        "assurance/actions/detail.html",
        {
            "action": action,
            "can_update": can_update and not action.is_closed,
            "can_decide": request.user.has_perm("assurance.close_action", action)
            and action.status == "evidence_submitted",
            "can_change": _can_change(request, action) and not action.is_closed,
            "update_form": ActionTextForm(label="Progress update"),
            "evidence_form": ActionEvidenceForm(),
            "decision_form": ActionDecisionForm(),
        },
    )


@require_permission("assurance.update_action", fn=action_of)
@require_POST
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_of(request, pk)
    evidence = request.POST.get("kind") == "evidence"
    form = (
        ActionEvidenceForm(request.POST, request.FILES)
        if evidence
        else ActionTextForm(request.POST)
    )
    if form.is_valid():
        try:
            if evidence:
                services.action_submit_evidence(
                    actor=request.user,
                    action=action,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["files"],
                )
            else:
                services.action_add_update(
                    actor=request.user, action=action, text=form.cleaned_data["text"]
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "Your evidence has been sent to the business unit."
                if evidence
                else "Your update has been added.",
            )
    elif evidence and "files" in form.errors:
        messages.error(request, " ".join(form.errors["files"]))
    else:
        messages.error(
            request,
            "Describe the evidence that the gap is closed."
            if evidence
            else "Describe the progress made.",
        )
    return redirect("assurance:action-detail", pk=action.pk)


@require_permission("assurance.close_action", fn=action_of)
@require_POST
def action_decision(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_of(request, pk)
    form = ActionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether the evidence is enough to close the action.")
        return redirect("assurance:action-detail", pk=action.pk)
    comment = form.cleaned_data["comment"]
    try:
        if form.cleaned_data["decision"] == "accept":
            services.action_accept_evidence(actor=request.user, action=action, comment=comment)
            messages.success(request, "The action is closed on evidence.")
        else:
            services.action_send_back(actor=request.user, action=action, reason=comment)
            messages.success(request, "The action has been sent back to its owner.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("assurance:action-detail", pk=action.pk)


@require_permission("assurance.view_action", fn=action_of)
@require_http_methods(["GET", "POST"])
def action_change(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_of(request, pk)
    if not _can_change(request, action):
        raise PermissionDenied
    people = selectors.agency_people(agency_id=action.agency_id)
    form = ActionChangeForm(
        request.POST or None,
        people=people,
        initial={"owner": action.owner_id, "due_on": action.due_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_change(
                actor=request.user,
                action=action,
                owner=form.people.get(form.cleaned_data["owner"]),
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The owner and due date have been saved.")
            return redirect("assurance:action-detail", pk=action.pk)
    return render(request, "assurance/actions/change.html", {"form": form, "action": action})


@require_permission("assurance.view_action", fn=action_of)
@require_GET
def action_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """Download a file sent with evidence on the action."""
    action = action_of(request, pk)
    stored = selectors.action_file_get(user=request.user, action=action, pk=file_pk)
    if stored is None:
        raise Http404("No such file")
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )
