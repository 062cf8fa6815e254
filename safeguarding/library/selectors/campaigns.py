"""Campaigns and the voice of children: public reads."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, Sum

from safeguarding.library.models import (
    ActivityParticipation,
    Campaign,
    CampaignReach,
    ReachMeasure,
    Resource,
    YouSaidWeDid,
    YouthVoiceActivity,
)


def campaign_list(*, user, partnership=None) -> QuerySet[Campaign]:
    found = Campaign.objects.visible_to(user)
    if partnership is not None:
        found = found.filter(partnership=partnership)
    return (
        found.select_related("priority")
        .prefetch_related("themes", "reach")
        .order_by("starts_on", "name")
    )


def campaign_get(*, user, pk: int) -> Campaign | None:
    return (
        Campaign.objects.visible_to(user)
        .select_related("priority", "partnership")
        .prefetch_related(
            "themes",
            "partner_agencies",
            Prefetch("materials", queryset=Resource.objects.visible_to(user)),
            Prefetch("reach", queryset=CampaignReach.objects.order_by("channel", "measure")),
        )
        .filter(pk=pk)
        .first()
    )


def people_reached(campaign: Campaign) -> int:
    """People reached across channels (from the prefetched reach figures)."""
    return sum(r.figure for r in campaign.reach.all() if r.measure == ReachMeasure.PEOPLE_REACHED)


def campaigns_for_priority(*, user, priority) -> QuerySet[Campaign]:
    return Campaign.objects.visible_to(user).filter(priority=priority).order_by("-starts_on")


def you_said_we_did_list(*, user, partnership=None) -> QuerySet[YouSaidWeDid]:
    found = YouSaidWeDid.objects.visible_to(user)
    if partnership is not None:
        found = found.filter(partnership=partnership)
    return found.select_related("campaign", "activity").order_by("-said_on", "pk")


def you_said_we_did_get(*, user, pk: int) -> YouSaidWeDid | None:
    return (
        YouSaidWeDid.objects.visible_to(user)
        .select_related("partnership", "campaign", "activity")
        .filter(pk=pk)
        .first()
    )


def activity_get(*, pk: int) -> YouthVoiceActivity | None:
    """One activity (aggregated counts only); who may change it is the permission's call."""
    return (
        YouthVoiceActivity.objects.select_related("partnership")
        .prefetch_related("participation")
        .filter(pk=pk)
        .first()
    )


def activity_list(*, partnership=None) -> QuerySet[YouthVoiceActivity]:
    """Youth-voice activities are aggregated counts only, so they are public."""
    found = YouthVoiceActivity.objects.all()
    if partnership is not None:
        found = found.filter(partnership=partnership)
    return found.prefetch_related(
        Prefetch("participation", queryset=ActivityParticipation.objects.order_by("age_band"))
    ).annotate(took_part=Sum("participation__count"))
