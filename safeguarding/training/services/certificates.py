"""Certificates of attendance: issued only to people who attended, verifiable by code."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.core.audit import audit_record
from safeguarding.training.dates import add_months
from safeguarding.training.models import Booking, Certificate

# No 0/O or 1/I/L: the code is read aloud and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def certificate_issue(*, actor, booking: Booking) -> Certificate:
    """The booking's certificate, issued on first request. Refused unless they attended."""
    booking = (
        Booking.objects.select_for_update().select_related("session__course").get(pk=booking.pk)
    )
    if not booking.attended:
        raise ValidationError(
            "Certificates are only for people who attended. If you did attend, ask the business "
            "unit to correct the register."
        )
    existing = Certificate.objects.filter(booking=booking).first()
    if existing is not None:
        return existing
    course = booking.session.course
    attended_on = timezone.localdate(booking.session.starts_at)
    code = new_code()
    while Certificate.objects.filter(code=code).exists():
        code = new_code()
    certificate = Certificate.objects.create(
        booking=booking,
        code=code,
        issued_on=attended_on,
        expires_on=add_months(attended_on, course.refresher_months)
        if course.refresher_months
        else None,
    )
    audit_record(
        actor=actor,
        event="training.certificate.issued",
        target=booking,
        after={"code": code, "expires_on": certificate.expires_on},
    )
    return certificate
