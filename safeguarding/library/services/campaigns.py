"""Campaigns: adding one and recording its reach per channel."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update
from safeguarding.library.audit_events import (
    CAMPAIGN_CREATE,
    CAMPAIGN_REACH_RECORD,
    CAMPAIGN_UPDATE,
)
from safeguarding.library.models import Campaign, CampaignReach, Channel


def campaign_create(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    name: str,
    starts_on: date,
    ends_on: date,
    aims: str = "",
    themes=(),
    priority=None,
    partner_agencies=(),
    materials=(),
    channels=(),
) -> Campaign:
    if ends_on < starts_on:
        raise ValidationError("The end date must be on or after the start date.")
    unknown = [c for c in channels if c not in Channel.values]
    if unknown:
        raise ValidationError(f"“{unknown[0]}” is not a channel we know.")
    with transaction.atomic():
        campaign = Campaign(
            partnership=partnership,
            name=name.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            aims=aims,
            priority=priority,
            channels=list(channels),
        )
        campaign.full_clean()
        campaign.save()
        campaign.themes.set(themes)
        campaign.partner_agencies.set(partner_agencies)
        campaign.materials.set(materials)
        audit_record(
            actor=actor,
            job=job,
            event=CAMPAIGN_CREATE,
            target=campaign,
            after=snapshot(campaign, ["name", "starts_on", "ends_on", "channels"]),
        )
        return campaign


CAMPAIGN_FIELDS = [
    "name",
    "starts_on",
    "ends_on",
    "aims",
    "themes",
    "priority",
    "partner_agencies",
    "materials",
    "channels",
]


def campaign_update(*, actor=None, job: str | None = None, campaign: Campaign, data: dict):
    """Change a campaign's details; its reach figures are recorded one by one."""
    starts_on = data.get("starts_on", campaign.starts_on)
    ends_on = data.get("ends_on", campaign.ends_on)
    if ends_on < starts_on:
        raise ValidationError("The end date must be on or after the start date.")
    unknown = [c for c in data.get("channels", []) if c not in Channel.values]
    if unknown:
        raise ValidationError(f"“{unknown[0]}” is not a channel we know.")
    with transaction.atomic():
        if "channels" in data:
            data = {**data, "channels": list(data["channels"])}
        campaign, _ = model_update(
            campaign,
            fields=CAMPAIGN_FIELDS,
            data=data,
            actor=actor,
            job=job,
            event=CAMPAIGN_UPDATE,
            strip=True,
        )
        return campaign


def campaign_reach_record(
    *,
    actor=None,
    job: str | None = None,
    campaign: Campaign,
    channel: str,
    measure: str,
    figure: int,
) -> CampaignReach:
    """Set the reach figure for one channel and measure (entering it again replaces it)."""
    if figure < 0:
        raise ValidationError("A reach figure cannot be negative.")
    with transaction.atomic():
        reach, _ = CampaignReach.objects.get_or_create(
            campaign=campaign, channel=channel, measure=measure, defaults={"figure": figure}
        )
        before = {"figure": reach.figure}
        if reach.figure != figure:
            reach.figure = figure
        reach.full_clean()
        reach.save()
        audit_record(
            actor=actor,
            job=job,
            event=CAMPAIGN_REACH_RECORD,
            target=campaign,
            before=before,
            after={"channel": channel, "measure": measure, "figure": figure},
        )
        return reach
