"""Campaign pages: list, create and change, launch, close and reopen, the live return rate
with the returns, inviting or exempting an organisation, non-returners and challenge events."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.assurance.audience import Audience, audience_agencies
from safeguarding.assurance.forms import (
    CampaignFilterForm,
    CampaignForm,
    ChallengeEventForm,
    ExemptForm,
    InviteForm,
    ReopenForm,
    ReturnFilterForm,
)
from safeguarding.assurance.models import CampaignStatus, TemplateKind
from safeguarding.assurance.selectors import campaigns as selectors
from safeguarding.assurance.selectors import choices
from safeguarding.assurance.selectors.templates import published_versions
from safeguarding.assurance.services import campaigns as services
from safeguarding.assurance.views.common import PAGE_SIZE, campaign_of, return_of
from safeguarding.core import exports
from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors


@require_permission("assurance.view_campaigns")
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    form = CampaignFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    campaigns = selectors.campaign_list(user=request.user, status=status)
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assurance/campaigns/list.html",
        {
            "form": form,
            "page": page,
            "can_add": request.user.has_perm("assurance.add_campaign"),
        },
    )


def _campaign_form(request, campaign=None) -> CampaignForm:
    managed = choices.managed_partnerships(user=request.user)
    partnership_ids = [p.pk for p in choices.all_partnerships()]
    initial = None
    if campaign is not None:
        audience = Audience.from_json(campaign.audience)
        initial = {
            "title": campaign.title,
            "description": campaign.description,
            "partnership": campaign.partnership_id,
            "joint_partnerships": [p.pk for p in campaign.joint_partnerships.all()],
            "version": campaign.version_id,
            "opens_on": campaign.opens_on,
            "closes_on": campaign.closes_on,
            "previous": campaign.previous_id,
            "themes": [t.pk for t in campaign.themes.all()],
            "priority": campaign.priority_id,
            "reminder_days": campaign.reminder_days,
            "chase_every_days": campaign.chase_every_days,
            "preset": audience.preset,
            "types": list(audience.types),
            "phases": list(audience.phases),
            "school_types": list(audience.school_types),
            "localities": list(audience.localities),
            "trusts": list(audience.trusts),
        }
    versions = list(published_versions(exclude_kind=TemplateKind.CASE_AUDIT))
    if campaign is not None and campaign.version not in versions:
        versions.append(campaign.version)
    return CampaignForm(
        request.POST or None,
        initial=initial,
        partnerships=managed if campaign is None else [campaign.partnership],
        all_partnerships=choices.all_partnerships(),
        versions=versions,
        previous=[
            c
            for c in selectors.previous_cycle_choices(user=request.user)
            if campaign is None or c.pk != campaign.pk
        ],
        localities=choices.localities_of(partnership_ids=partnership_ids),
        trusts=choices.trusts_of(partnership_ids=partnership_ids),
        themes=choices.themes_active(),
        priorities=choices.priorities_of(partnership_ids=partnership_ids),
        launched=campaign is not None and campaign.status != CampaignStatus.DRAFT,
    )


@require_permission("assurance.add_campaign")
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    form = _campaign_form(request)
    if request.method == "POST" and form.is_valid():
        partnership = form.chosen_partnership()
        if not request.user.has_perm("assurance.add_campaign", partnership):
            form.add_error("partnership", "You are not in the business unit of that partnership.")
        else:
            try:
                campaign = services.campaign_create(
                    actor=request.user,
                    partnership=partnership,
                    audience=form.audience(),
                    **form.service_fields(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"“{campaign.title}” has been saved. Check it, then launch it."
                )
                return redirect("assurance:campaign-detail", pk=campaign.pk)
    return render(request, "assurance/campaigns/form.html", {"form": form, "campaign": None})


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    form = _campaign_form(request, campaign)
    if request.method == "POST" and form.is_valid():
        launched = campaign.status != CampaignStatus.DRAFT
        fields = form.service_fields()
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                audience=None if launched else form.audience(),
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The campaign has been saved.")
            return redirect("assurance:campaign-detail", pk=campaign.pk)
    return render(request, "assurance/campaigns/form.html", {"form": form, "campaign": campaign})


@require_permission("assurance.view_campaigns", fn=campaign_of)
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    form = ReturnFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {"status": "", "q": ""}
    returns = selectors.campaign_returns(
        campaign=campaign, status=filters["status"], query=filters["q"]
    )
    page = Paginator(returns, PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = request.user.has_perm("assurance.manage_campaign", campaign)
    rate = selectors.return_rate(campaign=campaign)
    preview = None
    if campaign.status == CampaignStatus.DRAFT:
        preview = audience_agencies(
            partnership_ids=campaign.partnership_ids_for_rules(),
            audience=Audience.from_json(campaign.audience),
        ).count()
    return render(
        request,
        "assurance/campaigns/detail.html",
        {
            "campaign": campaign,
            "rate": rate,
            "breakdowns": [
                (selectors.BREAKDOWNS[key], rows) for key, rows in rate.breakdowns.items()
            ],
            "form": form,
            "page": page,
            "preview": preview,
            "can_manage": can_manage,
            "can_record_challenge": request.user.has_perm("assurance.record_challenge", campaign),
            "can_exempt": request.user.has_perm("assurance.exempt_return", campaign),
            "challenge_events": campaign.challenge_events.prefetch_related("agencies_presenting"),
        },
    )


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_POST
def campaign_launch(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    try:
        services.campaign_launch(actor=request.user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"“{campaign.title}” is open. Each organisation has been sent an email."
        )
    return redirect("assurance:campaign-detail", pk=campaign.pk)


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    try:
        services.campaign_close(actor=request.user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{campaign.title}” is closed.")
    return redirect("assurance:campaign-detail", pk=campaign.pk)


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_http_methods(["GET", "POST"])
def campaign_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_reopen(
                actor=request.user, campaign=campaign, closes_on=form.cleaned_data["closes_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{campaign.title}” is open again.")
            return redirect("assurance:campaign-detail", pk=campaign.pk)
    return render(request, "assurance/campaigns/reopen.html", {"form": form, "campaign": campaign})


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_http_methods(["GET", "POST"])
def campaign_invite(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    form = InviteForm(
        request.POST or None, agencies=selectors.agencies_without_return(campaign=campaign)
    )
    if request.method == "POST" and form.is_valid():
        agency = form.agencies[form.cleaned_data["agency"]]
        try:
            services.campaign_invite_agency(actor=request.user, campaign=campaign, agency=agency)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{agency.name} has been invited.")
            return redirect("assurance:campaign-detail", pk=campaign.pk)
    return render(request, "assurance/campaigns/invite.html", {"form": form, "campaign": campaign})


@require_permission("assurance.view_campaigns", fn=campaign_of)
@require_GET
def campaign_non_returners(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    page = Paginator(selectors.non_returners(campaign=campaign), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "assurance/campaigns/non_returners.html",
        {
            "campaign": campaign,
            "page": page,
            "can_escalate": request.user.has_perm("assurance.manage_campaign", campaign),
        },
    )


@require_permission("assurance.view_campaigns", fn=campaign_of)
@require_GET
def campaign_non_returners_csv(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    rows = (
        [
            item.agency.name,
            item.agency.get_type_display(),
            item.agency.get_school_phase_display(),
            item.agency.locality.name if item.agency.locality else "",
            item.agency.parent.name if item.agency.parent else "",
            item.get_status_display(),
            item.lead.email if item.lead else "",
        ]
        for item in selectors.non_returners(campaign=campaign)
    )
    return exports.csv_response(
        f"non-returners-{campaign.pk}.csv",
        ["Organisation", "Type", "Phase", "Locality", "Trust", "Status", "Lead"],
        rows,
    )


@require_permission("assurance.manage_campaign", fn=campaign_of)
@require_POST
def campaign_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    try:
        count = services.campaign_escalate_non_returners(actor=request.user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The chair has been sent the {count} non-returners.")
    return redirect("assurance:campaign-non-returners", pk=campaign.pk)


@require_permission("assurance.record_challenge", fn=campaign_of)
@require_http_methods(["GET", "POST"])
def challenge_event_new(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    invited = [r.agency for r in campaign.returns.select_related("agency").order_by("agency__name")]
    form = ChallengeEventForm(request.POST or None, agencies=invited)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["agencies_presenting"] = [form.agencies[pk] for pk in data["agencies_presenting"]]
        try:
            services.challenge_event_record(actor=request.user, campaign=campaign, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The challenge event has been recorded.")
            return redirect("assurance:campaign-detail", pk=campaign.pk)
    return render(
        request, "assurance/campaigns/challenge_event.html", {"form": form, "campaign": campaign}
    )


@require_permission("assurance.exempt_return", fn=return_of)
@require_http_methods(["GET", "POST"])
def return_exempt(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    form = ExemptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.return_exempt(
                actor=request.user, audit_return=audit_return, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{audit_return.agency.name} is exempt from this campaign.")
            return redirect("assurance:campaign-detail", pk=audit_return.campaign_id)
    return render(
        request, "assurance/returns/exempt.html", {"form": form, "audit_return": audit_return}
    )


@require_permission("assurance.exempt_return", fn=return_of)
@require_POST
def return_reinstate(request: HttpRequest, pk: int) -> HttpResponse:
    audit_return = return_of(request, pk)
    try:
        services.return_reinstate(actor=request.user, audit_return=audit_return)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{audit_return.agency.name} is asked to return it again.")
    return redirect("assurance:return-detail", pk=audit_return.pk)
