"""Writes for campaigns: create, change, launch (invite the organisations), close and reopen,
invite one more organisation, exempt or reinstate one, record challenge events and escalate
non-returners to the chair."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, RoleAssignment
from safeguarding.assurance import workflow
from safeguarding.assurance.audience import Audience, audience_agencies
from safeguarding.assurance.models import (
    AuditReturn,
    Campaign,
    CampaignStatus,
    ChallengeEvent,
    ReturnStatus,
    TemplateVersion,
    VersionStatus,
)
from safeguarding.assurance.services.common import required
from safeguarding.assurance.services.contribution_locks import contribution_lock_check
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.roles import Role
from safeguarding.core.services import model_update

CAMPAIGN_FIELDS = [
    "title",
    "description",
    "version",
    "opens_on",
    "closes_on",
    "previous",
    "priority",
    "reminder_days",
    "chase_every_days",
    "status",
    "audience_summary",
]


def _campaign_after(campaign: Campaign) -> dict:
    return {
        **snapshot(campaign, CAMPAIGN_FIELDS),
        "joint_partnerships": sorted(p.slug for p in campaign.joint_partnerships.all()),
        "themes": sorted(t.name for t in campaign.themes.all()),
    }


def _check_reminder_days(value: str) -> str:
    value = (value or "").replace(" ", "")
    if not value:
        return ""
    parts = value.split(",")
    if not all(part.isdigit() and 0 < int(part) <= 90 for part in parts):
        raise ValidationError(
            {
                "reminder_days": "Enter the days before the closing date as whole numbers from "
                "1 to 90 separated by commas, like 14,7,1."
            }
        )
    return ",".join(str(n) for n in sorted({int(p) for p in parts}, reverse=True))


def _check_campaign(campaign: Campaign, joint: list[Partnership]) -> None:
    required((campaign.title or "").strip(), "title", "Enter a title for the campaign.")
    required(campaign.version_id, "version", "Choose the audit template to use.")
    if campaign.version.status == VersionStatus.DRAFT:
        raise ValidationError(
            {
                "version": "This template version is still a draft. Publish it before a "
                "campaign uses it."
            }
        )
    required(campaign.opens_on, "opens_on", "Enter the date the campaign opens.")
    required(campaign.closes_on, "closes_on", "Enter the closing date.")
    if campaign.closes_on <= campaign.opens_on:
        raise ValidationError({"closes_on": "The closing date must be after the opening date."})
    if campaign.partnership_id in {p.pk for p in joint}:
        raise ValidationError(
            {"joint_partnerships": "The lead partnership is already taking part."}
        )
    if campaign.previous_id:
        if campaign.previous_id == campaign.pk:
            raise ValidationError({"previous": "A campaign cannot be its own previous cycle."})
        if campaign.previous.version.template_id != campaign.version.template_id:
            raise ValidationError(
                {"previous": "The previous cycle must use the same audit template."}
            )
    if not 1 <= (campaign.chase_every_days or 0) <= 60:
        raise ValidationError(
            {"chase_every_days": "Chase every 1 to 60 working days after the closing date."}
        )


@transaction.atomic
def campaign_create(
    *,
    actor,
    partnership: Partnership,
    title: str,
    version: TemplateVersion,
    opens_on: date,
    closes_on: date,
    audience: Audience,
    joint_partnerships: list[Partnership] | None = None,
    themes=(),
    **fields: Any,
) -> Campaign:
    joint = list(joint_partnerships or [])
    fields["reminder_days"] = _check_reminder_days(fields.get("reminder_days", "14,7,1"))
    campaign = Campaign(
        partnership=partnership,
        title=(title or "").strip(),
        version=version,
        opens_on=opens_on,
        closes_on=closes_on,
        audience=audience.as_json(),
        audience_summary=audience.describe(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    _check_campaign(campaign, joint)
    campaign.save()
    campaign.joint_partnerships.set(joint)
    campaign.themes.set(list(themes))
    audit_record(
        actor=actor,
        event="assurance.audit_campaign.created",
        target=campaign,
        after=_campaign_after(campaign),
    )
    return campaign


@transaction.atomic
def campaign_update(
    *,
    actor,
    campaign: Campaign,
    joint_partnerships: list[Partnership] | None = None,
    themes=None,
    audience: Audience | None = None,
    **fields: Any,
) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    workflow.CAMPAIGNS.check(campaign.status, "edit")
    launched = campaign.status != CampaignStatus.DRAFT
    for name in fields:
        if name not in CAMPAIGN_FIELDS or name == "status":
            raise ValidationError(f"{name} cannot be changed here.")
    if launched and "version" in fields and fields["version"] != campaign.version:
        raise ValidationError(
            {"version": "The campaign has been launched: its template version is frozen."}
        )
    data = dict(fields)
    if "reminder_days" in data:
        data["reminder_days"] = _check_reminder_days(data["reminder_days"])
    if audience is not None:
        if launched and audience.as_json() != campaign.audience:
            raise ValidationError(
                "The campaign has been launched, so its audience cannot change. Invite "
                "another organisation or exempt one instead."
            )
        data["audience"] = audience.as_json()
        data["audience_summary"] = audience.describe()
    joint = (
        list(joint_partnerships)
        if joint_partnerships is not None
        else list(campaign.joint_partnerships.all())
    )
    data["joint_partnerships"] = joint
    if themes is not None:
        data["themes"] = list(themes)
    campaign, _ = model_update(
        campaign,
        fields=[*CAMPAIGN_FIELDS, "audience", "joint_partnerships", "themes"],
        data=data,
        validate=lambda record: _check_campaign(record, joint),
        full_clean=False,
        always=True,
        describe=_campaign_after,
        actor=actor,
        event="assurance.audit_campaign.updated",
    )
    return campaign


def agency_contacts(agency_ids, partnership_ids) -> dict[int, list[str]]:
    """{agency id: email addresses}: the agency's safeguarding address and its leads."""
    contacts: dict[int, set[str]] = {}
    for agency_id, email in Agency.objects.filter(pk__in=agency_ids).values_list("pk", "email"):
        contacts.setdefault(agency_id, set())
        if email:
            contacts[agency_id].add(email)
    for agency_id, email in RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD,
        agency_id__in=agency_ids,
        partnership_id__in=list(partnership_ids),
        user__is_active=True,
    ).values_list("agency_id", "user__email"):
        contacts.setdefault(agency_id, set()).add(email)
    return {key: sorted(value) for key, value in contacts.items()}


