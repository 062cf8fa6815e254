"""The business unit adds and changes single library records through the pages: a resource,
a procedure with its first version, a campaign with its reach, a youth-voice activity and a
"You said, we did" entry — each with clear errors, an audit event, and refused to others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.library.models import (
    ActivityParticipation,
    Campaign,
    CampaignReach,
    Procedure,
    Resource,
    YouSaidWeDid,
    YouthVoiceActivity,
)
from safeguarding.library.tests.factories import (
    CampaignFactory,
    ResourceFactory,
    YouSaidWeDidFactory,
)
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def bu(client, make_user):
    user = make_user(Role.BUSINESS_UNIT)
    client.force_login(user)
    return client


def _events(code: str) -> int:
    return AuditEvent.objects.filter(event=code).count()


def test_adding_a_resource_with_themes_and_a_link(bu, partnership):
    neglect = Theme.objects.get(slug="neglect")
    response = bu.post(
        reverse("library:resource-new"),
        {
            "title": "Neglect toolkit",
            "kind": "practice_tool",
            "audiences": ["practitioners"],
            "themes": [neglect.pk],
            "link": "https://resources.example/neglect",
            "status": "published",
            "published_on": "2024-04-01",
        },
    )
    assert response.status_code == 302
    resource = Resource.objects.get(title="Neglect toolkit")
    assert resource.partnership == partnership
    assert list(resource.themes.all()) == [neglect]
    assert _events("library.resource.create") == 1


def test_a_resource_without_a_link_or_file_shows_the_errors_and_writes_nothing(bu):
    response = bu.post(reverse("library:resource-new"), {"title": "", "status": "published"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the resource&#x27;s title" in page
    assert "Choose at least one audience" in page
    assert "Give a link to the resource or upload its file" in page
    assert not Resource.objects.exists()


def test_changing_a_resource_is_audited_with_before_and_after(bu, partnership):
    resource = ResourceFactory(partnership=partnership, title="Old title")
    response = bu.post(
        reverse("library:resource-edit", args=[resource.pk]),
        {
            "title": "New title",
            "kind": "guidance",
            "audiences": ["parents"],
            "link": "https://resources.example/new",
            "status": "under_review",
        },
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert (resource.title, resource.status, resource.audiences) == (
        "New title",
        "under_review",
        ["parents"],
    )
    event = AuditEvent.objects.get(event="library.resource.update")
    assert event.before["title"] == "Old title" and event.after["title"] == "New title"


def test_another_partnerships_business_unit_cannot_change_a_resource(client, partnership):
    resource = ResourceFactory(partnership=partnership)
    client.force_login(user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    response = client.post(
        reverse("library:resource-edit", args=[resource.pk]), {"title": "Taken over"}
    )
    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.title != "Taken over"


def test_adding_a_procedure_with_its_first_version(bu, partnership):
    other = PartnershipFactory()
    response = bu.post(
        reverse("library:procedure-new"),
        {
            "title": "SET bruising protocol",
            "kind": "protocol",
            "partnerships": [partnership.pk],
            "themes": [Theme.objects.get(slug="bruising_non_mobile").pk],
            "version": "1.0",
            "effective_on": "2024-01-09",
            "change_summary": "First SET-wide protocol.",
        },
    )
    assert response.status_code == 302
    procedure = Procedure.objects.get(title="SET bruising protocol")
    assert [v.version for v in procedure.versions.all()] == ["1.0"]
    assert _events("library.procedure.create") == 1
    assert _events("library.procedure.version") == 1

    # Only partnerships where the person is in the business unit can be chosen.
    response = bu.post(
        reverse("library:procedure-new"),
        {
            "title": "Someone else's",
            "kind": "policy",
            "partnerships": [other.pk],
            "version": "1.0",
            "effective_on": "2024-01-09",
            "change_summary": "First.",
        },
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Procedure.objects.filter(title="Someone else's").exists()


def test_a_duplicate_procedure_title_is_refused_with_nothing_half_written(bu, partnership):
    data = {
        "title": "Escalation policy",
        "kind": "policy",
        "partnerships": [partnership.pk],
        "version": "1.0",
        "effective_on": "2024-01-09",
        "change_summary": "First.",
    }
    bu.post(reverse("library:procedure-new"), data)
    response = bu.post(reverse("library:procedure-new"), data)
    assert "There is already a procedure called" in response.content.decode()
    assert Procedure.objects.filter(title="Escalation policy").count() == 1


def test_adding_a_campaign_then_recording_its_reach(bu, partnership):
    response = bu.post(
        reverse("library:campaign-new"),
        {
            "name": "Safer sleep",
            "starts_on": "2024-11-07",
            "ends_on": "2024-11-27",
            "channels": ["social_media", "leaflets"],
        },
    )
    campaign = Campaign.objects.get(name="Safer sleep")
    assert response["Location"] == reverse("library:campaign-reach", args=[campaign.pk])
    for channel, figure in [("social_media", "410000"), ("leaflets", "40000")]:
        bu.post(
            reverse("library:campaign-reach", args=[campaign.pk]),
            {"channel": channel, "measure": "people_reached", "figure": figure},
        )
    page = bu.get(reverse("library:campaign-reach", args=[campaign.pk])).content.decode()
    assert "450,000" in page
    assert CampaignReach.objects.filter(campaign=campaign).count() == 2
    assert _events("library.campaign.reach") == 2

    response = bu.post(
        reverse("library:campaign-reach", args=[campaign.pk]),
        {"channel": "leaflets", "measure": "people_reached", "figure": "-5"},
    )
    assert "The figure cannot be negative" in response.content.decode()


def test_a_campaign_that_ends_before_it_starts_is_refused(bu, partnership):
    response = bu.post(
        reverse("library:campaign-new"),
        {"name": "Backwards", "starts_on": "2024-11-27", "ends_on": "2024-11-07"},
    )
    assert "The end date must be on or after the start date" in response.content.decode()
    assert not Campaign.objects.exists()


def test_changing_a_campaign(bu, partnership):
    campaign = CampaignFactory(partnership=partnership, name="Old name")
    response = bu.post(
        reverse("library:campaign-edit", args=[campaign.pk]),
        {"name": "Online safety week", "starts_on": "2024-09-01", "ends_on": "2024-09-07"},
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "Online safety week"
    assert _events("library.campaign.update") == 1


def test_recording_a_youth_voice_activity_counts_only(bu, partnership):
    response = bu.post(
        reverse("library:activity-new"),
        {
            "title": "Youth Voices: online safety",
            "kind": "youth_voices",
            "held_on": "2024-09-21",
            "setting": "secondary",
            "count_11_15": "40",
            "count_16_17": "12",
        },
    )
    assert response.status_code == 302
    activity = YouthVoiceActivity.objects.get()
    assert sorted(
        ActivityParticipation.objects.filter(activity=activity).values_list("age_band", "count")
    ) == [("11_15", 40), ("16_17", 12)]

    response = bu.post(
        reverse("library:activity-new"),
        {"title": "Nobody came", "kind": "survey", "held_on": "2024-09-22", "setting": "online"},
    )
    assert "in at least one age band" in response.content.decode()
    assert YouthVoiceActivity.objects.count() == 1


def test_adding_and_changing_a_you_said_we_did_entry(bu, partnership, client):
    response = bu.post(
        reverse("library:you-said-we-did-new"),
        {
            "you_said": "We don't know who to talk to.",
            "we_did": "Every school shows the same poster.",
            "status": "in_progress",
            "said_on": "2024-05-01",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    entry = YouSaidWeDid.objects.get()
    response = bu.post(
        reverse("library:you-said-we-did-edit", args=[entry.pk]),
        {
            "you_said": entry.you_said,
            "we_did": entry.we_did,
            "status": "done",
            "said_on": "2024-05-01",
            "is_published": "on",
        },
    )
    entry.refresh_from_db()
    assert entry.status == "done"
    assert _events("library.yousaidwedid.update") == 1

    response = bu.post(
        reverse("library:you-said-we-did-edit", args=[entry.pk]),
        {"you_said": "", "we_did": "", "status": "done", "said_on": "2024-05-01"},
    )
    page = response.content.decode()
    assert "Enter what children and young people said" in page
    assert "Enter what the partnership did" in page


def test_practitioners_and_the_public_cannot_use_the_forms(client, partnership, make_user):
    entry = YouSaidWeDidFactory(partnership=partnership)
    urls = [
        reverse("library:resource-new"),
        reverse("library:procedure-new"),
        reverse("library:campaign-new"),
        reverse("library:activity-new"),
        reverse("library:you-said-we-did-new"),
        reverse("library:you-said-we-did-edit", args=[entry.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(make_user(Role.PRACTITIONER))
    for url in urls:
        assert client.get(url).status_code == 403
