"""What the library offers a bulletin edition: resources published since the last edition,
and campaigns running now or starting soon (public items only: an edition is public)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from safeguarding.core.bulletin_blocks import BlockItem
from safeguarding.library.models import Campaign, Resource


def resources_published_since(partnership, since: datetime.date) -> list[BlockItem]:
    resources = (
        Resource.objects.public()
        .filter(partnership=partnership, published_on__gte=since)
        .order_by("-published_on", "title")[:20]
    )
    return [
        BlockItem(
            title=resource.title,
            url=reverse("library:resource", args=[resource.pk]),
            summary=resource.summary[:300],
        )
        for resource in resources
    ]


def campaigns_running(partnership, since: datetime.date) -> list[BlockItem]:
    today = timezone.localdate()
    campaigns = Campaign.objects.filter(
        partnership=partnership,
        ends_on__gte=today,
        starts_on__lte=today + datetime.timedelta(days=60),
    ).order_by("starts_on", "name")[:10]
    return [
        BlockItem(
            title=campaign.name,
            url=reverse("library:campaign", args=[campaign.pk]),
            summary=f"{campaign.starts_on:%-d %B} to {campaign.ends_on:%-d %B %Y}. {campaign.aims}"[
                :300
            ].rstrip(". ")
            + ".",
        )
        for campaign in campaigns
    ]
