"""The waiting list: accepting or declining an offered place, and offers that expire."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.core.audit import audit_record
from safeguarding.training import notifications
from safeguarding.training.models import (
    Booking,
    BookingStatus,
)
from safeguarding.training.services.places import (
    locked_booking,
    offer_free_places,
    release_place,
)
from safeguarding.training.workflow import BOOKINGS


@transaction.atomic
def offer_accept(*, actor, booking: Booking) -> Booking:
    booking, session = locked_booking(booking)
    now = timezone.now()
    BOOKINGS.check(booking.status, "accept_offer")
    if booking.offer_expires_at and booking.offer_expires_at <= now:
        raise ValidationError(
            "Sorry, this offer has expired and the place has gone to the next person waiting."
        )
    target = BookingStatus.REQUESTED if session.course.approval_required else BookingStatus.BOOKED
    if target == BookingStatus.REQUESTED and not booking.line_manager_email:
        raise ValidationError(
            "This course needs your line manager's approval, but we have no email address "
            "for them. Contact the business unit."
        )
    booking.status = target
    booking.offer_expires_at = None
    if target == BookingStatus.REQUESTED:
        booking.approval_requested_at = now
    booking.save(
        update_fields=["status", "offer_expires_at", "approval_requested_at", "updated_at"]
    )
    audit_record(
        actor=actor,
        event="training.booking.offer_accepted",
        target=booking,
        before={"status": BookingStatus.OFFERED},
        after={"status": booking.status},
    )
    if target == BookingStatus.BOOKED:
        notifications.booking_confirmed(booking)
    else:
        notifications.booking_awaiting_approval(booking)
    return booking


@transaction.atomic
def offer_decline(*, actor, booking: Booking) -> Booking:
    booking, session = locked_booking(booking)
    BOOKINGS.check(booking.status, "decline_offer")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.status_reason = "Declined the offer of a place"
    booking.offer_expires_at = None
    booking.save(
        update_fields=["status", "cancelled_at", "status_reason", "offer_expires_at", "updated_at"]
    )
    release_place(session)
    audit_record(
        actor=actor,
        event="training.booking.offer_declined",
        target=booking,
        before={"status": BookingStatus.OFFERED},
        after={"status": booking.status},
    )
    offer_free_places(session=session, actor=actor)
    return booking


def offers_expire(*, run) -> int:
    """Close every offer whose time is up and pass the place on. Idempotent: safe to rerun."""
    expired = 0
    due = list(
        Booking.objects.filter(
            status=BookingStatus.OFFERED, offer_expires_at__lte=run.now
        ).values_list("pk", "session_id", "offer_expires_at")
    )
    for pk, session_id, expires_at in due:
        expired += _expire_one(pk=pk, session_id=session_id, expires_at=expires_at, run=run)
    return expired


@transaction.atomic
def _expire_one(*, pk: int, session_id: int, expires_at, run) -> int:
    booking, session = locked_booking(Booking(pk=pk, session_id=session_id))
    if booking.status != BookingStatus.OFFERED or booking.offer_expires_at != expires_at:
        return 0  # accepted, declined or already expired by an overlapping run
    if not run.once(f"offer-expired:{pk}:{expires_at.isoformat()}"):
        return 0
    BOOKINGS.check(booking.status, "expire_offer")
    booking.status = BookingStatus.OFFER_EXPIRED
    booking.save(update_fields=["status", "updated_at"])
    release_place(session)
    audit_record(
        job=run.job,
        event="training.booking.offer_expired",
        target=booking,
        before={"status": BookingStatus.OFFERED, "offer_expires_at": expires_at},
        after={"status": booking.status},
    )
    notifications.offer_expired(booking)
    offer_free_places(session=session, job=run.job, now=run.now)
    return 1


# Cancelling ------------------------------------------------------------------------------
