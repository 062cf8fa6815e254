"""The business unit's member groups: named groups of agencies that get a discount."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.training import selectors, services
from safeguarding.training.forms import MemberGroupForm

PAGE_SIZE = 25


@require_permission("training.manage_training")
@require_GET
def member_group_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.managed_member_group_list(user=request.user)
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    show_partnership = len(selectors.managed_partnerships(user=request.user)) > 1
    return render(
        request,
        "training/manage/member_group_list.html",
        {"page": page, "show_partnership": show_partnership},
    )


@require_permission("training.manage_training")
@require_http_methods(["GET", "POST"])
def member_group_new(request: HttpRequest) -> HttpResponse:
    partnerships = selectors.managed_partnerships(user=request.user)
    chosen = next(
        (p for p in partnerships if p.slug == request.GET.get("partnership")), partnerships[0]
    )
    if not request.user.has_perm("training.change_member_group", chosen):
        raise PermissionDenied
    form = MemberGroupForm(
        request.POST or None, agencies=selectors.member_group_agencies(partnership=chosen)
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = services.member_group_create(
                actor=request.user, partnership=chosen, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"“{group.name}” has been added. Choose the courses that give it a discount "
                "on each course's page.",
            )
            return redirect("training:member-groups")
    return render(
        request,
        "training/manage/member_group_form.html",
        {"form": form, "group": None, "partnership": chosen, "partnerships": partnerships},
    )


def _managed_group(request, pk: int):
    group = selectors.managed_member_group_get(user=request.user, pk=pk)
    if group is None:
        raise Http404("No such member group")
    return group


@require_permission("training.change_member_group", fn=_managed_group)
@require_http_methods(["GET", "POST"])
def member_group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _managed_group(request, pk)
    form = MemberGroupForm(
        request.POST or None,
        initial=MemberGroupForm.initial_for(group),
        agencies=selectors.member_group_agencies(partnership=group.partnership),
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = services.member_group_update(
                actor=request.user, group=group, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{group.name}” has been updated.")
            return redirect("training:member-groups")
    return render(
        request,
        "training/manage/member_group_form.html",
        {"form": form, "group": group, "partnership": group.partnership, "partnerships": []},
    )


@require_permission("training.change_member_group", fn=_managed_group)
@require_http_methods(["GET", "POST"])
def member_group_remove(request: HttpRequest, pk: int) -> HttpResponse:
    group = _managed_group(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.member_group_remove(actor=request.user, group=group)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, f"“{group.name}” has been removed.")
            return redirect("training:member-groups")
    return render(
        request,
        "training/manage/member_group_remove.html",
        {
            "group": group,
            "removal": selectors.member_group_removal(group=group),
            "error": error,
        },
    )
