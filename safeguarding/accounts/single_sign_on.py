"""Signing in with an organisation's own account: OpenID Connect (ADR 0011).

Each partnership lists the organisations' sign-in services (``OrganisationSignIn``), usually
Microsoft Entra ID. The person gives their work email; its domain picks the service; the
authorisation code flow (with state and nonce) runs through Authlib, which checks the ID
token's signature against the service's published keys, its issuer, audience, expiry and
nonce. The email is then matched to an existing, active account only if the service says it
is verified (the ``email_verified`` claim, or a trusted Entra ID tenant). Nothing here
creates an account or a role: an unknown email is refused and the refusal is audited.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.db import transaction
from django.http import HttpResponse

from safeguarding.accounts.models import OrganisationSignIn, User
from safeguarding.core.audit import audit_record

log = logging.getLogger(__name__)

SESSION_KEY = "organisation_sign_in"
TIMEOUT_SECONDS = 10


class SignInRefused(Exception):
    """The organisation's sign-in did not lead to an account here; the message says why."""


@dataclass(frozen=True)
class Outcome:
    user: User
    connection: OrganisationSignIn
    next_url: str


def offered() -> bool:
    return OrganisationSignIn.objects.filter(is_enabled=True).exists()


def form_action_origins() -> list[str]:
    """The origins the organisation sign-in form may send people on to: a form's redirect to
    another site counts against the Content-Security-Policy ``form-action`` (ADR 0012), so
    the page allows each enabled provider's own site (where its discovery document and, for
    Entra ID and most providers, its sign-in page are)."""
    origins = set()
    for url in OrganisationSignIn.objects.filter(is_enabled=True).values_list(
        "discovery_url", flat=True
    ):
        parts = urlsplit(url)
        if parts.scheme in ("https", "http") and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def connection_for_email(email: str) -> OrganisationSignIn | None:
    domain = (email or "").rpartition("@")[2].strip().lower()
    if not domain:
        return None
    for connection in OrganisationSignIn.objects.filter(is_enabled=True).select_related(
        "partnership"
    ):
        if domain in connection.domains:
            return connection
    return None


def _client(connection: OrganisationSignIn):
    oauth = OAuth()
    return oauth.register(
        name=f"organisation-{connection.pk}",
        client_id=connection.client_id,
        client_secret=connection.client_secret,
        server_metadata_url=connection.discovery_url,
        client_kwargs={"scope": "openid email profile", "default_timeout": TIMEOUT_SECONDS},
    )


def start(
    request, *, connection: OrganisationSignIn, email: str, redirect_uri: str, next_url: str = ""
) -> HttpResponse:
    """Send the person to their organisation's sign-in page."""
    request.session[SESSION_KEY] = {"connection": connection.pk, "next": next_url}
    try:
        return _client(connection).authorize_redirect(
            request, redirect_uri=redirect_uri, login_hint=email
        )
    except Exception as error:  # network, bad discovery document
        log.warning("Organisation sign-in %s could not start: %s", connection.pk, error)
        raise SignInRefused(
            f"{connection.name}'s sign-in service cannot be reached just now. Sign in with "
            "your email address and password instead, or try again later."
        ) from None


def _refuse(request, connection: OrganisationSignIn | None, reason: str, email: str = ""):
    with transaction.atomic():
        audit_record(
            actor=request.user,
            event="accounts.single_sign_on.refused",
            target=connection,
            after={"email": email, "reason": reason},
        )


def _verified(claims: dict, connection: OrganisationSignIn) -> tuple[str, bool]:
    email = claims.get("email") or ""
    tenant_trusted = bool(connection.trusted_tenant_id) and (
        claims.get("tid") == connection.trusted_tenant_id
    )
    if not email and tenant_trusted:
        email = claims.get("preferred_username") or claims.get("upn") or ""
    stated = claims.get("email_verified")
    verified = stated is True or str(stated).lower() == "true" or tenant_trusted
    return email.strip(), verified


def finish(request) -> Outcome:
    """Complete the sign-in from the organisation's answer; raises SignInRefused with why."""
    state = request.session.pop(SESSION_KEY, None)
    connection = (
        OrganisationSignIn.objects.filter(pk=state["connection"], is_enabled=True)
        .select_related("partnership")
        .first()
        if state
        else None
    )
    if connection is None:
        raise SignInRefused(
            "The sign-in with your organisation's account did not finish. Start again."
        )
    try:
        token = _client(connection).authorize_access_token(request)
    except OAuthError as error:
        _refuse(request, connection, f"refused by the organisation: {error.error}")
        raise SignInRefused(
            f"{connection.name} did not sign you in ({error.description or error.error}). "
            "Try again, or sign in with your email address and password."
        ) from None
    except Exception as error:  # a bad signature, issuer, audience, nonce, or no answer
        log.warning("Organisation sign-in %s failed: %s", connection.pk, error)
        _refuse(request, connection, f"answer not accepted: {type(error).__name__}")
        raise SignInRefused(
            f"The answer from {connection.name} could not be checked, so you have not been "
            "signed in. Try again, or sign in with your email address and password."
        ) from None
    claims = dict(token.get("userinfo") or {})
    email, verified = _verified(claims, connection)
    if not email:
        _refuse(request, connection, "no email address in the answer")
        raise SignInRefused(
            f"{connection.name} did not tell us your email address, so we cannot find your "
            "account. Sign in with your email address and password."
        )
    if not verified:
        _refuse(request, connection, "email address not verified", email)
        raise SignInRefused(
            f"{connection.name} has not confirmed that {email} is your address, so you cannot "
            "sign in with its account. Sign in with your email address and password."
        )
    if email.rpartition("@")[2].lower() not in connection.domains:
        _refuse(request, connection, "email domain not served by this organisation", email)
        raise SignInRefused(
            f"{email} is not an address {connection.name} signs in for here. Sign in with "
            "your email address and password."
        )
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        _refuse(request, connection, "no account for this email address", email)
        raise SignInRefused(
            f"There is no account for {email} on this site. Accounts are set up by the "
            "partnership's business unit: ask them to add you, then sign in again."
        )
    return Outcome(user=user, connection=connection, next_url=state.get("next") or "")
