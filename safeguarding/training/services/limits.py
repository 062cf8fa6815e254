"""Limits on booking without signing in, so nobody can fill a session with made-up people.

Each booking made by someone who is not signed in is counted against its email address and
the IP address it came from, in the database (shared by every web worker, unlike the
per-process cache). Only keyed hashes of the addresses are kept, and only for the counting
window. Signed-in people, agency leads and the business unit are not limited.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

from safeguarding.training.models import PublicBookingRecord

WINDOW = timedelta(hours=1)
PER_EMAIL = 5
PER_IP = 10
TOO_MANY = "too_many_bookings"


def _key(kind: str, value: str) -> str:
    return salted_hmac("training.public-booking", f"{kind}:{value}").hexdigest()


def _keys(*, email: str, ip: str) -> tuple[str, str]:
    return _key("email", email.lower()), _key("ip", ip)


def check_public_booking_allowed(*, email: str, ip: str, now) -> None:
    """Refuse the booking when its email address or IP has booked too often lately."""
    email_key, ip_key = _keys(email=email, ip=ip)
    recent = PublicBookingRecord.objects.filter(created_at__gt=now - WINDOW)
    if (
        recent.filter(key=email_key).count() >= PER_EMAIL
        or recent.filter(key=ip_key).count() >= PER_IP
    ):
        raise ValidationError(
            "There have been too many bookings from this email address or this connection in "
            "the last hour. Try again later, or sign in to book.",
            code=TOO_MANY,
        )


def record_public_booking(*, email: str, ip: str, now) -> None:
    """Count a booking made without signing in (inside the booking's transaction)."""
    PublicBookingRecord.objects.filter(created_at__lte=now - WINDOW).delete()
    PublicBookingRecord.objects.bulk_create(
        [PublicBookingRecord(key=key, created_at=now) for key in _keys(email=email, ip=ip)]
    )
