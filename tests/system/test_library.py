"""Journeys through the resource library, procedures, campaigns and "You said, we did", every
page checked with axe (WCAG 2.2 AA): the public finding and opening a resource (counted),
and the business unit importing a register and reading the usage report."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.library.models import CampaignReach, ResourceUsage
from safeguarding.library.tests.factories import (
    CampaignFactory,
    ProcedureFactory,
    ProcedureVersionFactory,
    ResourceFactory,
    YouSaidWeDidFactory,
)

REGISTER = Path(__file__).resolve().parents[2] / "safeguarding/library/tests/fixtures/register.csv"


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 0345 603 7627",
        brand_colour="#5b2d6e",
    )


@pytest.fixture
def library(essex):
    podcast = ResourceFactory(
        partnership=essex,
        title="Online safety podcast",
        kind="podcast",
        audiences=["parents"],
        link="https://podcasts.example/online-1",
    )
    ResourceFactory(partnership=essex, title="Neglect toolkit", kind="practice_tool")
    procedure = ProcedureFactory(
        title="SET housing protocol",
        partnerships=[essex],
        status="under_review",
        status_note="Under review with the district councils.",
    )
    ProcedureVersionFactory(procedure=procedure, version="1.2")
    campaign = CampaignFactory(partnership=essex, name="Safer sleep campaign")
    CampaignReach.objects.create(
        campaign=campaign, channel="social_media", measure="people_reached", figure=450_000
    )
    YouSaidWeDidFactory(partnership=essex, campaign=campaign)
    return {"podcast": podcast, "procedure": procedure, "campaign": campaign}


def test_the_public_find_resources_procedures_campaigns_and_the_board(browse, library):
    browse.goto("/resources/")
    page = browse.page
    page.get_by_label("Type", exact=True).select_option("podcast")
    page.get_by_role("button", name="Apply").click()
    browse.check()
    main = page.locator("main").inner_text()
    assert "Online safety podcast" in main and "Neglect toolkit" not in main
    page.get_by_role("link", name="Online safety podcast").click()
    browse.check()
    assert ResourceUsage.objects.get(resource=library["podcast"]).views == 1

    browse.goto("/procedures/")
    assert "Under review" in page.locator("main").inner_text()
    page.get_by_role("link", name="SET housing protocol").click()
    browse.check()
    assert "Under review with the district councils." in page.locator("main").inner_text()

    browse.goto("/campaigns/")
    assert "450,000" in page.locator("main").inner_text()
    page.get_by_role("link", name="Safer sleep campaign").click()
    browse.check()
    browse.goto("/you-said-we-did/")
    assert "Safer sleep campaign" in page.locator("main").inner_text()


def test_the_business_unit_imports_a_register_and_reads_usage(browse, essex, library):
    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    ResourceUsage.objects.create(
        resource=library["podcast"], day=datetime.date.today(), views=1140, plays=590
    )
    browse.sign_in(user)
    browse.goto("/resources/import/")
    page = browse.page
    page.get_by_role("button", name="Import").click()
    browse.check()
    assert "Choose the CSV or Excel file" in page.locator("main").inner_text()
    page.get_by_label("Document register").set_input_files(str(REGISTER))
    page.get_by_role("button", name="Import").click()
    browse.check()
    assert "Register imported: 3 created" in page.locator("main").inner_text()

    browse.goto("/resources/usage/")
    main = page.locator("main").inner_text()
    assert "1,140" in main and "Most used resources" in main

    browse.goto(f"/procedures/{library['procedure'].pk}/")
    page.get_by_role("link", name="Record a new version or change the status").click()
    browse.check()
    page.get_by_role("button", name="Record the version").click()
    browse.check()
    assert "Enter the version number" in page.locator("main").inner_text()
    page.get_by_label("Version", exact=True).fill("2.0")
    page.get_by_label("In force from").fill("2024-09-01")
    page.get_by_label("What changed").fill("Follows the new homelessness guidance.")
    page.get_by_role("button", name="Record the version").click()
    browse.check()
    assert "Follows the new homelessness guidance." in page.locator("main").inner_text()


def test_the_business_unit_adds_library_records_through_the_forms(browse, essex, library):
    """Every form page passes axe, with and without its errors shown."""
    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(user)
    page = browse.page

    browse.goto("/resources/")
    page.get_by_role("link", name="Add a resource").click()
    browse.check()
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Give a link to the resource or upload its file" in page.locator("main").inner_text()
    page.get_by_label("Title").fill("Safer sleep leaflet")
    page.get_by_label("Leaflet").check()
    page.get_by_label("Parents and carers").check()
    page.get_by_label("Link (optional when you upload a file)").fill("https://a.example/sleep")
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "“Safer sleep leaflet” added to the library." in page.locator("main").inner_text()
    browse.goto(f"/resources/{library['podcast'].pk}/edit/")

    browse.goto("/campaigns/")
    page.get_by_role("link", name="Add a campaign").click()
    browse.check()
    page.get_by_label("Name").fill("Online safety week")
    page.get_by_label("Starts on").fill("2024-09-01")
    page.get_by_label("Ends on").fill("2024-09-07")
    page.get_by_role("button", name="Save").click()
    browse.check()
    page.get_by_label("Figure").fill("38000")
    page.get_by_role("button", name="Record the figure").click()
    browse.check()
    assert "38,000" in page.locator("main").inner_text()
    browse.goto(f"/campaigns/{library['campaign'].pk}/edit/")

    browse.goto("/procedures/")
    page.get_by_role("link", name="Add a policy, procedure or protocol").click()
    browse.check()
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Enter the version number" in page.locator("main").inner_text()

    browse.goto("/you-said-we-did/")
    page.get_by_role("link", name="Record a youth-voice activity").click()
    browse.check()
    page.get_by_role("button", name="Save").click()
    browse.check()
    browse.goto("/you-said-we-did/")
    page.get_by_role("link", name="Add an entry").click()
    browse.check()
    page.get_by_label("You said", exact=True).fill("We want to know who to talk to.")
    page.get_by_label("We did", exact=True).fill("Every school shows the same poster.")
    page.get_by_label("Done").check()
    page.get_by_label("When they told us").fill("2024-05-01")
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Every school shows the same poster." in page.locator("main").inner_text()
    page.get_by_role("link", name="Change this entry").first.click()
    browse.check()


def test_the_business_unit_changes_a_procedure_and_an_activity(browse, essex, library):
    """The edit pages of a procedure's details and of a youth-voice activity pass axe, with
    and without their errors shown."""
    from safeguarding.library.tests.factories import YouthVoiceActivityFactory

    YouthVoiceActivityFactory(partnership=essex, title="Youth Voices – spring")
    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(user)
    page = browse.page

    browse.goto(f"/procedures/{library['procedure'].pk}/")
    page.get_by_role("link", name="Change its details").click()
    browse.check()
    page.get_by_label("Why it is under review or withdrawn").fill("")
    page.get_by_role("button", name="Save").click()
    browse.check()  # the error summary
    assert "Say why the procedure is under review" in page.locator("main").inner_text()
    page.get_by_label("Current", exact=True).check()
    page.get_by_label("Title").fill("SET housing and homelessness protocol")
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "SET housing and homelessness protocol" in page.locator("h1").inner_text()

    browse.goto("/you-said-we-did/")
    page.get_by_role("link", name="Change Youth Voices – spring").click()
    browse.check()
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Enter the activity's title" in page.locator("main").inner_text()
    page.get_by_label("Title").fill("Youth Voices – spring term")
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Youth Voices – spring term" in page.locator("main").inner_text()


def test_the_bulletin_open_rates_for_a_period(browse, essex):
    from safeguarding.comms.tests.factories import sent_bulletin

    sent_bulletin(essex, title="September bulletin")
    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(user)
    today = datetime.date.today()
    browse.goto(f"/communications/bulletins/figures/?start={today.year}-01-01&end={today}")
    assert "September bulletin" in browse.page.locator("main").inner_text()
    browse.goto("/communications/bulletins/figures/?start=2024-02-01&end=2024-01-01")
    assert "The end date must be on or after" in browse.page.locator("main").inner_text()
