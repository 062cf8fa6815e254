"""Agencies' contributions to the yearly report (ADR 0032).

The business unit starts a contribution campaign for a report period from the yearly report's
page: an ordinary campaign on the shipped "Yearly report contribution" template, sent to the
statutory partners and relevant agencies it chooses, so reminders, chasers, the return rate
and moderation are the engine's own. When a yearly report with these answers is signed off,
the report app tells core (``core.reporting.frozen``) and :func:`contributions_freeze` locks
the campaign: from then on any change to its returns is refused with the reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import Agency, AgencyType, Partnership
from safeguarding.assurance import workflow
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import (
    Campaign,
    CampaignStatus,
    ContributionCampaign,
    TemplateKind,
    TemplateVersion,
    VersionStatus,
)
from safeguarding.assurance.services.campaigns import _invite, campaign_create
from safeguarding.core.audit import audit_record
from safeguarding.core.reporting import Freezing, ReportScope

# Organisations that write their own account for the report: not schools or trusts (schools
# take part through the Section 175/157 audit).
NOT_ASKED = frozenset({AgencyType.SCHOOL, AgencyType.MULTI_ACADEMY_TRUST})


def contribution_version() -> TemplateVersion | None:
    """The latest published version of the yearly report contribution template."""
    return (
        TemplateVersion.objects.filter(
            template__kind=TemplateKind.YEARLY_REPORT, status=VersionStatus.PUBLISHED
        )
        .select_related("template")
        .order_by("-published_at", "-number")
        .first()
    )


def contribution_agencies(*, partnership: Partnership, joint_partnerships=()):
    """The statutory partners and relevant agencies that may be asked: those of the
    partnership and, for a joint report, of every other partnership the report covers."""
    ids = [partnership.pk, *[p.pk for p in joint_partnerships]]
    return (
        Agency.objects.filter(
            pk__in=Agency.partnerships.through.objects.filter(partnership_id__in=ids).values(
                "agency_id"
            )
        )
        .exclude(type__in=NOT_ASKED)
        .order_by("name")
    )


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def _check_period(
    period_start: date | None, period_end: date | None, report: ReportScope | None = None
) -> None:
    if period_start is None or period_end is None:
        raise ValidationError({"period_start": "Enter the first and last day of the period."})
    if period_end <= period_start:
        raise ValidationError({"period_end": "The end of the period must be after its start."})
    if report is not None and (period_start < report.start or period_end > report.end):
        # A report shows the contributions collected for a period within its own
        # (reporting_contributions.py): answers for any other period would never reach it.
        raise ValidationError(
            {
                "period_start": f"The contributions' period, {_day(period_start)} to "
                f"{_day(period_end)}, is outside the period of the report they are for, "
                f"“{report.title}”: {_day(report.start)} to {_day(report.end)}. The report "
                "shows only contributions for its own period, so choose dates from "
                f"{_day(report.start)} to {_day(report.end)}."
            }
        )


@transaction.atomic
def contribution_campaign_start(
    *,
    actor,
    partnership: Partnership,
    title: str,
    period_start: date | None,
    period_end: date | None,
    opens_on: date | None,
    closes_on: date | None,
    agencies: list[Agency],
    description: str = "",
    joint_partnerships: list[Partnership] | None = None,
    report: ReportScope | None = None,
) -> Campaign:
    """Create and launch a contribution campaign for a report period: one return per chosen
    agency, each invited by email (the engine's invitation). For a joint report the other
    partnerships take part in the campaign and their agencies may be asked too.

    ``report``: the yearly report the contributions are for (``core.reporting.report_scope``),
    when they are started from it. Their period must then lie within the report's, or the
    report would never show them; it is refused with both periods named."""
    joint = [p for p in (joint_partnerships or []) if p.pk != partnership.pk]
    _check_period(period_start, period_end, report)
    version = contribution_version()
    if version is None:
        raise ValidationError(
            "The “Yearly report contribution” template is not loaded. Load the shipped "
            "templates (safeguarding load-audit-templates) first."
        )
    if not agencies:
        raise ValidationError({"agencies": "Choose at least one agency to ask."})
    allowed = {
        a.pk for a in contribution_agencies(partnership=partnership, joint_partnerships=joint)
    }
    strangers = sorted(a.name for a in agencies if a.pk not in allowed)
    if strangers:
        whose = "the report's partnerships'" if joint else "the partnership's"
        raise ValidationError(
            {
                "agencies": f"Only {whose} statutory partners and relevant agencies "
                f"can be asked, not {', '.join(strangers)}."
            }
        )
    clash = ContributionCampaign.objects.filter(
        campaign__partnership=partnership,
        period_start=period_start,
        period_end=period_end,
    ).first()
    if clash is not None:
        raise ValidationError(
            {
                "period_start": f"“{clash.campaign.title}” already collects contributions for "
                "this period. Invite more agencies to it instead."
            }
        )
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError({"closes_on": "The closing date cannot be in the past."})
    campaign = campaign_create(
        actor=actor,
        partnership=partnership,
        title=title,
        version=version,
        opens_on=opens_on,
        closes_on=closes_on,
        audience=Audience(preset="agencies"),
        description=(description or "").strip(),
        joint_partnerships=joint,
    )
    ContributionCampaign.objects.create(
        campaign=campaign, period_start=period_start, period_end=period_end
    )
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    workflow.CAMPAIGNS.apply(campaign, "launch")
    campaign.launched_at = timezone.now()
    campaign.audience_summary = "Chosen statutory partners and relevant agencies"
    campaign.save(update_fields=["status", "launched_at", "audience_summary", "updated_at"])
    chosen = sorted(agencies, key=lambda a: a.name)
    _invite(campaign, chosen)
    audit_record(
        actor=actor,
        event="assurance.contribution_campaign.start",
        target=campaign,
        after={
            "period_start": period_start,
            "period_end": period_end,
            "agencies": [a.name for a in chosen],
            "joint_partnerships": [p.slug for p in joint],
            "report": report.title if report is not None else None,
        },
    )
    return campaign


def contributions_freeze(stored: list[dict[str, Any]], freezing: Freezing) -> None:
    """The ``on_freeze`` hook of the contributions figure source: a report was signed off
    with these contributions, so lock their campaigns (closing any still open). Runs inside
    the sign-off's transaction."""
    ids = sorted(
        {pk for contribution in stored for pk in contribution["facts"].get("campaign_ids", [])}
    )
    reason = (
        f"The yearly report “{freezing.report_title}” was signed off on "
        f"{freezing.frozen_at:%-d %B %Y} with these contributions, so they can no longer "
        "change. Start a new draft report to publish different answers."
    )
    for lock in (
        ContributionCampaign.objects.select_for_update()
        .filter(campaign_id__in=ids, locked_at__isnull=True)
        .select_related("campaign")
    ):
        lock.locked_at = freezing.frozen_at
        lock.locked_reason = reason
        lock.save(update_fields=["locked_at", "locked_reason", "updated_at"])
        campaign = lock.campaign
        if campaign.status == CampaignStatus.OPEN:
            workflow.CAMPAIGNS.apply(campaign, "close")
            campaign.closed_at = freezing.frozen_at
            campaign.save(update_fields=["status", "closed_at", "updated_at"])
        on_campaign = set(campaign.returns.values_list("pk", flat=True))
        returns = [
            pk
            for contribution in stored
            for pk in contribution["facts"].get("return_ids", [])
            if pk in on_campaign
        ]
        audit_record(
            actor=freezing.actor,
            job=freezing.job,
            event="assurance.contribution_campaign.lock",
            target=campaign,
            after={"report": freezing.report_title, "returns": returns},
        )
