"""The business unit's pages: the usage report and importing a document register."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission, view_object
from safeguarding.core.audit import audit_record
from safeguarding.core.forms import add_service_errors
from safeguarding.core.import_jobs import import_job_create
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.library.audit_events import USAGE_REPORT_VIEW
from safeguarding.library.forms import (
    ActivityEditForm,
    ActivityForm,
    CampaignForm,
    CampaignReachForm,
    ProcedureCreateForm,
    ProcedureEditForm,
    ProcedureStatusForm,
    ProcedureVersionForm,
    RegisterImportForm,
    ResourceForm,
    UsagePeriodForm,
    YouSaidWeDidEditForm,
)
from safeguarding.library.models import (
    Campaign,
    ProcedureStatus,
    Resource,
    YouSaidWeDid,
    YouthVoiceActivity,
)
from safeguarding.library.selectors import campaigns as campaign_selectors
from safeguarding.library.selectors import procedures as procedure_selectors
from safeguarding.library.selectors.resources import (
    managed_partnership,
    resource_get,
    usage_report,
)
from safeguarding.library.services.campaigns import (
    campaign_create,
    campaign_reach_record,
    campaign_update,
)
from safeguarding.library.services.importing import REGISTER_IMPORT
from safeguarding.library.services.procedures import (
    procedure_create,
    procedure_status_change,
    procedure_update,
    procedure_version_add,
)
from safeguarding.library.services.resources import resource_create, resource_update
from safeguarding.library.services.voice import (
    activity_record,
    activity_update,
    you_said_we_did_update,
)


@require_permission("library.view_usage")
@require_GET
def usage(request: HttpRequest) -> HttpResponse:
    start, end = UsagePeriodForm.default_period(timezone.localdate())
    form = UsagePeriodForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    own = partnerships_where(request.user, [Role.BUSINESS_UNIT])
    report = usage_report(partnerships=own, start=start, end=end)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            event=USAGE_REPORT_VIEW,
            after={"start": start, "end": end},
            partnerships=own,
        )
    return render(request, "library/usage.html", {"form": form, "report": report})


@require_permission("library.manage_library")
@require_http_methods(["GET", "POST"])
def resource_import(request: HttpRequest) -> HttpResponse:
    partnership = managed_partnership(
        user=request.user, site=getattr(request, "partnership", None) or None
    )
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # The worker imports the register (core.import_jobs, ADR 0033): all rows or none;
        # its page shows the progress, then the result or every problem by its row.
        job = import_job_create(
            actor=request.user,
            partnership=partnership,
            kind=REGISTER_IMPORT,
            upload=form.cleaned_data["file"],
            options={"dry_run": form.cleaned_data["dry_run"]},
        )
        return redirect("core:import-job", pk=job.pk)
    return render(
        request, "library/resource_import.html", {"form": form, "partnership": partnership}
    )


def _procedure(request, pk: int):
    procedure = procedure_selectors.procedure_get(user=request.user, pk=pk)
    if procedure is None:
        raise Http404("No such procedure")
    return procedure


@require_permission("library.manage_library", fn=_procedure)
@require_http_methods(["GET", "POST"])
def procedure_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The business unit marks a document under review or withdrawn, or records a version."""
    procedure = _procedure(request, pk)
    action = request.POST.get("action", "")
    status_form = ProcedureStatusForm(
        request.POST if action == "status" else None, initial={"status": procedure.status}
    )
    version_form = ProcedureVersionForm(request.POST if action == "version" else None)
    form = {"status": status_form, "version": version_form}.get(action)
    if form is not None and form.is_valid():
        try:
            if action == "status":
                procedure_status_change(
                    actor=request.user,
                    procedure=procedure,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
                flash.success(
                    request, f"{procedure.title} is now {procedure.get_status_display().lower()}."
                )
            else:
                version = procedure_version_add(
                    actor=request.user, procedure=procedure, **form.cleaned_data
                )
                flash.success(
                    request, f"Version {version.version} recorded: it is now the current version."
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("library:procedure", pk=procedure.pk)
    return render(
        request,
        "library/procedure_manage.html",
        {"procedure": procedure, "status_form": status_form, "version_form": version_form},
    )


@require_permission("library.manage_library", fn=_procedure)
@require_http_methods(["GET", "POST"])
def procedure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's own details: title, type, owner, review date, status, partnerships and
    themes (its versions are recorded on the manage page)."""
    procedure = _procedure(request, pk)
    managed = list(procedure_selectors.managed_partnerships(user=request.user))
    initial = {
        "title": procedure.title,
        "kind": procedure.kind,
        "summary": procedure.summary,
        "owner": procedure.owner,
        "review_due_on": procedure.review_due_on,
        "status": procedure.status,
        "status_note": procedure.status_note,
        "partnerships": list(procedure.partnerships.all()),
        "themes": list(procedure.themes.all()),
    }
    form = ProcedureEditForm(
        request.POST or None,
        initial=initial,
        partnerships=procedure_selectors.managed_partnerships(user=request.user),
        owners=procedure_selectors.procedure_owner_choices(user=request.user, procedure=procedure),
        draft=procedure.status == ProcedureStatus.DRAFT,
    )
    if request.method == "POST" and form.is_valid():
        try:
            procedure_update(
                actor=request.user, procedure=procedure, data=form.cleaned_data, managed=managed
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{procedure.title}” saved.")
            return redirect("library:procedure", pk=procedure.pk)
    return _form_page(
        request,
        form,
        title="Change the document's details",
        caption=procedure.title,
        back=reverse("library:procedure", args=[procedure.pk]),
        back_label=procedure.title,
    )


# Adding and changing single records -------------------------------------------------------


def _form_page(request, form, *, title: str, back: str, back_label: str, caption: str = ""):
    return render(
        request,
        "library/record_form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "back": back,
            "back_label": back_label,
        },
    )


def _own_partnership(request):
    partnership = managed_partnership(
        user=request.user, site=getattr(request, "partnership", None) or None
    )
    if partnership is None:
        raise PermissionDenied
    return partnership


def _resource(request, pk: int, **kwargs):
    resource = resource_get(user=request.user, pk=pk)
    if resource is None:
        raise Http404("No such resource")
    return resource


def _campaign(request, pk: int, **kwargs):
    campaign = campaign_selectors.campaign_get(user=request.user, pk=pk)
    if campaign is None:
        raise Http404("No such campaign")
    return campaign


def _activity(request, pk: int, **kwargs):
    activity = campaign_selectors.activity_get(pk=pk)
    if activity is None:
        raise Http404("No such activity")
    return activity


def _entry(request, pk: int, **kwargs):
    entry = campaign_selectors.you_said_we_did_get(user=request.user, pk=pk)
    if entry is None:
        raise Http404("No such entry")
    return entry


@require_permission("library.manage_library")
@require_http_methods(["GET", "POST"])
def resource_new(request: HttpRequest) -> HttpResponse:
    partnership = _own_partnership(request)
    form = ResourceForm(request.POST or None, request.FILES or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        try:
            resource = resource_create(
                actor=request.user,
                partnership=partnership,
                data=data,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{resource.title}” added to the library.")
            return redirect("library:resource-list")
    return _form_page(
        request,
        form,
        title="Add a resource",
        back=reverse("library:resource-list"),
        back_label="Resources",
    )


@require_permission("library.manage_library", fn=_resource)
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = view_object(request, Resource)
    initial = {
        "title": resource.title,
        "kind": resource.kind,
        "summary": resource.summary,
        "audiences": resource.audiences,
        "themes": list(resource.themes.all()),
        "priority": resource.priority,
        "owner_agency": resource.owner_agency,
        "link": resource.link,
        "status": resource.status,
        "published_on": resource.published_on,
        "review_on": resource.review_on,
    }
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        partnership=resource.partnership,
        has_file=bool(resource.file),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        try:
            resource_update(
                actor=request.user,
                resource=resource,
                data=data,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{resource.title}” saved.")
            return redirect("library:resource-list")
    return _form_page(
        request,
        form,
        title="Change the resource",
        caption=resource.title,
        back=reverse("library:resource", args=[resource.pk]),
        back_label=resource.title,
    )


@require_permission("library.manage_library")
@require_http_methods(["GET", "POST"])
def procedure_new(request: HttpRequest) -> HttpResponse:
    """A new policy, procedure or protocol with its first version."""
    own = procedure_selectors.managed_partnerships(user=request.user)
    site = getattr(request, "partnership", None) or None  # set by accounts' middleware
    form = ProcedureCreateForm(
        request.POST or None,
        partnerships=own,
        initial={"partnerships": [site] if site is not None and site in own else []},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                procedure = procedure_create(
                    actor=request.user,
                    partnerships=data["partnerships"],
                    title=data["title"],
                    kind=data["kind"],
                    summary=data["summary"],
                    review_due_on=data["review_due_on"],
                    themes=data["themes"],
                    owner=request.user,
                )
                procedure_version_add(
                    actor=request.user,
                    procedure=procedure,
                    version=data["version"],
                    effective_on=data["effective_on"],
                    change_summary=data["change_summary"],
                    approving_body=data["approving_body"],
                    link=data["link"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{procedure.title}” added, with version {data['version']}.")
            return redirect("library:procedure", pk=procedure.pk)
    return _form_page(
        request,
        form,
        title="Add a policy, procedure or protocol",
        back=reverse("library:procedure-list"),
        back_label="Policies and procedures",
    )


@require_permission("library.manage_library")
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    partnership = _own_partnership(request)
    form = CampaignForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(
                actor=request.user, partnership=partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{campaign.name}” added. Now record its reach.")
            return redirect("library:campaign-reach", pk=campaign.pk)
    return _form_page(
        request,
        form,
        title="Add a campaign",
        back=reverse("library:campaign-calendar"),
        back_label="Campaigns",
    )


@require_permission("library.manage_library", fn=_campaign)
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = view_object(request, Campaign)
    initial = {
        "name": campaign.name,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "aims": campaign.aims,
        "themes": list(campaign.themes.all()),
        "priority": campaign.priority,
        "channels": campaign.channels,
        "partner_agencies": list(campaign.partner_agencies.all()),
        "materials": list(campaign.materials.all()),
    }
    form = CampaignForm(request.POST or None, initial=initial, partnership=campaign.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_update(actor=request.user, campaign=campaign, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{campaign.name}” saved.")
            return redirect("library:campaign", pk=campaign.pk)
    return _form_page(
        request,
        form,
        title="Change the campaign",
        caption=campaign.name,
        back=reverse("library:campaign", args=[campaign.pk]),
        back_label=campaign.name,
    )


@require_permission("library.manage_library", fn=_campaign)
@require_http_methods(["GET", "POST"])
def campaign_reach(request: HttpRequest, pk: int) -> HttpResponse:
    """Reach figures per channel: posts, impressions, leaflets, people at events, people
    reached ("450,000 reached")."""
    campaign = view_object(request, Campaign)
    form = CampaignReachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_reach_record(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "Reach figure recorded.")
            return redirect("library:campaign-reach", pk=campaign.pk)
    return render(
        request,
        "library/campaign_reach.html",
        {
            "campaign": campaign,
            "form": form,
            "reach": list(campaign.reach.all()),
            "people_reached": campaign_selectors.people_reached(campaign),
        },
    )


@require_permission("library.manage_library")
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    partnership = _own_partnership(request)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity = activity_record(
                actor=request.user,
                partnership=partnership,
                title=data["title"],
                kind=data["kind"],
                held_on=data["held_on"],
                summary=data["summary"],
                participation=form.participation(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{activity.title}” recorded.")
            return redirect("library:you-said-we-did")
    return _form_page(
        request,
        form,
        title="Record a youth-voice activity",
        back=reverse("library:you-said-we-did"),
        back_label="You said, we did",
    )


@require_permission("library.manage_library", fn=_activity)
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = view_object(request, YouthVoiceActivity)
    counts = {(p.age_band, p.setting): p.count for p in activity.participation.all()}
    settings_in_use = sorted({setting for _, setting in counts})
    initial = {
        "title": activity.title,
        "kind": activity.kind,
        "held_on": activity.held_on,
        "summary": activity.summary,
    }
    if len(settings_in_use) > 1:
        initial.update({f"count_{setting}_{band}": n for (band, setting), n in counts.items()})
    else:
        initial["setting"] = settings_in_use[0] if settings_in_use else None
        initial.update({f"count_{band}": n for (band, _), n in counts.items()})
    form = ActivityEditForm(request.POST or None, initial=initial, settings_in_use=settings_in_use)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            activity_update(
                actor=request.user,
                activity=activity,
                data={k: data[k] for k in ("title", "kind", "held_on", "summary")},
                participation=form.participation(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{activity.title}” saved.")
            return redirect("library:you-said-we-did")
    return _form_page(
        request,
        form,
        title="Change the youth-voice activity",
        caption=activity.title,
        back=reverse("library:you-said-we-did"),
        back_label="You said, we did",
    )


@require_permission("library.manage_library", fn=_entry)
@require_http_methods(["GET", "POST"])
def you_said_we_did_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = view_object(request, YouSaidWeDid)
    initial = {
        "you_said": entry.you_said,
        "we_did": entry.we_did,
        "status": entry.status,
        "said_on": entry.said_on,
        "activity": entry.activity,
        "campaign": entry.campaign,
        "is_published": entry.is_published,
        "source_label": entry.source_label,
        "source_url": entry.source_url,
    }
    form = YouSaidWeDidEditForm(
        request.POST or None, initial=initial, partnership=entry.partnership
    )
    if request.method == "POST" and form.is_valid():
        try:
            you_said_we_did_update(actor=request.user, entry=entry, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, "Entry saved.")
            return redirect("library:you-said-we-did")
    return _form_page(
        request,
        form,
        title="Change the “You said, we did” entry",
        back=reverse("library:you-said-we-did"),
        back_label="You said, we did",
    )
