"""The campaign calendar, the resource usage report and "You said, we did" make the same number
of queries whatever the number of rows (issue 20)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.core.roles import Role
from safeguarding.library.models import CampaignReach, ResourceUsage
from safeguarding.library.tests.factories import (
    CampaignFactory,
    ResourceFactory,
    YouSaidWeDidFactory,
    YouthVoiceActivityFactory,
)
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def test_the_campaign_calendar_query_count_does_not_grow(client, partnership, flat_queries):
    themes = list(Theme.objects.all()[:2])
    url = reverse("library:campaign-calendar")

    def add(n, start):
        for index in range(start, start + n):
            campaign = CampaignFactory(
                partnership=partnership,
                name=f"Safer sleep campaign {index:02d}",
                starts_on=datetime.date(2020 + index // 12, 1 + index % 12, 1),
                ends_on=datetime.date(2020 + index // 12, 1 + index % 12, 20),
            )
            campaign.themes.set(themes)
            for channel in ("social_media", "leaflets"):
                CampaignReach.objects.create(
                    campaign=campaign, channel=channel, measure="people_reached", figure=1000
                )

    add(1, start=0)
    response = flat_queries(lambda: client.get(url), lambda: add(20, start=1))
    assert response.text.count("Safer sleep campaign ") == 21  # every campaign is listed
    assert response.text.count("2,000") == 21  # with the people it reached


def test_the_usage_report_query_count_does_not_grow(signed_in, partnership, flat_queries):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("library:usage")
    last_week = timezone.localdate() - datetime.timedelta(days=7)

    def add(n, start):
        for index in range(start, start + n):
            theme = Theme.objects.create(name=f"Usage theme {index:02d}", slug=f"usage-{index}")
            resource = ResourceFactory(partnership=partnership, title=f"Used guide {index:02d}")
            resource.themes.set([theme])
            for day in range(2):
                ResourceUsage.objects.create(
                    resource=resource,
                    day=last_week - datetime.timedelta(days=day),
                    views=10 + index,
                    downloads=1,
                )

    add(1, start=0)
    response = flat_queries(lambda: client.get(url), lambda: add(20, start=1))
    # The ten most used are listed, and every resource's theme has its row.
    assert response.text.count("Used guide ") == 10
    assert "Used guide 20" in response.text
    assert response.text.count("Usage theme ") == 21


def test_you_said_we_did_query_count_does_not_grow(client, partnership, flat_queries):
    url = reverse("library:you-said-we-did")

    def add(n, start):
        for index in range(start, start + n):
            activity = YouthVoiceActivityFactory(
                partnership=partnership,
                title=f"Youth Voices session {index:02d}",
                held_on=datetime.date(2024, 3, 1) + datetime.timedelta(days=index),
                counts={("11_15", "secondary"): 12, ("16_17", "college"): 5},
            )
            YouSaidWeDidFactory(
                partnership=partnership,
                you_said=f"You said number {index:02d}",
                activity=activity,
                campaign=CampaignFactory(partnership=partnership),
                said_on=datetime.date(2024, 5, 1) + datetime.timedelta(days=index),
            )

    add(1, start=0)
    response = flat_queries(lambda: client.get(url), lambda: add(20, start=1))
    assert response.text.count("You said number ") == 21  # every entry (one page of 25)
    assert response.text.count("12 aged 11 to 15") == 10  # the latest ten activities
