"""The yearly report's agency contributions and the partners' comments (ADR 0032): the business
unit asks the statutory partners for their contributions from the report's page, shares the
report, and a safeguarding partner comments on it — every page checked with axe."""

from urllib.parse import urlparse

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.assurance.services.templates import template_library_load
from safeguarding.core.roles import Role


def test_contributions_are_asked_for_and_a_partner_comments(browse, settings):
    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    template_library_load(job="test")
    for name, kind in [
        ("Testshire County Council", "local_authority"),
        ("Testshire Police", "police"),
        ("Testshire Integrated Care Board", "icb"),
        ("Testshire Youth Justice Service", "youth_justice"),
    ]:
        AgencyFactory(name=name, type=kind, partnerships=[partnership])
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, full_name="Bea Unit")
    partner = user_with_role(
        Role.SAFEGUARDING_PARTNER, partnership=partnership, full_name="Pat Partner"
    )

    browse.sign_in(officer)
    browse.goto("/yearly-reports/manage/new/")
    browse.page.get_by_label("Title").fill("Yearly report 2023–24")
    browse.page.get_by_label("Start of the period").fill("2023-04-01")
    browse.page.get_by_label("End of the period").fill("2024-03-31")
    browse.page.get_by_role("button", name="Start the report").click()
    browse.check()
    report_url = urlparse(browse.page.url).path

    browse.page.get_by_role(
        "link", name="Ask agencies for their contributions for this period"
    ).click()
    browse.check()
    assert browse.page.get_by_label("Start of the report period").input_value() == "2023-04-01"
    assert browse.page.get_by_label("Testshire Police").is_checked()
    assert not browse.page.get_by_label("Testshire Youth Justice Service").is_checked()
    browse.page.get_by_label("Testshire Youth Justice Service").check()
    browse.page.get_by_role("button", name="Send to the chosen agencies").click()
    browse.check()
    assert "has been sent to 4 agencies" in browse.page.content()

    browse.goto(report_url)
    browse.page.get_by_role("button", name="Share with the partners for comment").click()
    browse.check()
    browse.sign_out()

    browse.sign_in(partner)
    browse.goto(report_url)
    browse.page.get_by_role("button", name="Send the comment").click()
    browse.check()  # the error is shown accessibly
    assert "Enter your comment." in browse.page.content()
    browse.page.get_by_label("Which part of the report is your comment about?").select_option(
        label="What our partners did"
    )
    browse.page.get_by_label("Your comment", exact=True).fill(
        "Please add the youth justice example."
    )
    browse.page.get_by_role("button", name="Send the comment").click()
    browse.check()
    assert "Pat Partner on What our partners did" in browse.page.content()
    browse.sign_out()

    browse.sign_in(officer)
    browse.goto(report_url)
    browse.check()
    assert "Please add the youth justice example." in browse.page.content()


def test_a_joint_report_asks_the_partners_of_both_partnerships(browse, settings):
    from datetime import date

    from safeguarding.reports import services

    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    neighbour = PartnershipFactory(slug="otherford", name="Otherford Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    template_library_load(job="test")
    AgencyFactory(name="Testshire Police", type="police", partnerships=[partnership])
    AgencyFactory(name="Otherford Council", type="local_authority", partnerships=[neighbour])
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, full_name="Bea Unit")
    report = services.report_create(
        actor=officer,
        partnership=partnership,
        title="Joint yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        joint_partnerships=[neighbour],
    )
    browse.sign_in(officer)
    browse.goto(f"/yearly-reports/manage/{report.pk}/")
    browse.page.get_by_role(
        "link", name="Ask agencies for their contributions for this period"
    ).click()
    browse.check()
    assert browse.page.get_by_label("Testshire Police").is_checked()
    assert browse.page.get_by_label("Otherford Council").is_checked()
    browse.page.get_by_role("button", name="Send to the chosen agencies").click()
    browse.check()
    assert "has been sent to 2 agencies" in browse.page.content()
