"""Journeys through governance: key messages drafted, approved, published and read by the
public; bodies, meetings, papers, attendance, minutes and actions run by the business
unit; the business plan and themes — every page checked with axe."""

import datetime

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.governance.models import KeyMessage
from safeguarding.governance.tests.factories import KeyMessageFactory
from safeguarding.planning.models import Theme


@pytest.fixture
def essex(transactional_db, settings):
    # Browser tests flush the database between tests, which also removes the starting
    # themes that a data migration ships; put them back.
    from django.utils.text import slugify

    from safeguarding.planning.themes import STARTING_THEMES

    for name, description in STARTING_THEMES:
        Theme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )
    settings.DEFAULT_PARTNERSHIP = "essex"
    return PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 0345 603 7627",
        brand_colour="#5b2d6e",
    )


def test_key_messages_from_draft_to_the_public_archive(browse, essex):
    neglect = Theme.objects.get(slug="neglect")
    KeyMessageFactory(
        partnership=essex,
        title="Youth voices",
        meeting_date=datetime.date(2023, 6, 20),
        themes=[neglect],
    )
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Bea Unit")
    chair = user_with_role(Role.CHAIR, partnership=essex, full_name="Cal Chair")

    browse.sign_in(officer)
    browse.goto("/governance/key-messages/")
    browse.page.get_by_role("link", name="Draft a key message").click()
    browse.check()
    browse.page.get_by_role("button", name="Save draft").click()
    browse.check()
    assert (
        "Enter a title for the key message"
        in browse.page.locator(".govuk-error-summary").inner_text()
    )
    browse.page.get_by_label("Date of the meeting").fill("2024-03-12")
    browse.page.get_by_label("Name of the meeting").fill("Executive meeting")
    browse.page.get_by_label("Title").fill("Online harm")
    browse.page.get_by_label("Key message").fill(
        "Young people do not separate the online world.\n\n- Talk early\n- Keep talking"
    )
    browse.page.get_by_label("Online harm").check()
    browse.page.get_by_role("button", name="Save draft").click()
    browse.check()
    assert "has been saved as a draft" in browse.page.locator("main").inner_text()
    assert browse.page.get_by_role("button", name="Publish").count() == 0
    browse.page.get_by_role("link", name="Change Online harm").click()
    browse.check()
    browse.page.get_by_role("button", name="Save draft").click()
    browse.check()
    browse.sign_out()

    browse.sign_in(chair)
    message = KeyMessage.objects.get(title="Online harm")
    browse.goto(f"/governance/key-messages/{message.pk}/")
    browse.page.get_by_role("button", name="Approve").click()
    browse.check()
    browse.page.get_by_role("button", name="Publish").click()
    browse.check()
    assert "has been published" in browse.page.locator("main").inner_text()
    browse.sign_out()

    browse.goto("/key-messages/")
    main = browse.page.locator("main").inner_text()
    assert "Key messages 2023–24" in main and "Executive meeting, 12 March 2024" in main
    browse.page.get_by_label("Theme", exact=True).select_option("neglect")
    browse.page.get_by_role("button", name="Apply").click()
    browse.check()
    results = browse.page.locator(".app-key-message-year").all_inner_texts()
    assert "Youth voices" in " ".join(results) and "Online harm" not in " ".join(results)
    browse.goto("/key-messages/?q=online")
    browse.page.get_by_role("link", name="Online harm", exact=True).click()
    browse.check()
    assert browse.page.get_by_role("heading", level=1).inner_text() == "Online harm"
    feed = browse.page.request.get(browse.url("/key-messages/feed/"))
    assert feed.ok and "Online harm" in feed.text()


