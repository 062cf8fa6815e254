"""The places on a session: locking it, taking and releasing a place, and offering free
places to the waiting list. Shared by the booking, waiting-list and session services."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection
from django.db.models import F
from django.utils import timezone

from safeguarding.accounts.models import Sector
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.training import notifications
from safeguarding.training.models import (
    Booking,
    BookingStatus,
    Session,
    SessionStatus,
)
from safeguarding.training.services.common import (
    settings_for,
)
from safeguarding.training.workflow import BOOKINGS

OFFER_JOB = "training.waiting-list-offers"


def who(actor, job) -> dict:
    return {"job": job} if job else {"actor": actor}


def lock_session(session_id: int) -> Session:
    """The session row, locked until the transaction ends.

    PostgreSQL locks the row (``SELECT … FOR UPDATE``). SQLite has no row locks and starts
    transactions lazily, so there the first statement is a no-op write that takes SQLite's
    write lock at once: two bookings never both read the old count and then collide.
    Call it first in the transaction.
    """
    if connection.vendor == "sqlite":
        Session.objects.filter(pk=session_id).update(places_taken=F("places_taken"))
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("course", "course__partnership")
        .get(pk=session_id)
    )


def take_place(session: Session) -> bool:
    """Take one place if one is free; False when the session is full."""
    taken = Session.objects.filter(
        pk=session.pk, status=SessionStatus.SCHEDULED, places_taken__lt=F("capacity")
    ).update(places_taken=F("places_taken") + 1)
    if taken:
        session.places_taken += 1
    return bool(taken)


def release_place(session: Session) -> None:
    Session.objects.filter(pk=session.pk, places_taken__gt=0).update(
        places_taken=F("places_taken") - 1
    )
    session.places_taken = max(session.places_taken - 1, 0)


def offer_free_places(*, session: Session, actor=None, job: str | None = None, now=None) -> int:
    """Offer each free place to the next person waiting (the caller holds the session lock).

    Fair: strictly first come, first served by the time people joined the list. Each offer
    lasts the partnership's offer time (48 hours unless changed), never past the start.
    """
    now = now or timezone.now()
    if session.status != SessionStatus.SCHEDULED or session.starts_at <= now:
        return 0
    hours = settings_for(session.course.partnership_id).offer_hours
    offered = 0
    while True:
        candidate = (
            Booking.objects.filter(session=session, status=BookingStatus.WAITING)
            .order_by("waiting_since", "pk")
            .first()
        )
        if candidate is None or not take_place(session):
            return offered
        before = snapshot(candidate, ["status"])
        BOOKINGS.check(candidate.status, "offer", BookingStatus.OFFERED)
        candidate.status = BookingStatus.OFFERED
        candidate.offer_expires_at = min(now + timedelta(hours=hours), session.starts_at)
        candidate.session = session
        candidate.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit_record(
            **who(actor, job or (None if actor else OFFER_JOB)),
            event="training.booking.offered",
            target=candidate,
            before=before,
            after={"status": candidate.status, "offer_expires_at": candidate.offer_expires_at},
        )
        notifications.place_offered(candidate)
        offered += 1


# Making a booking ------------------------------------------------------------------------


def clean_person(
    *, full_name: str, email: str, job_role: str, sector: str, organisation: str, agency
) -> dict:
    errors: dict[str, str] = {}
    full_name = (full_name or "").strip()
    email = (email or "").strip().lower()
    job_role = (job_role or "").strip()
    organisation = (organisation or "").strip() or (agency.name if agency else "")
    if not full_name:
        errors["full_name"] = "Enter the full name of the person attending."
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an email address in the correct format, like name@example.org."
    if not job_role:
        errors["job_role"] = "Enter the person's role, like “Youth worker”."
    if sector not in Sector.values:
        errors["sector"] = "Choose the sector the person works in."
    if not organisation:
        errors["organisation"] = "Enter the organisation the person works for."
    if errors:
        raise ValidationError(errors)
    return {
        "full_name": full_name[:200],
        "email": email,
        "job_role": job_role[:200],
        "sector": sector,
        "organisation": organisation[:200],
    }


def locked_booking(booking: Booking) -> tuple[Booking, Session]:
    session = lock_session(booking.session_id)
    booking = Booking.objects.select_related("agency", "member_group").get(pk=booking.pk)
    booking.session = session
    return booking, session
