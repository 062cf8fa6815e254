"""API v1: /resources/, /procedures/, /campaigns/, /you-said-we-did/, scoped as the pages."""

from __future__ import annotations

import datetime

import pytest

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.roles import Role
from safeguarding.library.models import CampaignReach, ResourceStatus, ResourceUsage
from safeguarding.library.tests.factories import (
    CampaignFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    ResourceFactory,
    YouSaidWeDidFactory,
)
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def _results(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def test_resources_give_title_kind_themes_views_and_downloads(client, partnership):
    resource = ResourceFactory(partnership=partnership, title="Neglect toolkit")
    resource.themes.set([Theme.objects.create(name="Neglect api", slug="neglect-api")])
    ResourceUsage.objects.create(resource=resource, day=datetime.date(2024, 5, 1), views=40)
    ResourceUsage.objects.create(
        resource=resource, day=datetime.date(2024, 5, 2), views=2, downloads=7
    )
    ResourceFactory(partnership=partnership, title="Hidden", status=ResourceStatus.DRAFT)
    (row,) = _results(client, "/api/v1/resources/")
    assert (row["title"], row["kind"], row["themes"]) == (
        "Neglect toolkit",
        "guidance",
        ["Neglect api"],
    )
    assert (row["views"], row["downloads"]) == (42, 7)


def test_a_business_unit_token_reads_its_own_drafts_only(client, make_user, partnership):
    ResourceFactory(partnership=partnership, title="Own draft", status=ResourceStatus.DRAFT)
    ResourceFactory(
        partnership=PartnershipFactory(slug="elsewhere-api"),
        title="Their draft",
        status=ResourceStatus.DRAFT,
    )
    user = make_user(Role.BUSINESS_UNIT)
    _, raw = api_token_create(actor=user, user=user, name="test")
    titles = {
        r["title"]
        for r in _results(client, "/api/v1/resources/", HTTP_AUTHORIZATION=f"Token {raw}")
    }
    assert titles == {"Own draft"}


def test_procedures_give_title_version_status_and_review_date(client, partnership):
    procedure = ProcedureFactory(
        title="Bruising protocol",
        partnerships=[partnership],
        status="under_review",
        review_due_on=datetime.date(2026, 3, 31),
    )
    ProcedureVersionFactory(
        procedure=procedure, version="1.0", effective_on=datetime.date(2022, 1, 1)
    )
    ProcedureVersionFactory(
        procedure=procedure, version="2.0", effective_on=datetime.date(2024, 1, 1)
    )
    ProcedureFactory(title="Draft", partnerships=[partnership], status="draft")
    (row,) = _results(client, "/api/v1/procedures/")
    assert (row["title"], row["version"], row["status"], row["review_due_on"]) == (
        "Bruising protocol",
        "2.0",
        "under_review",
        "2026-03-31",
    )


def test_campaigns_and_you_said_we_did(client, partnership):
    campaign = CampaignFactory(partnership=partnership, name="Safer sleep")
    CampaignReach.objects.create(
        campaign=campaign, channel="social_media", measure="people_reached", figure=450_000
    )
    YouSaidWeDidFactory(partnership=partnership, campaign=campaign)
    YouSaidWeDidFactory(partnership=partnership, you_said="Not yet public", is_published=False)
    (row,) = _results(client, "/api/v1/campaigns/")
    assert (row["name"], row["people_reached"]) == ("Safer sleep", 450_000)
    (entry,) = _results(client, "/api/v1/you-said-we-did/")
    assert entry["campaign"] == "Safer sleep"


def test_list_queries_do_not_grow_with_rows(client, partnership, count_queries):
    urls = [
        "/api/v1/resources/",
        "/api/v1/procedures/",
        "/api/v1/campaigns/",
        "/api/v1/you-said-we-did/",
    ]

    def add(n):
        for _ in range(n):
            ResourceFactory(partnership=partnership)
            ProcedureVersionFactory(procedure=ProcedureFactory(partnerships=[partnership]))
            campaign = CampaignFactory(partnership=partnership)
            CampaignReach.objects.create(
                campaign=campaign, channel="website", measure="posts", figure=3
            )
            YouSaidWeDidFactory(partnership=partnership, campaign=campaign)

    add(2)
    for url in urls:
        client.get(url)
    few = [count_queries(lambda u=u: client.get(u)) for u in urls]
    add(10)
    assert [count_queries(lambda u=u: client.get(u)) for u in urls] == few
