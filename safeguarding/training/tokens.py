"""Signed links for people without an account: their booking, and their manager's decision.

The link carries the booking's id signed with the site's secret key and a purpose, so it
cannot be guessed or reused for another purpose. Nothing is stored.
"""

from __future__ import annotations

from django.core import signing

ATTENDEE = "training.booking"
MANAGER = "training.manager"


def make(purpose: str, booking_id: int) -> str:
    return signing.dumps(booking_id, salt=purpose, compress=False)


def read(purpose: str, token: str) -> int | None:
    try:
        value = signing.loads(token, salt=purpose)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def attendee_token(booking) -> str:
    return make(ATTENDEE, booking.pk)


def manager_token(booking) -> str:
    return make(MANAGER, booking.pk)