def _previous_returns(campaign: Campaign, agency_ids) -> dict[int, int]:
    """{agency id: id of its latest submitted return to the same template}."""
    found: dict[int, int] = {}
    for agency_id, return_id in (
        AuditReturn.objects.filter(
            agency_id__in=agency_ids,
            case__isnull=True,
            first_submitted_at__isnull=False,
            campaign__version__template_id=campaign.version.template_id,
        )
        .exclude(campaign=campaign)
        .order_by("agency_id", "-first_submitted_at")
        .values_list("agency_id", "pk")
    ):
        found.setdefault(agency_id, return_id)
    return found


def _invite(campaign: Campaign, agencies: list[Agency]) -> list[AuditReturn]:
    ids = [a.pk for a in agencies]
    previous = _previous_returns(campaign, ids)
    created = AuditReturn.objects.bulk_create(
        [AuditReturn(campaign=campaign, agency=a, previous_id=previous.get(a.pk)) for a in agencies]
    )
    contacts = agency_contacts(ids, campaign.partnership_ids_for_rules())
    for agency in agencies:
        to = contacts.get(agency.pk)
        if not to:
            continue
        email_send(
            to=to,
            subject=f"Please complete the {campaign.title}",
            template="assurance/email/invitation",
            context={"campaign": campaign, "agency": agency},
        )
    return created


