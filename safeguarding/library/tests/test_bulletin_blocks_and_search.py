"""The library's resources and campaigns reach a bulletin's blocks, and its resources,
procedures and campaigns are found by search — the public ones by everyone, drafts never."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from safeguarding.core import bulletin_blocks
from safeguarding.core.roles import Role
from safeguarding.library.tests.factories import (
    CampaignFactory,
    ProcedureFactory,
    ResourceFactory,
)
from safeguarding.search.selectors.search import search

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_a_bulletin_can_hold_resources_published_since_the_last_edition(partnership):
    since = TODAY - datetime.timedelta(days=30)
    ResourceFactory(partnership=partnership, title="Safer sleep leaflet", published_on=TODAY)
    ResourceFactory(
        partnership=partnership, title="Old guide", published_on=since - datetime.timedelta(days=1)
    )
    ResourceFactory(
        partnership=partnership, title="Draft guide", published_on=TODAY, status="draft"
    )

    items = bulletin_blocks.get("library.resources").items(partnership, since)

    assert [item.title for item in items] == ["Safer sleep leaflet"]
    assert items[0].url.startswith("/resources/")


def test_a_bulletin_can_hold_the_campaigns_running_now(partnership):
    CampaignFactory(
        partnership=partnership,
        name="Safer sleep week",
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=6),
    )
    CampaignFactory(
        partnership=partnership,
        name="Last year's campaign",
        starts_on=TODAY - datetime.timedelta(days=400),
        ends_on=TODAY - datetime.timedelta(days=390),
    )

    items = bulletin_blocks.get("library.campaigns").items(partnership, TODAY)

    assert [item.title for item in items] == ["Safer sleep week"]


def test_search_finds_the_librarys_public_items_and_never_its_drafts(partnership, make_user):
    ResourceFactory(partnership=partnership, title="Neglect toolkit for practitioners")
    ResourceFactory(partnership=partnership, title="Neglect toolkit draft", status="draft")
    procedure = ProcedureFactory(title="Neglect protocol")
    procedure.partnerships.add(partnership)
    CampaignFactory(partnership=partnership, name="Neglect awareness fortnight")

    public = {result.title for result in search(user=AnonymousUser(), text="neglect").results}
    staff = {
        result.title
        for result in search(user=make_user(Role.BUSINESS_UNIT), text="neglect").results
    }

    assert {
        "Neglect toolkit for practitioners",
        "Neglect protocol",
        "Neglect awareness fortnight",
    } <= public
    assert "Neglect toolkit draft" not in public
    assert "Neglect toolkit draft" in staff
