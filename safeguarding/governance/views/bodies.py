"""Pages for the governance overview, bodies and memberships."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import object_loader, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.governance.forms.meetings import BodyForm, MembershipEndForm, MembershipForm
from safeguarding.governance.selectors import actions as action_selectors
from safeguarding.governance.selectors import meetings as selectors
from safeguarding.governance.selectors.common import managed_partnerships
from safeguarding.governance.services import bodies as services

PAGE_SIZE = 50


@require_permission("governance.view_bodies")
@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "governance/hub.html",
        {
            "next_meetings": selectors.next_meetings(user=user, limit=5),
            "my_actions": action_selectors.my_open_actions(user=user, limit=5),
            "overdue_count": action_selectors.action_list(
                user=user, filters=action_selectors.ActionFilter(overdue=True)
            ).count(),
            "can_manage": user.has_perm("governance.add_body"),
            "can_see_overdue": user.has_perm("governance.view_overdue_actions"),
            "can_see_drafts": user.has_perm("governance.view_key_message_drafts"),
            "can_manage_themes": user.has_perm("governance.manage_themes"),
        },
    )


_body = object_loader(selectors.body_get, "body")


@require_permission("governance.view_bodies")
@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    show_inactive = request.GET.get("inactive") == "1"
    bodies = selectors.body_list(user=request.user, include_inactive=show_inactive)
    page = Paginator(bodies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/bodies/list.html",
        {
            "page": page,
            "show_inactive": show_inactive,
            "can_add": request.user.has_perm("governance.add_body"),
        },
    )


def _body_form(request, *, initial=None, exclude_pk=None) -> BodyForm:
    partnerships = managed_partnerships(user=request.user)
    bodies = selectors.body_choices_for(partnerships=partnerships)
    if exclude_pk:
        bodies = bodies.exclude(pk=exclude_pk)
    return BodyForm(
        request.POST or None,
        request.FILES or None,
        partnerships=partnerships,
        bodies=bodies,
        initial=initial,
    )


@require_permission("governance.add_body")
@require_http_methods(["GET", "POST"])
def body_new(request: HttpRequest) -> HttpResponse:
    form = _body_form(request, initial={"is_active": True, "quorum_minimum": 0})
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(
                actor=request.user,
                partnerships=form.cleaned_data["partnerships"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"{body.name} has been set up. Now add its members.")
            return redirect("governance:body-detail", pk=body.pk)
    return render(request, "governance/bodies/form.html", {"form": form, "body": None})


@require_permission("governance.view_body", fn=_body)
@require_GET
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    show_past = request.GET.get("past_members") == "1"
    meetings = Paginator(selectors.body_meetings(body=body), 20).get_page(request.GET.get("page"))
    can_manage = request.user.has_perm("governance.change_body", body)
    return render(
        request,
        "governance/bodies/detail.html",
        {
            "body": body,
            "memberships": selectors.body_memberships(body=body, current_only=not show_past),
            "show_past": show_past,
            "page": meetings,
            "can_manage": can_manage,
            "can_schedule": request.user.has_perm("governance.manage_meeting", body),
            "is_member": request.user.has_perm("governance.view_confidential", body),
            "can_reset_calendar": request.user.has_perm("governance.reset_calendar_link", body),
        },
    )


@require_permission("governance.reset_calendar_link", fn=_body)
@require_POST
def body_calendar_reset(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    services.body_calendar_link_reset(actor=request.user, body=body)
    flash.success(
        request,
        "The calendar link has been reset. The old link no longer works: subscribe again "
        "with the new one.",
    )
    return redirect("governance:body-detail", pk=body.pk)


@require_permission("governance.change_body", fn=_body)
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    form = _body_form(
        request,
        exclude_pk=body.pk,
        initial={
            "name": body.name,
            "short_name": body.short_name,
            "type": body.type,
            "partnerships": list(body.partnerships.all()),
            "reports_to": body.reports_to_id,
            "purpose": body.purpose,
            "terms_of_reference": body.terms_of_reference,
            "quorum_minimum": body.quorum_minimum,
            "quorum_needs_statutory_partners": body.quorum_needs_statutory_partners,
            "meeting_frequency": body.meeting_frequency,
            "is_active": body.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.body_update(
                actor=request.user,
                body=body,
                partnerships=form.cleaned_data["partnerships"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"{form.cleaned_data['name']} has been updated.")
            return redirect("governance:body-detail", pk=body.pk)
    return render(request, "governance/bodies/form.html", {"form": form, "body": body})


@require_permission("governance.change_body", fn=_body)
@require_http_methods(["GET", "POST"])
def membership_new(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    partnerships = body.partnerships.all()
    form = MembershipForm(
        request.POST or None,
        people=selectors.people_for(partnerships=partnerships),
        agencies=selectors.agencies_for(partnerships=partnerships),
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(actor=request.user, body=body, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"{membership.label} has been added to {body.name}.")
            return redirect("governance:body-detail", pk=body.pk)
    return render(request, "governance/bodies/membership_form.html", {"form": form, "body": body})


_membership = object_loader(selectors.membership_get, "membership")


@require_permission("governance.change_body", fn=_membership)
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"{membership.label}'s membership has been ended.")
            return redirect("governance:body-detail", pk=membership.body_id)
    return render(
        request, "governance/bodies/membership_end.html", {"form": form, "membership": membership}
    )


@require_permission("governance.view_body", fn=_body)
@require_GET
def body_terms_of_reference(request: HttpRequest, pk: int) -> FileResponse:
    body = _body(request, pk)
    if not body.terms_of_reference_document:
        raise Http404("No terms of reference document")
    try:
        handle = body.terms_of_reference_document.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage") from None
    name = body.terms_of_reference_document.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)
