"""The child death overview in a browser: the CDOP chair records a death and asks agencies
for reports, an agency lead submits theirs, the chair queues the death for a themed panel
and records the panel's review; the figures pages — every page checked with axe."""

from datetime import timedelta

from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import BodyFactory, MeetingFactory


def test_a_death_from_notification_to_panel_and_figures(browse, settings):
    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    AgencyFactory(name="Riverside Hospital", partnerships=[partnership])
    police = AgencyFactory(name="Northshire Police", partnerships=[partnership])
    body = BodyFactory(name="Child Death Overview Panel", type="joint", partnerships=[partnership])
    MeetingFactory(body=body, starts_at=timezone.now() - timedelta(days=1))
    chair = user_with_role(Role.CDOP_CHAIR, partnership=partnership, full_name="Cee Chair")
    lead = user_with_role(
        Role.AGENCY_LEAD, partnership=partnership, agency=police, full_name="Pat Police"
    )
    today = timezone.localdate()

    browse.sign_in(chair)
    browse.goto("/child-deaths/")
    browse.page.get_by_role("link", name="Record a death").click()
    browse.check()
    page = browse.page
    page.get_by_label("Case reference").fill("CD-2025-042")
    page.get_by_label("Testshire Partnership").check()
    page.get_by_label("Age at death in days").fill("40")
    page.get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option(label="White")
    page.get_by_label("Place of death").select_option(label="Home")
    page.get_by_label("Date of death").fill((today - timedelta(days=20)).isoformat())
    page.get_by_label("Date notified").fill((today - timedelta(days=25)).isoformat())
    page.get_by_role("radio", name="No", exact=True).check()
    browse.choose("Notifying agency", "Riverside")
    page.get_by_role("button", name="Record the death").click()
    browse.check()
    assert "cannot be before the date of death" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Date notified").fill((today - timedelta(days=19)).isoformat())
    page.get_by_role("button", name="Record the death").click()
    browse.check()
    assert page.get_by_role("heading", name="CD-2025-042").is_visible()

    page.get_by_role("link", name="Ask agencies for their reports").click()
    browse.check()
    page.get_by_label("Northshire Police").check()
    page.get_by_role("button", name="Ask for the reports").click()
    browse.check()
    page.get_by_role("link", name="Queue for a panel meeting").click()
    browse.check()
    page.get_by_label("Panel meeting").select_option(index=1)
    page.get_by_label("Theme of the panel").select_option(
        label="Sudden unexpected deaths in infancy"
    )
    page.get_by_role("button", name="Queue").click()
    browse.check()
    assert "Northshire Police" in page.locator(".govuk-error-summary").inner_text()
    browse.sign_out()

    browse.sign_in(lead)
    browse.goto("/child-deaths/reports/")
    page.get_by_role("link", name="CD-2025-042").click()
    browse.check()
    page.get_by_label("Your agency's report").fill("Officers attended the home once in 2024.")
    page.get_by_role("button", name="Submit the report").click()
    browse.check()
    assert "Submitted" in page.get_by_role("table").inner_text()
    browse.goto("/child-deaths/", expect=403, check=False)
    browse.sign_out()

    browse.sign_in(chair)
    browse.goto("/child-deaths/")
    page.get_by_role("link", name="CD-2025-042").click()
    browse.check()
    page.get_by_role("link", name="Queue for a panel meeting").click()
    browse.check()
    page.get_by_label("Panel meeting").select_option(index=1)
    page.get_by_role("button", name="Queue").click()
    browse.check()
    page.get_by_role("link", name="Record the panel's review").click()
    browse.check()
    page.get_by_label("Sudden unexpected, unexplained death").check()
    for domain in (
        "Factors intrinsic to the child",
        "Family and environment",
        "Parenting capacity",
        "Service provision",
    ):
        group = page.get_by_role("group", name=f"{domain}: were there modifiable factors?")
        group.get_by_label(
            "Yes" if domain == "Family and environment" else "No", exact=True
        ).check()
    page.get_by_label("Learning points").fill("Safer sleep advice at every contact.")
    page.get_by_label("Parental substance misuse").check()
    page.get_by_role("button", name="Record the review").click()
    browse.check()
    assert "Reviewed by panel" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Parental substance misuse").is_visible()

    # The notification's facts can be corrected (the correction is audited).
    page.get_by_role("link", name="Correct the notification").click()
    browse.check()
    page.get_by_label("Place of death").select_option(label="Hospital")
    page.get_by_role("button", name="Save the corrections").click()
    browse.check()
    assert "Notification CD-2025-042 corrected." in page.content()
    assert "Hospital" in page.locator("main").inner_text()

    browse.goto("/dashboard/")
    assert "cases awaiting the panel" not in page.locator("main").inner_text()  # none waits
    browse.goto("/child-deaths/figures/")
    assert page.get_by_role("link", name="Download the panel's findings as CSV").is_visible()
    browse.sign_out()
    browse.goto("/child-death-figures/")
    assert "fewer than 5" in page.locator("main").inner_text()


def test_a_cdop_member_sees_child_deaths_on_a_theme_page(browse, settings):
    """The theme page's child deaths section (counts by year, small numbers withheld)."""
    from datetime import date

    from safeguarding.childdeaths.tests.factories import ChildDeathFactory
    from safeguarding.planning.models import Theme

    partnership = PartnershipFactory(slug="testshire", name="Testshire Partnership")
    settings.DEFAULT_PARTNERSHIP = "testshire"
    theme, _ = Theme.objects.get_or_create(
        slug="sudi-and-safer-sleep", defaults={"name": "SUDI and safer sleep"}
    )
    for day in range(6):
        ChildDeathFactory(
            partnerships=[partnership], panel_theme="sudi", died_on=date(2024, 3, day + 1)
        )
    member = user_with_role(Role.CDOP_MEMBER, partnership=partnership, full_name="Mo Member")

    browse.goto(f"/themes/{theme.slug}/")
    assert not browse.page.get_by_role("heading", name="Child deaths").count()
    browse.sign_in(member)
    browse.goto(f"/themes/{theme.slug}/")
    section = browse.page.locator("#childdeathsdeaths")
    assert section.get_by_role("heading", name="Child deaths").is_visible()
    assert "6" in section.get_by_role("table").inner_text()
    section.get_by_role("link", name="Child death figures").click()
    browse.check()
    assert browse.page.url.endswith("/child-deaths/figures/")
