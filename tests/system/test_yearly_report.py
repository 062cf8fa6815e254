"""The yearly report: the business unit starts a report, writes a section with a preview,
shares it, records the three sign-offs and publishes; the public reads it and the inspection
register shows the action plan — every page checked with axe."""

from datetime import date

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.reports.models import Inspection, InspectionAction


def test_the_business_unit_builds_and_publishes_and_the_public_reads_it(browse, settings):
    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    inspection = Inspection.objects.create(
        partnership=partnership,
        type="jtai",
        title="Neglect",
        inspected_on=date(2024, 1, 15),
        judgement="Strengths and areas for improvement",
    )
    InspectionAction.objects.create(
        inspection=inspection, text="Refresh the neglect toolkit", due_on=date(2030, 1, 31)
    )
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, full_name="Bea Unit")
    browse.sign_in(officer)

    browse.goto("/inspections/")
    browse.page.get_by_role("link", name="Joint targeted area inspection (JTAI): Neglect").click()
    browse.check()
    assert "Refresh the neglect toolkit" in browse.page.content()

    browse.goto("/yearly-reports/manage/")
    browse.page.get_by_role("link", name="Start a yearly report").click()
    browse.check()
    browse.page.get_by_label("Title").fill("Yearly report 2023–24")
    browse.page.get_by_label("Start of the period").fill("2023-04-01")
    browse.page.get_by_label("End of the period").fill("2024-03-31")
    browse.page.get_by_role("button", name="Start the report").click()
    browse.check()
    assert "Quality checks" in browse.page.content()
    assert "Figures as of" in browse.page.content()

    browse.page.get_by_role("link", name="Write the narrative of The voice of children").click()
    browse.check()
    browse.page.get_by_label("Narrative").fill("Young people told us **what mattered**.")
    browse.page.get_by_role("button", name="Preview").click()
    browse.check()
    assert browse.page.locator(".govuk-inset-text strong").inner_text() == "what mattered"
    browse.page.get_by_role("button", name="Save").click()
    browse.check()

    browse.page.get_by_role("button", name="Share with the partners for comment").click()
    browse.check()
    for partner in ("Local authority", "Integrated care board", "Police"):
        browse.page.get_by_label("Partner", exact=True).select_option(label=partner)
        browse.page.get_by_label("Signed off by").fill(f"{partner} lead")
        browse.page.get_by_label("Date signed off").fill("2024-05-20")
        browse.page.get_by_role("button", name="Record the sign-off").click()
        browse.check()
    browse.page.get_by_role("button", name="Publish").click()
    browse.check()
    assert "Not yet sent" in browse.page.content()

    browse.sign_out()
    browse.goto("/yearly-reports/")
    browse.page.get_by_role("link", name="Yearly report 2023–24").click()
    browse.check()
    assert "Young people told us" in browse.page.content()
    assert browse.page.get_by_role("link", name="PDF").count() == 1


def test_the_business_unit_publishes_the_arrangements(browse, settings):
    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, full_name="Bea Unit")
    browse.sign_in(officer)
    browse.goto("/arrangements/manage/")
    browse.page.get_by_role("button", name="Draft a new version").click()
    browse.check()
    browse.page.get_by_label("How the partners work together").fill("We meet **monthly**.")
    browse.page.get_by_label("Date agreed").fill("2024-03-01")
    browse.page.get_by_label("Next review").fill("2025-03-01")
    browse.page.get_by_role("button", name="Save the draft").click()
    browse.check()
    browse.page.get_by_role("button", name="Publish this version").click()
    browse.check()
    browse.sign_out()
    browse.goto("/arrangements/")
    assert "We meet" in browse.page.content()


def test_a_partner_comments_and_the_business_unit_replies_and_resolves(browse, settings):
    from safeguarding.reports import services

    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, full_name="Bea Unit")
    partner = user_with_role(
        Role.SAFEGUARDING_PARTNER, partnership=partnership, full_name="Pat Partner"
    )
    report = services.report_create(
        actor=officer,
        partnership=partnership,
        title="Yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
    )
    services.report_share(actor=officer, report=report)
    url = f"/yearly-reports/manage/{report.pk}/"

    browse.sign_in(partner)
    browse.goto(url)
    browse.page.get_by_label("Which part of the report is your comment about?").select_option(
        label="Learning and development"
    )
    browse.page.get_by_role("textbox", name="Your comment").fill("Add the impact survey.")
    browse.page.get_by_role("button", name="Send the comment").click()
    browse.check()
    browse.sign_out()

    browse.sign_in(officer)
    browse.goto(url)
    browse.page.get_by_role("button", name="Send the reply").click()
    browse.check()  # the error message on the reply form
    assert "Enter your reply." in browse.page.content()
    browse.page.get_by_label("Your reply").fill("Added in section 8.")
    browse.page.get_by_role("button", name="Send the reply").click()
    browse.check()
    assert "Reply from Bea Unit" in browse.page.content()
    browse.page.get_by_role("button", name="Mark as resolved").click()
    browse.check()  # the resolved thread collapsed
    browse.page.get_by_text("Resolved: Pat Partner on Learning and development").click()
    browse.check()  # and opened again to read
    assert browse.page.get_by_text("Added in section 8.").is_visible()
    browse.page.get_by_role("button", name="Reopen").click()
    browse.check()
    assert browse.page.get_by_role("button", name="Mark as resolved").count() == 1
