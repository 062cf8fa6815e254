"""Two-factor sign-in: authenticator apps (TOTP) and single-use recovery codes (ADR 0011).

The devices are django-otp's. A person who needs the second step is not signed in after
the password: the session only holds a *pending* sign-in (who, how, where to go next) for
``TWO_FACTOR_PENDING_SECONDS``. Nothing but the code page and the set-up page can be reached
until the second step is done; then :func:`pending_finish` signs them in. Signing in only
then means django-axes resets the failure count only after both steps.

Every set-up, use of a recovery code, failure, new set of codes and turning off writes an
audit event. Wrong codes count towards the same lockout as wrong passwords.
"""

from __future__ import annotations

import secrets
import time
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from safeguarding.accounts.models import Partnership, RoleAssignment, User
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.roles import Role

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread

PENDING_KEY = "two_factor_pending"

VIA_PASSWORD = "password"
VIA_ORGANISATION = "organisation"


# Who needs it --------------------------------------------------------------------------


def required_for(user: User) -> list[RoleAssignment]:
    """The person's roles whose partnership requires two-factor sign-in for that role."""
    assignments = RoleAssignment.objects.filter(user=user).select_related("partnership")
    return [a for a in assignments if a.role in (a.partnership.two_factor_roles or [])]


def is_required(user: User) -> bool:
    return bool(required_for(user))


def app_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_second_factor(user: User) -> bool:
    return app_device(user) is not None


def recovery_codes_left(user: User) -> int:
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    return device.token_set.count() if device else 0


def second_step_needed(user: User, *, via: str, partnership: Partnership | None = None) -> bool:
    """After the password (or an organisation's sign-in), is a second step needed?"""
    if via == VIA_ORGANISATION and not (
        partnership and partnership.two_factor_after_single_sign_on
    ):
        return False  # the organisation's own sign-in asks for its second factor
    return has_second_factor(user) or is_required(user)


# The pending sign-in between the two steps -----------------------------------------------


def pending_start(request, *, user: User, username: str, via: str, next_url: str = "") -> None:
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "username": username,
        "via": via,
        "next": next_url,
        "since": int(time.time()),
    }


def pending_user(request) -> User | None:
    state = request.session.get(PENDING_KEY)
    if not state:
        return None
    if int(time.time()) - state["since"] > settings.TWO_FACTOR_PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return User.objects.filter(pk=state["user"], is_active=True).first()


def pending_state(request) -> dict:
    return request.session.get(PENDING_KEY) or {}


def pending_cancel(request) -> None:
    request.session.pop(PENDING_KEY, None)


def pending_finish(request, user: User) -> str:
    """Sign the person in after the second step; the address to go on to."""
    state = request.session.pop(PENDING_KEY)
    login(request, user, backend=state["backend"])
    with transaction.atomic():
        audit_record(
            actor=user,
            event="accounts.user.signed_in",
            target=user,
            after={"second_factor": True, "via": state["via"]},
        )
    return state.get("next") or ""


# Setting up an authenticator app --------------------------------------------------------


def setup_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up: the same one while the person reloads the page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key as base32 in groups of four, for people who cannot scan the QR code."""
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The set-up address as an inline SVG QR code, drawn here on the server."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#0b0c0c", light="#ffffff", title="QR code for your authenticator app"
    )


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _fail(request, *, user: User, username: str, stage: str) -> None:
    """Record a wrong code: an audit event, and one failure towards the axes lockout."""
    with transaction.atomic():
        audit_record(
            actor=user, event="accounts.two_factor.failed", target=user, after={"stage": stage}
        )
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def setup_confirm(
    request, *, user: User, device: TOTPDevice, code: str, username: str
) -> list[str]:
    """Confirm the app with a code from it; returns the new recovery codes, shown once."""
    if not _normalise(code):
        raise ValidationError({"code": "Enter the 6-digit code from your authenticator app"})
    if not device.verify_token(_normalise(code)):
        _fail(request, user=user, username=username, stage="set-up")
        raise ValidationError(
            {
                "code": "The code is not right. Check the time on your phone is correct and "
                "enter the newest code the app shows"
            }
        )
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
        was_set_up = replaced.exists()
        replaced.delete()
        TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(user)
        audit_record(
            actor=user,
            event="accounts.two_factor.set_up",
            target=user,
            after={"method": "authenticator app", "replaced_previous_app": was_set_up},
        )
    return codes


# Recovery codes -------------------------------------------------------------------------


def _fingerprint(code: str) -> str:
    """Codes are stored as a keyed hash (16 characters fit django-otp's token column)."""
    return salted_hmac("safeguarding.recovery-code", _normalise(code)).hexdigest()[:16]


def new_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        device.token_set.create(token=_fingerprint(raw))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    if not has_second_factor(user):
        raise ValidationError("Set up an authenticator app first; recovery codes come with it.")
    codes = new_recovery_codes(user)
    audit_record(actor=user, event="accounts.two_factor.recovery_codes_regenerated", target=user)
    return codes


# The second step when signing in --------------------------------------------------------


@dataclass(frozen=True)
class Verified:
    method: str  # "authenticator app" or "recovery code"
    codes_left: int


def verify(request, *, user: User, code: str, username: str) -> Verified:
    """Check a code from the app, or a recovery code (used up). Raises with a message."""
    token = _normalise(code)
    if not token:
        raise ValidationError({"code": "Enter the code from your authenticator app"})
    device = app_device(user)
    if device is not None and token.isdigit() and device.verify_token(token):
        return Verified("authenticator app", recovery_codes_left(user))
    recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    if recovery is not None and not token.isdigit() and recovery.verify_token(_fingerprint(token)):
        left = recovery_codes_left(user)
        with transaction.atomic():
            audit_record(
                actor=user,
                event="accounts.two_factor.recovery_code_used",
                target=user,
                after={"codes_left": left},
            )
        return Verified("recovery code", left)
    _fail(request, user=user, username=username, stage="sign-in")
    raise ValidationError(
        {
            "code": "The code is not right. Enter the newest 6-digit code from your "
            "authenticator app, or one of your recovery codes"
        }
    )


# Turning it off -------------------------------------------------------------------------


@transaction.atomic
def disable(*, actor: User, user: User) -> None:
    required = required_for(user)
    if required:
        a = required[0]
        raise ValidationError(
            f"{a.partnership.name} requires two-factor sign-in for the role "
            f"“{Role(a.role).label}”, so it cannot be turned off. You can set up a new app "
            "instead."
        )
    if not has_second_factor(user):
        raise ValidationError("Two-factor sign-in is not set up.")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, event="accounts.two_factor.disabled", target=user)


# The partnership's setting --------------------------------------------------------------

SIGN_IN_SETTING_FIELDS = ["two_factor_roles", "two_factor_after_single_sign_on"]


@transaction.atomic
def partnership_sign_in_settings_update(
    *,
    actor,
    partnership: Partnership,
    two_factor_roles: list[str],
    two_factor_after_single_sign_on: bool,
) -> Partnership:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    before = snapshot(partnership, SIGN_IN_SETTING_FIELDS)
    partnership.two_factor_roles = [r for r in Role.values if r in set(two_factor_roles)]
    partnership.two_factor_after_single_sign_on = two_factor_after_single_sign_on
    partnership.full_clean()
    partnership.save(update_fields=[*SIGN_IN_SETTING_FIELDS, "updated_at"])
    audit_record(
        actor=actor,
        event="accounts.partnership.sign_in_settings_updated",
        target=partnership,
        before=before,
        after=snapshot(partnership, SIGN_IN_SETTING_FIELDS),
    )
    return partnership