@transaction.atomic
def campaign_launch(*, actor, campaign: Campaign) -> Campaign:
    """Open the campaign: one return per chosen organisation, and an email to each."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    workflow.CAMPAIGNS.apply(campaign, "launch")
    if campaign.closes_on < timezone.localdate():
        raise ValidationError(
            {"closes_on": "The closing date has passed. Change it before launching."}
        )
    agencies = list(
        audience_agencies(
            partnership_ids=campaign.partnership_ids_for_rules(),
            audience=Audience.from_json(campaign.audience),
        )
    )
    if not agencies:
        raise ValidationError(
            "No organisations match this campaign's audience. Change the audience, or add the "
            "organisations to the partnership first."
        )
    campaign.launched_at = timezone.now()
    campaign.save(update_fields=["status", "launched_at", "updated_at"])
    _invite(campaign, agencies)
    audit_record(
        actor=actor,
        event="assurance.audit_campaign.launched",
        target=campaign,
        after={"invited": len(agencies), "audience": campaign.audience_summary},
    )
    return campaign


@transaction.atomic
def campaign_invite_agency(*, actor, campaign: Campaign, agency: Agency) -> AuditReturn:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    workflow.CAMPAIGNS.check(campaign.status, "invite")
    contribution_lock_check(campaign_id=campaign.pk)
    if not set(agency.partnership_ids_for_rules()) & set(campaign.partnership_ids_for_rules()):
        raise ValidationError(
            {"agency": f"{agency.name} is not an organisation of this campaign's partnerships."}
        )
    if campaign.returns.filter(agency=agency, case__isnull=True).exists():
        raise ValidationError({"agency": f"{agency.name} has already been invited."})
    (audit_return,) = _invite(campaign, [agency])
    audit_record(
        actor=actor,
        event="assurance.audit_campaign.agency_invited",
        target=campaign,
        after={"agency": agency.name},
    )
    return audit_return


@transaction.atomic
def campaign_close(*, actor, campaign: Campaign) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    workflow.CAMPAIGNS.apply(campaign, "close")
    campaign.closed_at = timezone.now()
    campaign.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_campaign.closed",
        target=campaign,
        after={"status": campaign.status},
    )
    return campaign


@transaction.atomic
def campaign_reopen(*, actor, campaign: Campaign, closes_on: date) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    workflow.CAMPAIGNS.apply(campaign, "reopen")
    contribution_lock_check(campaign_id=campaign.pk)
    required(closes_on, "closes_on", "Enter the new closing date.")
    if closes_on <= timezone.localdate():
        raise ValidationError({"closes_on": "The new closing date must be in the future."})
    before = {"closes_on": campaign.closes_on}
    campaign.closes_on = closes_on
    campaign.closed_at = None
    campaign.save(update_fields=["status", "closes_on", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_campaign.reopened",
        target=campaign,
        before=before,
        after={"closes_on": closes_on},
    )
    return campaign


@transaction.atomic
def return_exempt(*, actor, audit_return: AuditReturn, reason: str) -> AuditReturn:
    audit_return = AuditReturn.objects.select_for_update().get(pk=audit_return.pk)
    reason = (reason or "").strip()
    target = workflow.RETURNS.check(audit_return.status, "exempt").target
    required(reason, "reason", "Give the reason this organisation is exempt.")
    before = {"status": audit_return.status}
    audit_return.status = target
    audit_return.exempt_reason = reason
    audit_return.save(update_fields=["status", "exempt_reason", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_return.exempted",
        target=audit_return,
        before=before,
        after={"status": target, "reason": reason},
    )
    return audit_return


@transaction.atomic
def return_reinstate(*, actor, audit_return: AuditReturn) -> AuditReturn:
    audit_return = AuditReturn.objects.select_for_update().get(pk=audit_return.pk)
    workflow.RETURNS.apply(audit_return, "reinstate")
    audit_return.exempt_reason = ""
    audit_return.save(update_fields=["status", "exempt_reason", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_return.reinstated",
        target=audit_return,
        after={"status": audit_return.status},
    )
    return audit_return


@transaction.atomic
def challenge_event_record(
    *,
    actor,
    campaign: Campaign,
    title: str,
    held_on: date,
    attendees: str,
    outcomes: str,
    agencies_presenting=(),
) -> ChallengeEvent:
    title, attendees, outcomes = (
        (title or "").strip(),
        (attendees or "").strip(),
        (outcomes or "").strip(),
    )
    required(title, "title", "Enter a title, like Section 11 challenge day.")
    required(held_on, "held_on", "Enter the date of the event.")
    required(attendees, "attendees", "List who attended.")
    required(outcomes, "outcomes", "Record the outcomes: what was challenged and agreed.")
    agencies = list(agencies_presenting)
    invited = set(campaign.returns.values_list("agency_id", flat=True))
    strangers = [a.name for a in agencies if a.pk not in invited]
    if strangers:
        raise ValidationError(
            {"agencies_presenting": "Not invited to this campaign: " + ", ".join(strangers)}
        )
    event = ChallengeEvent.objects.create(
        campaign=campaign,
        title=title,
        held_on=held_on,
        attendees=attendees,
        outcomes=outcomes,
        created_by=actor,
    )
    event.agencies_presenting.set(agencies)
    audit_record(
        actor=actor,
        event="assurance.audit_campaign.challenge_event_recorded",
        target=campaign,
        after={
            "title": title,
            "held_on": held_on,
            "agencies_presenting": sorted(a.name for a in agencies),
            "outcomes": outcomes,
        },
    )
    return event


@transaction.atomic
def campaign_escalate_non_returners(*, actor, campaign: Campaign) -> int:
    """Email the partnership's chair the organisations that have not returned."""
    outstanding = list(
        campaign.returns.filter(first_submitted_at__isnull=True)
        .exclude(status=ReturnStatus.EXEMPT)
        .select_related("agency")
        .order_by("agency__name")
    )
    if not outstanding:
        raise ValidationError(
            "Every invited organisation has returned: there is nobody to escalate."
        )
    chairs = sorted(
        set(
            RoleAssignment.objects.filter(
                role=Role.CHAIR, partnership_id=campaign.partnership_id, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )
    if not chairs:
        raise ValidationError(
            "Nobody holds the chair role in this partnership, so there is nobody to escalate to."
        )
    email_send(
        to=chairs,
        subject=f"{campaign.title}: {len(outstanding)} organisations have not returned",
        template="assurance/email/non_returners",
        context={"campaign": campaign, "returns": outstanding},
    )
    audit_record(
        actor=actor,
        event="assurance.audit_campaign.non_returners_escalated",
        target=campaign,
        after={"to": chairs, "organisations": [r.agency.name for r in outstanding]},
    )
    return len(outstanding)
