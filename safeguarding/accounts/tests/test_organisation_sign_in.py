"""Signing in with an organisation's account, against a real OpenID Connect provider.

The provider (``oidc_provider.OidcProvider``) runs on 127.0.0.1 in the test: discovery,
authorisation, a token endpoint issuing RS256-signed ID tokens, and the JWKS. Only the
browser's part (following the redirect to the provider and back) is played by ``requests``.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import requests
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguarding.accounts.models import OrganisationSignIn, User
from safeguarding.accounts.tests.oidc_provider import OidcProvider
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db

START = reverse("accounts:organisation-sign-in")
DASHBOARD = reverse("core:dashboard")


@pytest.fixture
def provider():
    running = OidcProvider().start()
    yield running
    running.stop()


@pytest.fixture
def organisation(provider, partnership):
    connection = OrganisationSignIn(
        partnership=partnership,
        name="Northshire County Council",
        discovery_url=provider.discovery_url,
        client_id=provider.client_id,
        email_domains="northshire.gov.uk, northshire-nhs.example",
    )
    connection.client_secret = provider.client_secret
    connection.full_clean()
    connection.save()
    return connection


def through_provider(client, email: str, follow: bool = True):
    """Ask to sign in, let the provider answer (as a browser would), and come back."""
    response = client.post(START, {"email": email})
    assert response.status_code == 302, response.content.decode()[:500]
    answer = requests.get(response["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302
    back = urlparse(answer.headers["Location"])
    return client.get(f"{back.path}?{back.query}", follow=follow)


def test_the_sign_in_page_offers_it_only_when_configured(client, partnership, provider):
    sign_in = reverse("accounts:sign-in")
    assert "Sign in with your organisation’s account" not in client.get(sign_in).content.decode()
    OrganisationSignIn.objects.create(
        partnership=partnership,
        name="Northshire County Council",
        discovery_url=provider.discovery_url,
        client_id="x",
        email_domains="northshire.gov.uk",
    )
    assert "Sign in with your organisation’s account" in client.get(sign_in).content.decode()


def test_a_verified_email_signs_in_the_existing_account(client, make_user, provider, organisation):
    user = make_user(Role.CHAIR, email="sam.jones@northshire.gov.uk")
    provider.claims = {"email": "Sam.Jones@northshire.gov.uk", "email_verified": True}
    response = through_provider(client, "sam.jones@northshire.gov.uk")
    assert response.redirect_chain[-1][0] == DASHBOARD
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    event = AuditEvent.objects.get(event="accounts.user.signed_in", actor=user)
    assert event.after == {"via": "organisation", "organisation": "Northshire County Council"}
    assert provider.token_requests == 1


def test_the_client_secret_is_stored_encrypted(organisation, provider):
    stored = OrganisationSignIn.objects.get(pk=organisation.pk)
    assert provider.client_secret not in stored.client_secret_encrypted
    assert stored.client_secret == provider.client_secret


def test_an_unknown_email_is_refused_and_no_account_is_made(client, provider, organisation):
    provider.claims = {"email": "new.person@northshire.gov.uk", "email_verified": True}
    response = through_provider(client, "new.person@northshire.gov.uk")
    text = response.content.decode()
    assert "There is no account for new.person@northshire.gov.uk on this site" in text
    assert not User.objects.filter(email__iexact="new.person@northshire.gov.uk").exists()
    assert not response.wsgi_request.user.is_authenticated
    refused = AuditEvent.objects.get(event="accounts.single_sign_on.refused")
    assert refused.after["reason"] == "no account for this email address"


def test_an_unverified_email_is_refused(client, make_user, provider, organisation):
    make_user(Role.CHAIR, email="sam.jones@northshire.gov.uk")
    provider.claims = {"email": "sam.jones@northshire.gov.uk", "email_verified": False}
    response = through_provider(client, "sam.jones@northshire.gov.uk")
    assert "has not confirmed that sam.jones@northshire.gov.uk is your address" in (
        response.content.decode()
    )
    assert not response.wsgi_request.user.is_authenticated


def test_a_trusted_entra_tenant_counts_as_verified(client, make_user, provider, organisation):
    organisation.trusted_tenant_id = "11111111-2222-3333-4444-555555555555"
    organisation.save()
    user = make_user(Role.AGENCY_LEAD, email="sam.jones@northshire.gov.uk")
    provider.claims = {
        "preferred_username": "sam.jones@northshire.gov.uk",
        "tid": "11111111-2222-3333-4444-555555555555",
    }
    response = through_provider(client, "sam.jones@northshire.gov.uk")
    assert response.wsgi_request.user == user

    client.post(reverse("accounts:sign-out"))
    provider.claims = {"email": "sam.jones@northshire.gov.uk", "tid": "another-tenant"}
    response = through_provider(client, "sam.jones@northshire.gov.uk")
    assert not response.wsgi_request.user.is_authenticated


def test_an_address_outside_the_organisations_domains_is_refused(
    client, make_user, provider, organisation
):
    make_user(Role.CHAIR, email="chair@elsewhere.example")
    provider.claims = {"email": "chair@elsewhere.example", "email_verified": True}
    response = through_provider(client, "sam.jones@northshire.gov.uk")
    assert "is not an address Northshire County Council signs in for here" in (
        response.content.decode()
    )
    assert not response.wsgi_request.user.is_authenticated


def test_a_token_not_signed_with_the_published_key_is_refused(
    client, make_user, provider, organisation
):
    make_user(Role.CHAIR, email="sam.jones@northshire.gov.uk")
    provider.claims = {"email": "sam.jones@northshire.gov.uk", "email_verified": True}
    provider.sign_with_other_key = True
    response = through_provider(client, "sam.jones@northshire.gov.uk")
    assert "could not be checked, so you have not been signed in" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_a_wrong_client_secret_is_refused(client, make_user, provider, organisation):
    make_user(Role.CHAIR, email="sam.jones@northshire.gov.uk")
    organisation.client_secret = "not-the-secret"
    organisation.save()
    provider.claims = {"email": "sam.jones@northshire.gov.uk", "email_verified": True}
    response = through_provider(client, "sam.jones@northshire.gov.uk")
    assert not response.wsgi_request.user.is_authenticated
    assert "did not sign you in" in response.content.decode()


def test_a_callback_without_a_started_sign_in_is_refused(client, organisation):
    response = client.get(
        reverse("accounts:organisation-sign-in-callback") + "?code=x&state=y", follow=True
    )
    assert "did not finish. Start again" in response.content.decode()


def test_an_email_domain_with_no_organisation_sign_in_is_told_so(client, organisation):
    response = client.post(START, {"email": "someone@elsewhere.example"})
    assert response.status_code == 400
    assert "cannot be used to sign in here" in response.content.decode()
    assert client.post(START, {"email": ""}).status_code == 400


def test_the_partnership_can_ask_for_the_second_factor_after_it(
    client, make_user, provider, organisation, partnership
):
    user = make_user(Role.CHAIR, email="sam.jones@northshire.gov.uk")
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    provider.claims = {"email": "sam.jones@northshire.gov.uk", "email_verified": True}
    # By default the organisation's own sign-in is trusted to have asked for a second factor.
    assert through_provider(client, "sam.jones@northshire.gov.uk").wsgi_request.user == user
    client.post(reverse("accounts:sign-out"))

    partnership.two_factor_after_single_sign_on = True
    partnership.save()
    response = through_provider(client, "sam.jones@northshire.gov.uk", follow=False)
    assert response["Location"] == reverse("accounts:two-factor-verify")
    assert client.get(DASHBOARD).status_code == 302
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(reverse("accounts:two-factor-verify"), {"code": code})["Location"] == (
        DASHBOARD
    )
    assert client.get(DASHBOARD).status_code == 200


def test_an_unreachable_sign_in_service_is_explained(client, provider, organisation):
    provider.stop()
    response = client.post(START, {"email": "sam.jones@northshire.gov.uk"})
    assert response.status_code == 400
    assert "sign-in service cannot be reached just now" in response.content.decode()


def test_the_page_lets_its_form_send_people_on_to_the_provider_only(client, provider, organisation):
    """The form's answer redirects to the provider's site, which the Content-Security-Policy
    must allow as a form-action (browsers block it otherwise); no other site is added."""
    policy = client.get("/accounts/organisation-sign-in/")["Content-Security-Policy"]
    form_action = next(p for p in policy.split(";") if p.strip().startswith("form-action"))
    origin = "/".join(provider.issuer.split("/")[:3])
    assert "'self'" in form_action and origin in form_action
    organisation.is_enabled = False
    organisation.save()
    policy = client.get("/accounts/organisation-sign-in/")["Content-Security-Policy"]
    assert origin not in policy
