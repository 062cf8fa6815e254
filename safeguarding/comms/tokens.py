"""Signed links: confirm a subscription, reach one's preferences, unsubscribe, count an
open, follow a link in an edition. Each has its own salt, so one kind of link can never be
used as another."""

from __future__ import annotations

from django.core import signing

CONFIRM_SALT = "comms.subscriber.confirm"
PREFERENCES_SALT = "comms.subscriber.preferences"
OPEN_SALT = "comms.bulletin.open"
LINK_SALT = "comms.bulletin.link"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for a week


def confirm_token(subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{subscriber.pk}:{subscriber.email}")


def confirm_read(token: str) -> tuple[int, str] | None:
    """(subscriber id, email) from a confirmation link; None when forged or expired."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    pk, _, email = value.partition(":")
    return (int(pk), email) if pk.isdigit() else None


def preferences_token(subscriber) -> str:
    """The subscriber's own link to their preferences and to unsubscribe (no expiry: it is
    in every email, and RFC 8058 needs it to keep working)."""
    return signing.Signer(salt=PREFERENCES_SALT).sign(str(subscriber.pk))


def preferences_read(token: str) -> int | None:
    try:
        value = signing.Signer(salt=PREFERENCES_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def open_token(bulletin_pk: int, nonce: str) -> str:
    return signing.Signer(salt=OPEN_SALT).sign(f"{bulletin_pk}.{nonce}")


def open_read(token: str) -> tuple[int, str] | None:
    try:
        value = signing.Signer(salt=OPEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    pk, _, nonce = value.partition(".")
    return (int(pk), nonce) if pk.isdigit() and nonce else None


def link_token(link) -> str:
    return signing.Signer(salt=LINK_SALT).sign(f"{link.bulletin_id}.{link.pk}")


def link_read(token: str) -> tuple[int, int] | None:
    try:
        value = signing.Signer(salt=LINK_SALT).unsign(token)
    except signing.BadSignature:
        return None
    bulletin_pk, _, link_pk = value.partition(".")
    if not (bulletin_pk.isdigit() and link_pk.isdigit()):
        return None
    return int(bulletin_pk), int(link_pk)
