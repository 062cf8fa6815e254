"""Journeys through two-factor sign-in and organisation sign-in, each page checked with axe."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguarding.accounts import two_factor
from safeguarding.accounts.models import OrganisationSignIn
from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.accounts.tests.oidc_provider import OidcProvider
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role


@pytest.fixture
def northshire(transactional_db):
    return PartnershipFactory(slug="northshire", name="Northshire Safeguarding Partnership")


def code_now(key: bytes) -> str:
    return f"{totp(key):06d}"


def password_step(browse, user):
    browse.goto("/accounts/sign-in/")
    browse.page.get_by_label("Email address").fill(user.email)
    browse.page.get_by_label("Password").fill("correct horse battery staple")
    browse.page.get_by_role("button", name="Sign in").click()
    browse.page.wait_for_load_state("load")


def test_required_set_up_then_sign_in_with_an_app_code_and_a_recovery_code(browse, northshire):
    northshire.two_factor_roles = [Role.BUSINESS_UNIT]
    northshire.save()
    user = user_with_role(Role.BUSINESS_UNIT, partnership=northshire)

    # The password step leads to set-up, and nothing else opens until it is done.
    password_step(browse, user)
    browse.page.wait_for_url("**/accounts/two-factor/set-up/")
    browse.check()
    assert browse.page.locator("svg").first.is_visible()
    browse.goto("/dashboard/", check=False)
    browse.page.wait_for_url("**/accounts/sign-in/**")
    browse.goto("/accounts/two-factor/set-up/", check=False)

    # A wrong code is refused with a message; the key typed from the page gives the right one.
    browse.page.get_by_label("Code from the app").fill("12")
    browse.page.get_by_role("button", name="Confirm and continue").click()
    browse.check()
    assert "The code is not right" in browse.page.content()
    secret = browse.page.locator("#secret-key").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    browse.page.get_by_label("Code from the app").fill(code_now(key))
    browse.page.get_by_role("button", name="Confirm and continue").click()
    browse.check()
    assert "Two-factor sign-in is set up" in browse.page.content()
    codes = browse.page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    browse.page.get_by_role("link", name="I have saved my codes: continue").click()
    browse.page.wait_for_url("**/dashboard/")
    browse.check()

    # From the account page: the two-factor page, and new recovery codes.
    browse.goto("/accounts/")
    browse.page.get_by_role("link", name="Set up or change two-factor sign-in").click()
    browse.check()
    browse.page.get_by_role("button", name="Make new recovery codes").click()
    browse.check()
    codes = browse.page.locator("#recovery-codes code").all_inner_texts()
    browse.sign_out()

    # Next time: password, then a recovery code (the app's code was just used).
    password_step(browse, user)
    browse.page.wait_for_url("**/accounts/two-factor/code/")
    browse.check()
    browse.page.get_by_label("Code").fill(codes[0])
    browse.page.get_by_role("button", name="Continue").click()
    browse.page.wait_for_url("**/dashboard/")
    browse.check()
    assert "You used a recovery code. You have 9 left" in browse.page.content()
    assert AuditEvent.objects.filter(
        event="accounts.two_factor.recovery_code_used", actor=user
    ).exists()
    assert AuditEvent.objects.filter(event="accounts.two_factor.set_up", actor=user).exists()


def test_sign_in_with_a_code_from_the_app(browse, northshire):
    """Offered, not required: a chair who set up an app is asked for its code."""
    user = user_with_role(Role.CHAIR, partnership=northshire)
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    two_factor.new_recovery_codes(user)
    password_step(browse, user)
    browse.page.wait_for_url("**/accounts/two-factor/code/")
    browse.page.get_by_label("Code").fill("000000" if code_now(device.bin_key) != "000000" else "1")
    browse.page.get_by_role("button", name="Continue").click()
    browse.check()
    assert "The code is not right" in browse.page.content()
    browse.page.get_by_label("Code").fill(code_now(device.bin_key))
    browse.page.get_by_role("button", name="Continue").click()
    browse.page.wait_for_url("**/dashboard/")
    browse.check()
    browse.goto("/accounts/two-factor/")
    assert "Recovery codes left" in browse.page.content()


def test_the_business_unit_sets_which_roles_need_it(browse, northshire):
    business_unit = user_with_role(Role.BUSINESS_UNIT, partnership=northshire)
    browse.sign_in(business_unit)
    browse.goto("/partnerships/")
    browse.page.get_by_role("link", name=f"Sign-in settings for {northshire.name}").click()
    browse.check()
    browse.page.get_by_label("Chair or independent scrutineer").check()
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert "have been saved" in browse.page.content()
    northshire.refresh_from_db()
    assert northshire.two_factor_roles == [Role.CHAIR]


@pytest.fixture
def provider():
    running = OidcProvider().start()
    yield running
    running.stop()


def test_sign_in_with_the_organisations_account(browse, northshire, provider):
    connection = OrganisationSignIn(
        partnership=northshire,
        name="Northshire County Council",
        discovery_url=provider.discovery_url,
        client_id=provider.client_id,
        email_domains="northshire.gov.uk",
    )
    connection.client_secret = provider.client_secret
    connection.save()
    user = user_with_role(Role.AGENCY_LEAD, partnership=northshire, email="sam@northshire.gov.uk")

    browse.goto("/accounts/sign-in/")
    browse.page.get_by_role("link", name="Sign in with your organisation’s account").click()
    browse.check()
    browse.page.get_by_label("Your work email address").fill("sam@elsewhere.example")
    browse.page.get_by_role("button", name="Continue").click()
    browse.check()
    assert "cannot be used to sign in here" in browse.page.content()

    # Someone the council knows but this site does not: refused, told why.
    provider.claims = {"email": "new@northshire.gov.uk", "email_verified": True}
    browse.page.get_by_label("Your work email address").fill("new@northshire.gov.uk")
    browse.page.get_by_role("button", name="Continue").click()
    browse.page.wait_for_url("**/accounts/organisation-sign-in/")
    browse.check()
    assert "There is no account for new@northshire.gov.uk" in browse.page.content()

    provider.claims = {"email": user.email, "email_verified": True}
    browse.page.get_by_label("Your work email address").fill(user.email)
    browse.page.get_by_role("button", name="Continue").click()
    browse.page.wait_for_url("**/dashboard/")
    browse.check()
    assert provider.token_requests == 2


def test_back_office_pages_for_sign_in_pass_axe(browse, northshire):
    from django.contrib.auth import get_user_model

    superuser = get_user_model().objects.create_superuser(
        email="back-office@example.org", password="correct horse battery staple"
    )
    chair = user_with_role(Role.CHAIR, partnership=northshire)
    device = TOTPDevice.objects.create(user=chair, name="Authenticator app", confirmed=True)
    recovery = two_factor.new_recovery_codes(chair) and chair.staticdevice_set.get()
    connection = OrganisationSignIn.objects.create(
        partnership=northshire,
        name="Northshire County Council",
        discovery_url="https://login.example/t/v2.0/.well-known/openid-configuration",
        client_id="abc",
        email_domains="northshire.gov.uk",
    )
    browse.sign_in(superuser)
    for path in [
        "/admin/accounts/organisationsignin/",
        "/admin/accounts/organisationsignin/add/",
        f"/admin/accounts/organisationsignin/{connection.pk}/change/",
        f"/admin/accounts/partnership/{northshire.pk}/change/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        f"/admin/otp_static/staticdevice/{recovery.pk}/change/",
    ]:
        browse.goto(path)
