"""The library in the yearly report (resource use matching the usage page for the period,
campaign reach, procedures updated, youth voice and "You said, we did" — which also passes
the report's feedback check) and on theme pages (resources, campaigns, procedures)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from safeguarding.core import reporting
from safeguarding.core.roles import Role
from safeguarding.library.models import ResourceUsage
from safeguarding.library.reporting import (
    campaign_figures,
    procedure_figures,
    resource_figures,
    voice_figures,
)
from safeguarding.library.services.campaigns import campaign_reach_record
from safeguarding.library.services.voice import activity_record
from safeguarding.library.tests.factories import (
    CampaignFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    ResourceFactory,
    YouSaidWeDidFactory,
)
from safeguarding.planning.models import Theme
from safeguarding.reports import services as report_services

pytestmark = pytest.mark.django_db

START, END = date(2022, 4, 1), date(2023, 3, 31)


def _shown(contribution) -> dict:
    return {figure.label: figure.display for figure in contribution.figures}


@pytest.fixture
def used(partnership):
    neglect = Theme.objects.get(slug="neglect")
    toolkit = ResourceFactory(partnership=partnership, title="Neglect toolkit")
    toolkit.themes.set([neglect])
    podcast = ResourceFactory(partnership=partnership, title="Podcast", kind="podcast")
    for resource, day, views, downloads, plays in [
        (toolkit, date(2022, 3, 31), 500, 0, 0),  # before the period
        (toolkit, date(2022, 4, 1), 700, 20, 0),
        (toolkit, date(2023, 3, 31), 440, 10, 0),
        (podcast, date(2022, 9, 1), 0, 590, 35),
        (podcast, date(2023, 4, 1), 900, 0, 0),  # after
    ]:
        ResourceUsage.objects.create(
            resource=resource, day=day, views=views, downloads=downloads, plays=plays
        )
    return toolkit, podcast


def test_resource_use_for_the_period_with_the_most_used_and_by_theme(partnership, used):
    contribution = resource_figures([partnership.pk], START, END)

    assert _shown(contribution) == {
        "Resource views": "1,140",
        "Downloads": "620",
        "Plays (podcasts and videos)": "35",
    }
    most_used, by_theme, by_audience = contribution.tables
    assert most_used.rows == [["Neglect toolkit", 1140, 30, 0, 1170], ["Podcast", 0, 590, 35, 625]]
    assert ["Neglect", 1140, 30, 0] in by_theme.rows
    assert by_audience.headers[0] == "Audience"


def test_campaigns_running_in_the_period_with_reach_per_channel_and_in_total(partnership):
    safer_sleep = CampaignFactory(
        partnership=partnership,
        name="Safer sleep",
        starts_on=date(2023, 3, 20),
        ends_on=date(2023, 4, 10),  # runs over the end of the period
    )
    for channel, measure, figure in [
        ("social_media", "people_reached", 410_000),
        ("leaflets", "people_reached", 40_000),
        ("social_media", "posts", 42),  # not people
    ]:
        campaign_reach_record(
            job="test", campaign=safer_sleep, channel=channel, measure=measure, figure=figure
        )
    CampaignFactory(
        partnership=partnership,
        name="Long ago",
        starts_on=date(2021, 1, 1),
        ends_on=date(2021, 2, 1),
    )

    contribution = campaign_figures([partnership.pk], START, END)

    assert _shown(contribution) == {"Campaigns": "1", "People reached by campaigns": "450,000"}
    campaigns, channels = contribution.tables
    assert campaigns.rows == [["Safer sleep", "20 March 2023 to 10 April 2023", 450_000]]
    assert channels.rows == [["Social media", 410_000], ["Leaflets and posters", 40_000]]


def test_procedures_reviewed_or_updated_in_the_period(partnership):
    bruising = ProcedureFactory(title="Bruising protocol", partnerships=[partnership])
    ProcedureVersionFactory(procedure=bruising, version="1.0", effective_on=date(2019, 6, 1))
    ProcedureVersionFactory(
        procedure=bruising,
        version="2.0",
        effective_on=date(2023, 1, 9),
        change_summary="Adds babies with disabilities.",
    )
    ProcedureVersionFactory(
        procedure=ProcedureFactory(title="Someone else's"), effective_on=date(2022, 6, 1)
    )

    contribution = procedure_figures([partnership.pk], START, END)

    assert _shown(contribution)["Policies, procedures and protocols reviewed or updated"] == "1"
    assert contribution.tables[0].rows == [
        ["Bruising protocol", "2.0", "9 January 2023", "Adds babies with disabilities."]
    ]


def test_youth_voice_by_age_band_and_you_said_we_did_in_the_period(partnership):
    activity_record(
        job="test",
        partnership=partnership,
        title="Youth Voices: online safety",
        kind="youth_voices",
        held_on=date(2022, 9, 21),
        participation={("11_15", "secondary"): 40, ("16_17", "college"): 12},
    )
    activity_record(
        job="test",
        partnership=partnership,
        title="Earlier session",
        kind="survey",
        held_on=date(2021, 9, 1),
        participation={("11_15", "secondary"): 400},
    )
    YouSaidWeDidFactory(partnership=partnership, said_on=date(2022, 9, 21), status="done")
    YouSaidWeDidFactory(partnership=partnership, said_on=date(2022, 10, 1), is_published=False)

    contribution = voice_figures([partnership.pk], START, END)

    shown = _shown(contribution)
    assert shown["Youth-voice activities"] == "1"
    assert shown["Children and young people who took part"] == "52"
    assert shown["\u201cYou said, we did\u201d entries"] == "1"
    assert shown["Of which done"] == "1"
    by_band = contribution.tables[0]
    assert by_band.rows == [["11 to 15", 40], ["16 to 17", 12]]
    assert contribution.tables[-1].rows[0][2] == "Done"


def test_the_library_registers_in_the_communications_and_voice_sections():
    assert {"library.resources", "library.campaigns", "library.procedures"} <= {
        s.key for s in reporting.sources("communications")
    }
    assert "library.voice" in [s.key for s in reporting.sources("voice")]


def test_the_yearly_report_shows_the_usage_pages_figures_and_passes_the_feedback_check(
    client, partnership, used, make_user
):
    bu = make_user(Role.BUSINESS_UNIT)
    report = report_services.report_create(
        actor=bu, partnership=partnership, title="2022–23", period_start=START, period_end=END
    )
    client.force_login(bu)
    detail = client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    preview = client.get(reverse("reports:report-preview", args=[report.pk])).content.decode()
    usage = client.get(
        reverse("library:usage"), {"start": START.isoformat(), "end": END.isoformat()}
    ).content.decode()

    assert re.search(r'id="total-views">1,140<', usage)
    assert "Resource views" in preview and "1,140" in preview
    assert "Neglect toolkit" in preview
    assert re.search(r'id="check-voice_used-status"><strong[^>]*>Gap', detail)

    # With a "You said, we did" entry in the period the feedback check passes.
    YouSaidWeDidFactory(partnership=partnership, said_on=date(2022, 9, 21))
    report_services.report_refresh(actor=bu, report=report)
    detail = client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    assert 'id="check-voice_used-status">Passed<' in detail


def test_theme_page_lists_resources_campaigns_and_procedures_of_the_theme(client, partnership):
    neglect = Theme.objects.get(slug="neglect")
    ResourceFactory(partnership=partnership, title="Neglect toolkit").themes.set([neglect])
    CampaignFactory(partnership=partnership, name="Neglect awareness week").themes.set([neglect])
    procedure = ProcedureFactory(title="Neglect protocol", partnerships=[partnership])
    procedure.themes.set([neglect])
    ProcedureVersionFactory(procedure=procedure, effective_on=date(2023, 1, 9))
    ProcedureFactory(title="Untagged protocol", partnerships=[partnership])

    page = client.get(reverse("search:theme", args=["neglect"])).content.decode()

    for title in ["Neglect toolkit", "Neglect awareness week", "Neglect protocol"]:
        assert title in page
    for section in ["Resources", "Campaigns", "Policies and procedures"]:
        assert section in page
    assert "Untagged protocol" not in page