def test_business_unit_runs_bodies_meetings_and_actions(browse, essex):
    from safeguarding.accounts.tests.factories import AgencyFactory

    police = AgencyFactory(
        name="Essex Police",
        type="police",
        sector="police",
        is_statutory_partner=True,
        partnerships=[essex],
    )
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Bea Unit")
    owner = user_with_role(
        Role.AGENCY_LEAD, partnership=essex, full_name="Olive Owner", agency=police
    )
    page = browse.page

    browse.sign_in(officer)
    browse.goto("/governance/")
    page.get_by_role("link", name="Bodies", exact=True).click()
    browse.check()
    page.get_by_role("link", name="Set up a body").click()
    browse.check()
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Enter the name of the body" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Name", exact=True).fill("Stay Safe Group North")
    page.get_by_label("Locality group").check()
    page.get_by_label(essex.name).check()
    page.get_by_label("Quorum: voting members who must be present").fill("1")
    page.get_by_role("button", name="Save").click()
    browse.check()
    assert page.get_by_role("heading", level=1).inner_text() == "Stay Safe Group North"
    body_url = page.url

    page.get_by_role("link", name="Add a member").click()
    browse.check()
    browse.choose("Person", "Olive", f"Olive Owner ({owner.email})")
    browse.choose("Agency", "Essex Pol", "Essex Police")
    page.get_by_label("Role").select_option("chair")
    page.get_by_label("Member from").fill("2024-01-01")
    page.get_by_role("button", name="Add member").click()
    browse.check()
    assert "Olive Owner" in page.locator("main").inner_text()

    page.get_by_role("link", name="Schedule a meeting").click()
    browse.check()
    page.get_by_label("Date").fill("2024-03-12")
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Place").fill("County Hall, Chelmsford")
    page.get_by_role("button", name="Schedule meeting").click()
    browse.check()
    meeting_url = page.url

    page.get_by_role("link", name="Add an agenda item").click()
    browse.check()
    page.get_by_label("Title").fill("Child Q rapid review")
    page.get_by_label("Confidential").check()
    page.get_by_label("Neglect").check()
    page.get_by_role("button", name="Save").click()
    browse.check()

    page.get_by_role("link", name="Upload a paper", exact=True).click()
    browse.check()
    page.get_by_label("Title").fill("Rapid review report")
    page.get_by_label("File").set_input_files(
        {"name": "report.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}
    )
    page.get_by_role("button", name="Upload paper").click()
    browse.check()
    assert (
        "The file must be one of these types" in page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("Title").fill("Rapid review report")
    page.get_by_label("File").set_input_files(
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 test"}
    )
    page.get_by_role("button", name="Upload paper").click()
    browse.check()
    page.get_by_role("link", name="Upload a new version of Rapid review report").click()
    browse.check()
    page.get_by_label("New version").set_input_files(
        {"name": "report-v2.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 v2"}
    )
    page.get_by_role("button", name="Upload new version").click()
    browse.check()
    assert "version 2, report-v2.pdf" in page.locator("main").inner_text()

    page.get_by_role("link", name="Record attendance").click()
    browse.check()
    page.get_by_role("group", name="Olive Owner, Essex Police (chair)").get_by_label(
        "Present"
    ).check()
    page.get_by_role("button", name="Save attendance").click()
    browse.check()
    assert "Quorate" in page.locator("main").inner_text()

    page.get_by_role("link", name="Write the minute of Child Q rapid review").click()
    browse.check()
    page.get_by_label("Minute").fill("The review was agreed and will go to the national panel.")
    page.get_by_role("button", name="Save draft minute").click()
    browse.check()

    page.get_by_role("link", name="Record a decision").click()
    browse.check()
    page.get_by_label("Decision").fill("Adopt the neglect strategy")
    page.get_by_role("button", name="Record decision").click()
    browse.check()
    page.get_by_role("link", name="Correct the decision “Adopt the neglect strategy”").click()
    browse.check()
    page.get_by_label("Detail").fill("From April, with the graded care profile.")
    page.get_by_role("button", name="Save correction").click()
    browse.check()
    assert "The decision has been corrected" in page.locator("main").inner_text()
    page.get_by_role("link", name="Record a decision").click()
    browse.check()
    page.get_by_label("Decision").fill("Meet online only")
    page.get_by_role("button", name="Record decision").click()
    browse.check()
    page.get_by_role("link", name="Withdraw the decision “Meet online only”").click()
    browse.check()
    page.get_by_role("button", name="Withdraw decision").click()
    browse.check()
    assert (
        "Enter why the decision is being withdrawn"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.get_by_label("Why is the decision being withdrawn?").fill(
        "Members asked to meet in person."
    )
    page.get_by_role("button", name="Withdraw decision").click()
    browse.check()
    assert "Withdrawn on" in page.locator("main").inner_text()

    page.get_by_role("link", name="Raise an action").click()
    browse.check()
    page.get_by_label("Action").fill("Refresh the neglect toolkit")
    browse.choose("Owner", "Oli", f"Olive Owner ({owner.email})")
    page.get_by_label("Due on").fill("2024-03-01")
    page.get_by_role("button", name="Raise action").click()
    browse.check()
    assert "cannot be due before the meeting" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Due on").fill("2024-06-30")
    page.get_by_role("button", name="Raise action").click()
    browse.check()
    page.get_by_role("link", name="Approve the minutes of this meeting").click()
    browse.check()
    browse.goto("/governance/meetings/")
    browse.goto("/governance/decisions/")
    assert "Adopt the neglect strategy" in page.locator("main").inner_text()
    assert "Withdrawn" in page.locator("main").inner_text()
    browse.goto("/governance/actions/overdue/")
    browse.goto("/governance/bodies/")
    browse.goto(body_url.replace(browse.base_url, ""))
    page.get_by_text("Subscribe to this body's meetings in your calendar").click()
    page.get_by_role("button", name="Reset the calendar link").click()
    browse.check()
    assert "The calendar link has been reset" in page.locator("main").inner_text()
    page.get_by_role("link", name="End membership of Olive Owner, Essex Police").click()
    browse.check()
    browse.goto(body_url.replace(browse.base_url, "") + "edit/")
    browse.goto(meeting_url.replace(browse.base_url, "") + "edit/")
    browse.sign_out()

    browse.sign_in(owner)
    browse.goto("/governance/actions/")
    page.get_by_role("link", name="Refresh the neglect toolkit").click()
    browse.check()
    page.get_by_label("What has been done").fill("Draft toolkit shared with partners")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Add update").click()
    browse.check()
    assert "Draft toolkit shared with partners" in page.locator("main").inner_text()
    browse.goto(meeting_url.replace(browse.base_url, ""))
    assert "Child Q rapid review" in page.locator("main").inner_text()  # a member sees it


def test_business_plan_priorities_themes_and_dashboard(browse, essex):
    from safeguarding.governance.tests.factories import (
        ActionFactory,
        BodyFactory,
        MeetingFactory,
    )

    officer = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Bea Unit")
    executive = BodyFactory(name="Essex Executive", partnerships=[essex])
    meeting = MeetingFactory(body=executive)
    ActionFactory(
        meeting=meeting,
        owner=officer,
        title="Write the neglect strategy",
        due_on=datetime.date(2020, 1, 31),
    )
    page = browse.page

    browse.sign_in(officer)
    assert "Your actions" in page.locator("main").inner_text()
    assert "Write the neglect strategy" in page.locator("main").inner_text()
    browse.goto("/business-plan/")
    page.get_by_role("link", name="Add a business plan").click()
    browse.check()
    page.get_by_label("Title").fill("Business plan 2022–2027")
    page.get_by_label("Starts on").fill("2022-04-01")
    page.get_by_label("Ends on").fill("2027-03-31")
    page.get_by_role("button", name="Save").click()
    browse.check()
    page.get_by_role("link", name="Add a priority").click()
    browse.check()
    page.get_by_label("Priority").fill("Neglect")
    page.get_by_label("Lead body").select_option(label="Essex Executive")
    page.get_by_label("How progress is measured").fill("Graded care profile used by every agency")
    page.get_by_label("Neglect", exact=True).check()
    page.get_by_role("button", name="Save").click()
    browse.check()
    page.get_by_role("link", name="Change the plan").click()
    browse.check()
    page.get_by_role("button", name="Save").click()
    browse.check()
    page.get_by_role("link", name="Neglect").click()
    browse.check()
    assert "Graded care profile used by every agency" in page.locator("main").inner_text()
    page.get_by_role("link", name="Change the priority").click()
    browse.check()
    browse.goto("/governance/themes/")
    page.get_by_role("link", name="Add a theme").click()
    browse.check()
    page.get_by_label("Name").fill("Female genital mutilation")
    page.get_by_role("button", name="Save").click()
    browse.check()
    page.get_by_role("link", name="Change Female genital mutilation").click()
    browse.check()
    page.get_by_label("Synonyms").fill("FGM\nCutting")
    page.get_by_label("Race, ethnicity and culture").check()
    page.get_by_role("button", name="Save").click()
    browse.check()
    listed = page.locator("main").inner_text()
    assert "Also: FGM, Cutting" in listed and "Race, ethnicity and culture" in listed
    browse.goto("/governance/actions/overdue/")
    assert "Write the neglect strategy" in page.locator("main").inner_text()
    browse.goto(f"/governance/actions/{meeting.actions.get().pk}/edit/")
    browse.goto(f"/governance/agenda-items/{_agenda_item(meeting).pk}/edit/")
    browse.sign_out()
    browse.goto("/business-plan/")
    page.get_by_role("link", name="Business plan 2022–2027").click()
    browse.check()


def _agenda_item(meeting):
    from safeguarding.governance.tests.factories import AgendaItemFactory

    return AgendaItemFactory(meeting=meeting, title="Neglect strategy")


def test_demo_governance_loads_twice_and_its_pages_pass_axe(
    browse, transactional_db, settings, tmp_path
):
    from safeguarding.accounts.models import Partnership, User
    from safeguarding.demo import governance
    from safeguarding.demo.loader import DemoResult, load_demo
    from safeguarding.governance.models import Action, Body, Meeting, Minute

    settings.DATA_DIR = tmp_path
    settings.DEFAULT_PARTNERSHIP = "essex"
    load_demo(password="demo password for tests")
    essex = Partnership.objects.get(slug="essex")
    from django.utils.text import slugify

    from safeguarding.planning.themes import STARTING_THEMES

    for name, description in STARTING_THEMES:
        Theme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )
    governance.load(essex=essex, result=DemoResult(password="x"))

    def counts():
        return (
            Body.objects.count(),
            Meeting.objects.count(),
            Action.objects.count(),
            KeyMessage.objects.count(),
            Minute.objects.count(),
        )

    first = counts()
    # Eight governance bodies, and the SET Child Death Overview Panel the child death demo adds.
    assert first[0] == 9 and 14 <= first[2] <= 18
    assert KeyMessage.objects.filter(status="published").count() >= 10
    assert KeyMessage.objects.filter(status="approved").count() == 1
    assert Action.objects.overdue().count() >= 3
    governance.load(essex=essex, result=DemoResult(password="x"))
    assert counts() == first

    browse.goto("/key-messages/")
    assert "Key messages 2023–24" in browse.page.locator("main").inner_text()
    browse.goto("/business-plan/")
    browse.page.get_by_role("link", name="Neglect").first.click()
    browse.check()
    chair = User.objects.get(email="chair@demo.example")
    chair.set_password("correct horse battery staple")
    chair.save()
    browse.sign_in(chair)
    assert "Overdue actions" in browse.page.locator("main").inner_text()
    meeting = Meeting.objects.filter(body__short_name="Executive").order_by("starts_at")[2]
    browse.goto(f"/governance/meetings/{meeting.pk}/")
    main = browse.page.locator("main").inner_text()
    assert "Quorate" in main and "Child safeguarding practice review: Child S" in main
    browse.goto("/governance/decisions/")
    assert "Withdrawn" in browse.page.locator("main").inner_text()
    stay_safe = Body.objects.get(name="Stay Safe Group South")
    browse.goto(f"/governance/bodies/{stay_safe.pk}/")
    browse.goto("/governance/actions/overdue/")
