"""Journeys through the foundation: public pages, signing in as each role, the dashboard,
the audit log, agencies, account and API tokens, lockout — each page checked with axe."""

import pytest

from safeguarding.accounts.models import Agency
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.roles import Role

PUBLIC_PAGES = [
    "/",
    "/accessibility-statement/",
    "/privacy/",
    "/cookies/",
    "/accounts/sign-in/",
    "/accounts/password-reset/",
    "/api/v1/docs/",
]


@pytest.fixture
def essex(transactional_db):
    partnership = PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 0345 603 7627",
        brand_colour="#5b2d6e",
    )
    AgencyFactory(
        name="Essex Police",
        type="police",
        sector="police",
        is_statutory_partner=True,
        partnerships=[partnership],
    )
    return partnership


def test_public_pages_show_the_partnership_and_pass_axe(browse, essex):
    for path in PUBLIC_PAGES:
        browse.goto(path)
        assert "Call 0345 603 7627" in browse.page.locator("#contact-line").inner_text()
    browse.goto("/")
    assert browse.page.get_by_role("heading", level=1).inner_text() == essex.name
    assert "Essex Police" in browse.page.locator("main").inner_text()


def test_error_pages_are_in_the_design_system(browse, essex):
    response = browse.goto("/no-such-page/", expect=404)
    assert response.status == 404
    assert browse.page.get_by_role("heading", level=1).inner_text() == "Page not found"


def test_anonymous_visitor_is_sent_to_sign_in_from_staff_pages(browse, essex):
    browse.goto("/dashboard/")
    assert "/accounts/sign-in/?next=/dashboard/" in browse.page.url


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_and_sees_a_dashboard_that_fits(browse, essex, role):
    from safeguarding.accounts.tests.factories import user_with_role

    user = user_with_role(role, partnership=essex, full_name=f"Demo {role}")
    browse.sign_in(user)
    main = browse.page.locator("main").inner_text()
    assert "Your agencies and roles" in main
    assert Role(role).label in main
    nav = browse.page.get_by_role("navigation", name="Menu").inner_text()
    if role in (Role.BUSINESS_UNIT, Role.CHAIR):
        assert "Administration" in nav and "Audit log" not in nav
        browse.page.get_by_role("link", name="Administration", exact=True).click()
        browse.check()
        browse.page.get_by_role("link", name="Audit log", exact=True).click()
        browse.check()
        assert "accounts.user.signed_in" in browse.page.locator("main").inner_text()
    else:
        assert "Audit log" not in nav
    browse.goto("/accounts/")
    browse.goto("/agencies/")
    assert "Essex Police" in browse.page.locator("main").inner_text()
    browse.sign_out()
    assert browse.page.url.rstrip("/") == browse.base_url


def test_business_unit_adds_an_agency_with_validation(browse, essex):
    from safeguarding.accounts.tests.factories import user_with_role

    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(user)
    browse.goto("/agencies/new/")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    summary = browse.page.locator(".govuk-error-summary").inner_text()
    assert "Enter the agency's name" in summary
    browse.page.get_by_label("Agency name").fill("Harbour Lights Family Support")
    browse.page.get_by_label("Type of agency").select_option("voluntary")
    browse.page.get_by_label("Sector").select_option("voluntary")
    browse.page.get_by_label(essex.name).check()
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert browse.page.get_by_role("heading", level=1).inner_text() == (
        "Harbour Lights Family Support"
    )
    assert Agency.objects.filter(name="Harbour Lights Family Support").exists()


def test_api_token_is_shown_once_and_can_be_revoked(browse, essex):
    from safeguarding.accounts.tests.factories import user_with_role

    user = user_with_role(Role.AGENCY_LEAD, partnership=essex)
    browse.sign_in(user)
    browse.goto("/accounts/tokens/new/")
    browse.page.get_by_label("What is the token for?").fill("Power BI export")
    browse.page.get_by_role("button", name="Create token").click()
    browse.check()
    token = browse.page.locator("#new-token").inner_text().strip()
    assert len(token) > 30
    browse.goto("/accounts/")
    assert token not in browse.page.content()
    browse.page.get_by_role("button", name="Revoke Power BI export").click()
    browse.check()
    assert "has been revoked" in browse.page.locator("main").inner_text()


def test_repeated_wrong_passwords_lock_the_account(browse, essex, settings):
    from safeguarding.accounts.tests.factories import user_with_role

    user = user_with_role(Role.PRACTITIONER, partnership=essex)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        browse.goto("/accounts/sign-in/", check=False)
        browse.page.get_by_label("Email address").fill(user.email)
        browse.page.get_by_label("Password").fill("wrong password")
        browse.page.get_by_role("button", name="Sign in").click()
        browse.page.wait_for_load_state("load")
    browse.check()
    assert browse.page.get_by_role("heading", level=1).inner_text() == "Your account is locked"


def test_business_unit_invites_a_person_and_manages_their_roles(browse, essex):
    from safeguarding.accounts.tests.factories import user_with_role

    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(user)
    browse.page.get_by_role("link", name="Administration", exact=True).click()
    browse.check()
    browse.page.get_by_role("link", name="People", exact=True).click()
    browse.check()
    browse.page.get_by_role("link", name="Invite a person").click()
    browse.check()
    browse.page.get_by_role("button", name="Send the invitation").click()
    browse.check()
    assert (
        "Enter the person's full name" in browse.page.locator(".govuk-error-summary").inner_text()
    )
    browse.page.get_by_label("Full name").fill("Sam Rivers")
    browse.page.get_by_label("Work email address").fill("sam.rivers@school.example")
    browse.page.get_by_label("Role").select_option(Role.AGENCY_LEAD)
    browse.page.get_by_role("button", name="Send the invitation").click()
    browse.check()
    assert "Sam Rivers has been invited by email" in browse.page.locator("main").inner_text()
    assert "Agency safeguarding lead" in browse.page.locator("main").inner_text()
