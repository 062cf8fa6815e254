"""Campaigns (calendar, reach, priority pages) and the voice of children (aggregated
activities and the public "You said, we did" board)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.governance.tests.factories import PriorityFactory
from safeguarding.library.models import ActivityParticipation, YouthVoiceActivity
from safeguarding.library.services.campaigns import campaign_create, campaign_reach_record
from safeguarding.library.services.voice import activity_record, you_said_we_did_add
from safeguarding.library.tests.factories import CampaignFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_calendar_groups_campaigns_by_month_with_people_reached(client, partnership):
    leaflet = ResourceFactory(partnership=partnership, title="Safer sleep leaflet")
    campaign = campaign_create(
        job="test",
        partnership=partnership,
        name="Safer sleep week",
        starts_on=datetime.date(2024, 3, 4),
        ends_on=datetime.date(2024, 3, 10),
        aims="Every new parent hears the safer sleep message.",
        materials=[leaflet],
        channels=["social_media", "leaflets"],
    )
    campaign_reach_record(
        job="test",
        campaign=campaign,
        channel="social_media",
        measure="people_reached",
        figure=400_000,
    )
    campaign_reach_record(
        job="test", campaign=campaign, channel="leaflets", measure="people_reached", figure=50_000
    )
    CampaignFactory(partnership=partnership, name="Online safety half term")
    page = client.get(reverse("library:campaign-calendar")).content.decode()
    assert "March 2024" in page and "September 2024" in page
    assert "450,000" in page
    detail = client.get(reverse("library:campaign", args=[campaign.pk])).content.decode()
    assert "Safer sleep leaflet" in detail and "Social media" in detail


def test_reach_entered_again_replaces_the_figure(partnership):
    campaign = CampaignFactory(partnership=partnership)
    campaign_reach_record(job="t", campaign=campaign, channel="events", measure="posts", figure=3)
    campaign_reach_record(job="t", campaign=campaign, channel="events", measure="posts", figure=5)
    assert [r.figure for r in campaign.reach.all()] == [5]


def test_campaign_dates_and_channels_are_checked(partnership):
    with pytest.raises(ValidationError, match="end date"):
        campaign_create(
            job="t",
            partnership=partnership,
            name="Backwards",
            starts_on=datetime.date(2024, 3, 4),
            ends_on=datetime.date(2024, 3, 1),
        )
    with pytest.raises(ValidationError, match="not a channel"):
        campaign_create(
            job="t",
            partnership=partnership,
            name="Pigeons",
            starts_on=datetime.date(2024, 3, 4),
            ends_on=datetime.date(2024, 3, 5),
            channels=["carrier_pigeon"],
        )


def test_campaigns_appear_on_their_priority_page(client, partnership):
    priority = PriorityFactory(plan__partnership=partnership, title="Keeping babies safe")
    CampaignFactory(partnership=partnership, name="Safer sleep", priority=priority)
    page = client.get(reverse("governance:priority-detail", args=[priority.pk])).content.decode()
    assert "Campaigns" in page and "Safer sleep" in page


def test_activity_stores_counts_only(partnership):
    activity = activity_record(
        job="test",
        partnership=partnership,
        title="Youth Voices: online safety",
        kind="youth_voices",
        held_on=datetime.date(2024, 2, 1),
        participation={("11_15", "secondary"): 24, ("16_17", "college"): 9},
    )
    assert sum(p.count for p in activity.participation.all()) == 33
    fields = {f.name for f in ActivityParticipation._meta.concrete_fields}
    assert fields == {"id", "activity", "age_band", "setting", "count"}
    with pytest.raises(ValidationError, match="not an age band"):
        activity_record(
            job="test",
            partnership=partnership,
            title="Bad",
            kind="survey",
            held_on=datetime.date(2024, 2, 1),
            participation={("toddlers", "online"): 3},
        )
    assert YouthVoiceActivity.objects.count() == 1


def test_you_said_we_did_board_is_public_and_hides_unpublished(client, partnership):
    campaign = CampaignFactory(partnership=partnership, name="Online safety campaign")
    you_said_we_did_add(
        job="test",
        partnership=partnership,
        you_said="Adults do not understand the apps we use.",
        we_did="Ran an online safety campaign for parents with young people's own tips.",
        status="done",
        said_on=datetime.date(2024, 2, 1),
        campaign=campaign,
    )
    you_said_we_did_add(
        job="test",
        partnership=partnership,
        you_said="Unpublished entry",
        we_did="Not yet",
        status="planned",
        said_on=datetime.date(2024, 2, 1),
        is_published=False,
    )
    activity_record(
        job="test",
        partnership=partnership,
        title="Youth Voices session",
        kind="youth_voices",
        held_on=datetime.date(2024, 2, 1),
        participation={("11_15", "youth_group"): 12},
    )
    page = client.get(reverse("library:you-said-we-did")).content.decode()
    assert "Adults do not understand the apps we use." in page
    assert "Online safety campaign" in page
    assert "Unpublished entry" not in page
    assert "Youth Voices session" in page and "12 aged 11 to 15" in page
