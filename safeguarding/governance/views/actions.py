"""Pages for actions: the list, the overdue view, raising, changing and updating them."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import object_loader, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.governance.forms.meetings import ActionFilterForm, ActionForm, ActionUpdateForm
from safeguarding.governance.selectors import actions as selectors
from safeguarding.governance.selectors import meetings as meeting_selectors
from safeguarding.governance.services import actions as services
from safeguarding.governance.views.meetings import _meeting

PAGE_SIZE = 50


_action = object_loader(selectors.action_get, "action")


def _list(request: HttpRequest, *, overdue: bool) -> HttpResponse:
    bodies = meeting_selectors.body_list(user=request.user, include_inactive=True)
    form = ActionFilterForm(request.GET or None, bodies=bodies)
    actions = selectors.action_list(user=request.user, filters=form.to_filter(overdue=overdue))
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/actions/list.html",
        {
            "form": form,
            "page": page,
            "overdue": overdue,
            "can_see_overdue": request.user.has_perm("governance.view_overdue_actions"),
        },
    )


@require_permission("governance.view_actions")
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    return _list(request, overdue=False)


@require_permission("governance.view_overdue_actions")
@require_GET
def action_overdue(request: HttpRequest) -> HttpResponse:
    return _list(request, overdue=True)


def _form(request, meeting, *, initial=None) -> ActionForm:
    partnerships = meeting.body.partnerships.all()
    return ActionForm(
        request.POST or None,
        people=meeting_selectors.people_for(partnerships=partnerships),
        agencies=meeting_selectors.agencies_for(partnerships=partnerships),
        agenda_items=meeting.agenda_items.all(),
        priorities=meeting_selectors.priorities_for(partnerships=partnerships),
        initial=initial,
    )


@require_permission("governance.add_action", fn=_meeting)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    initial = {}
    if request.GET.get("item", "").isdigit():
        initial["agenda_item"] = int(request.GET["item"])
    form = _form(request, meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_raise(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(
                request, f"The action has been raised and {action.owner.full_name} told by email."
            )
            return redirect("governance:meeting-detail", pk=meeting.pk)
    return render(
        request, "governance/actions/form.html", {"form": form, "meeting": meeting, "action": None}
    )


@require_permission("governance.view_action", fn=_action)
@require_http_methods(["GET", "POST"])
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    can_update = request.user.has_perm("governance.update_action", action)
    form = ActionUpdateForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST":
        if not can_update:
            flash.error(
                request, "Only the action's owner, the business unit or a chair can update it."
            )
            return redirect("governance:action-detail", pk=action.pk)
        if form.is_valid():
            try:
                services.action_add_update(actor=request.user, action=action, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, "Your update has been added.")
                return redirect("governance:action-detail", pk=action.pk)
    return render(
        request,
        "governance/actions/detail.html",
        {
            "action": action,
            "form": form if can_update else None,
            "can_change": request.user.has_perm("governance.change_action", action),
        },
    )


@require_permission("governance.change_action", fn=_action)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(request, pk)
    form = _form(
        request,
        action.meeting,
        initial={
            "title": action.title,
            "description": action.description,
            "owner": action.owner_id,
            "owner_agency": action.owner_agency_id,
            "due_on": action.due_on,
            "agenda_item": action.agenda_item_id,
            "priority": action.priority_id,
            "themes": list(action.themes.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_change(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "The action has been changed.")
            return redirect("governance:action-detail", pk=action.pk)
    return render(
        request,
        "governance/actions/form.html",
        {"form": form, "meeting": action.meeting, "action": action},
    )
