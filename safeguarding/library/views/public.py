"""Public pages: the resource library, procedures, campaigns and "You said, we did"."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safeguarding.core.access import public
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.library.forms import ProcedureFilterForm, ResourceFilterForm
from safeguarding.library.models import ReachMeasure
from safeguarding.library.selectors import campaigns as campaign_selectors
from safeguarding.library.selectors import procedures as procedure_selectors
from safeguarding.library.selectors import resources as resource_selectors
from safeguarding.library.services.resources import resource_usage_count

PAGE_SIZE = 25


def _site_partnership(request):
    return request.partnership or None


@public
@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    form = ResourceFilterForm(request.GET or None, themes=resource_selectors.filter_themes())
    filters = form.to_filter()
    found = resource_selectors.resource_list(
        user=request.user, partnership=_site_partnership(request), filters=filters
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "library/resource_list.html",
        {"form": form, "page": page, "filtered": filters.active},
    )


@public
@require_GET
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resource = resource_selectors.resource_get(user=request.user, pk=pk)
    if resource is None:
        raise Http404("No such resource")
    resource_usage_count(resource_id=resource.pk, counter="views")
    return render(
        request,
        "library/resource_detail.html",
        {
            "resource": resource,
            "can_manage": request.user.has_perm("library.manage_library", resource),
        },
    )


@public
@require_GET
def resource_open(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Our own download or redirect URL, so downloads and plays are counted (a count per
    day, nothing about the visitor). It only ever goes to the resource's own file or link:
    never an open redirect."""
    resource = resource_selectors.resource_get(user=request.user, pk=pk)
    if resource is None or not (resource.file or resource.link):
        raise Http404("No such resource")
    counter = "plays" if resource.is_playable else "downloads"
    resource_usage_count(resource_id=resource.pk, counter=counter)
    if resource.file:
        return FileResponse(
            resource.file.open("rb"),
            as_attachment=not resource.is_playable,
            filename=(resource.file.name or "").rsplit("/", 1)[-1],  # named: it is truthy
            content_type=resource.file_content_type or None,
        )
    return HttpResponseRedirect(resource.link)


@public
@require_GET
def procedure_list(request: HttpRequest) -> HttpResponse:
    form = ProcedureFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    found = procedure_selectors.procedure_list(
        user=request.user, partnership=_site_partnership(request), status=status
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    for procedure in page.object_list:
        procedure.current = procedure_selectors.current_version(procedure)
    return render(
        request, "library/procedure_list.html", {"form": form, "page": page, "filtered": status}
    )


@public
@require_GET
def procedure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = procedure_selectors.procedure_get(user=request.user, pk=pk)
    if procedure is None:
        raise Http404("No such procedure")
    versions = list(procedure.versions.all())
    return render(
        request,
        "library/procedure_detail.html",
        {
            "procedure": procedure,
            "current": versions[0] if versions else None,
            "versions": versions,
            "can_manage": request.user.has_perm("library.manage_library", procedure),
        },
    )


@public
@require_GET
def campaign_calendar(request: HttpRequest) -> HttpResponse:
    campaigns = list(
        campaign_selectors.campaign_list(user=request.user, partnership=_site_partnership(request))
    )
    months: dict = {}
    for campaign in campaigns:
        campaign.people_reached = campaign_selectors.people_reached(campaign)
        months.setdefault(campaign.starts_on.replace(day=1), []).append(campaign)
    return render(request, "library/campaign_calendar.html", {"months": sorted(months.items())})


@public
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_selectors.campaign_get(user=request.user, pk=pk)
    if campaign is None:
        raise Http404("No such campaign")
    return render(
        request,
        "library/campaign_detail.html",
        {
            "campaign": campaign,
            "people_reached": campaign_selectors.people_reached(campaign),
            "people_measure": ReachMeasure.PEOPLE_REACHED,
            "can_manage": request.user.has_perm("library.manage_library", campaign),
        },
    )


@public
@require_GET
def you_said_we_did(request: HttpRequest) -> HttpResponse:
    partnership = _site_partnership(request)
    entries = campaign_selectors.you_said_we_did_list(user=request.user, partnership=partnership)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    activities = campaign_selectors.activity_list(partnership=partnership)[:10]
    # "Change" is offered on the entries of the partnerships the person runs, not every one.
    managed_ids = set(partnerships_where(request.user, [Role.BUSINESS_UNIT]))
    return render(
        request,
        "library/you_said_we_did.html",
        {"page": page, "activities": activities, "managed_ids": managed_ids},
    )
