"""Booking places, the waiting list and its time-limited offers, approval and cancellation.

Capacity is protected three times over: every change to a session's places happens in a
transaction that first locks the session row (``SELECT … FOR UPDATE`` on PostgreSQL); the
place is taken with a conditional ``UPDATE … WHERE places_taken < capacity`` that cannot
overshoot even without the lock; and a database check constraint refuses
``places_taken > capacity`` outright. Whoever loses the race for the last place goes on the
waiting list, never over capacity.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from safeguarding.accounts.models import Agency
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.formatting import govuk_date
from safeguarding.core.working_days import add_working_days, working_days_between
from safeguarding.training import notifications
from safeguarding.training.fees import fee_for
from safeguarding.training.models import (
    ACTIVE_STATUSES,
    ATTENDED,
    PLACE_HOLDING_STATUSES,
    Booking,
    BookingStatus,
    Session,
    SessionStatus,
)
from safeguarding.training.services.common import (
    BOOKING_FIELDS,
    settings_for,
)
from safeguarding.training.services.limits import (
    check_public_booking_allowed,
    record_public_booking,
)
from safeguarding.training.services.places import (
    clean_person,
    lock_session,
    locked_booking,
    offer_free_places,
    release_place,
    take_place,
)
from safeguarding.training.workflow import BOOKINGS


def _check_bookable(session: Session, now) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(
            "This session has been cancelled, so it cannot be booked. Choose another date."
        )
    if session.starts_at <= now:
        raise ValidationError(
            "This session has already taken place, so it can no longer be booked. "
            "Choose a later date."
        )
    if not session.course.is_published:
        raise ValidationError("This course is not open for booking yet.")


def _check_not_already_booked(session: Session, email: str, now) -> None:
    same = Booking.objects.filter(session=session, email=email, status__in=ACTIVE_STATUSES).first()
    if same is not None:
        raise ValidationError(
            f"{email} already has a booking on this session ({same.get_status_display().lower()}). "
            "Each person can book a session once."
        )
    other = (
        Booking.objects.filter(
            session__course=session.course,
            email=email,
            status__in=PLACE_HOLDING_STATUSES,
            session__starts_at__gt=now,
        )
        .select_related("session")
        .first()
    )
    if other is not None:
        day = govuk_date(other.session.starts_at)
        raise ValidationError(
            f"{email} already has a place on this course on {day}. Cancel that booking first "
            "to change the date."
        )


def _check_prerequisites(session: Session, email: str, equivalent_training: str) -> None:
    required = list(session.course.prerequisites.all())
    if not required:
        return
    done = set(
        Booking.objects.filter(
            email=email,
            status=BookingStatus.BOOKED,
            attendance__in=ATTENDED,
            session__course__in=required,
        ).values_list("session__course_id", flat=True)
    )
    missing = [course for course in required if course.pk not in done]
    if missing and not equivalent_training.strip():
        titles = ", ".join(f"“{course.title}”" for course in missing)
        raise ValidationError(
            {
                "equivalent_training": (
                    f"{session.course.title} needs {titles} first, and we have no record of "
                    f"{email} attending it. Book that course first, or tell us where and when "
                    "you completed equivalent training."
                )
            }
        )


@transaction.atomic
def booking_create(
    *,
    actor,
    session: Session,
    full_name: str,
    email: str,
    job_role: str,
    sector: str,
    organisation: str = "",
    agency=None,
    line_manager_email: str = "",
    member_group=None,
    equivalent_training: str = "",
    user=None,
    booked_by=None,
    public_ip: str | None = None,
) -> Booking:
    """Book a place, or a place on the waiting list when the session is full.

    ``public_ip`` is given for a booking made by someone not signed in: it is then refused
    when that email address or IP address has booked too often lately (services.limits).
    """
    now = timezone.now()
    person = clean_person(
        full_name=full_name,
        email=email,
        job_role=job_role,
        sector=sector,
        organisation=organisation,
        agency=agency,
    )
    line_manager_email = (line_manager_email or "").strip().lower()
    if line_manager_email:
        try:
            validate_email(line_manager_email)
        except ValidationError:
            raise ValidationError(
                {
                    "line_manager_email": "Enter the line manager's email address in the correct "
                    "format, like name@example.org."
                }
            ) from None
        if line_manager_email == person["email"]:
            raise ValidationError(
                {"line_manager_email": "Enter your line manager's email address, not your own."}
            )
    if public_ip is not None:
        check_public_booking_allowed(email=person["email"], ip=public_ip, now=now)
    session = lock_session(session.pk)
    course = session.course
    _check_bookable(session, now)
    if course.approval_required and not line_manager_email:
        raise ValidationError(
            {
                "line_manager_email": "This course needs your line manager's approval. Enter "
                "their email address so we can ask them."
            }
        )
    if course.audience_sectors and person["sector"] not in course.audience_sectors:
        raise ValidationError(
            {"sector": f"{course.title} is for {', '.join(course.audience_labels).lower()} only."}
        )
    if member_group is not None and member_group.partnership_id != course.partnership_id:
        raise ValidationError({"member_group": "Choose a member group of this partnership."})
    if agency is None:
        # An organisation typed by name that the partnership knows becomes that agency, so
        # reach reports find its locality and its members get their discount.
        agency = Agency.objects.filter(
            partnerships=course.partnership_id, name__iexact=person["organisation"]
        ).first()
    if member_group is None and agency is not None:
        member_group = agency.training_member_groups.filter(
            partnership_id=course.partnership_id
        ).first()
    _check_not_already_booked(session, person["email"], now)
    _check_prerequisites(session, person["email"], equivalent_training or "")

    if take_place(session):
        status = BookingStatus.REQUESTED if course.approval_required else BookingStatus.BOOKED
    else:
        status = BookingStatus.WAITING
    booking = Booking(
        session=session,
        user=user,
        booked_by=booked_by if booked_by is not None and booked_by != user else None,
        agency=agency,
        line_manager_email=line_manager_email,
        member_group=member_group,
        fee=fee_for(course, sector=person["sector"], member_group=member_group),
        equivalent_training=(equivalent_training or "").strip(),
        status=status,
        waiting_since=now if status == BookingStatus.WAITING else None,
        approval_requested_at=now if status == BookingStatus.REQUESTED else None,
        **person,
    )
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        raise ValidationError(
            f"{person['email']} already has a booking on this session. Each person can book a "
            "session once."
        ) from None
    if public_ip is not None:
        record_public_booking(email=person["email"], ip=public_ip, now=now)
    audit_record(
        actor=actor,
        event="training.booking.created",
        target=booking,
        after={**snapshot(booking, BOOKING_FIELDS), "session": session.pk},
    )
    if status == BookingStatus.BOOKED:
        notifications.booking_confirmed(booking)
    elif status == BookingStatus.REQUESTED:
        notifications.booking_awaiting_approval(booking)
    else:
        notifications.waiting_list_joined(booking, Booking.objects.waiting_position(booking))
    return booking


# Manager approval -------------------------------------------------------------------------


@transaction.atomic
def booking_approve(*, actor, booking: Booking) -> Booking:
    booking, session = locked_booking(booking)
    BOOKINGS.check(booking.status, "approve", BookingStatus.BOOKED)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("The session has been cancelled, so there is nothing to approve.")
    booking.status = BookingStatus.BOOKED
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        event="training.booking.approved",
        target=booking,
        before={"status": BookingStatus.REQUESTED},
        after={"status": booking.status, "manager": booking.line_manager_email},
    )
    notifications.booking_confirmed(booking)
    return booking


@transaction.atomic
def booking_decline(*, actor, booking: Booking, reason: str = "") -> Booking:
    booking, session = locked_booking(booking)
    BOOKINGS.check(booking.status, "decline", BookingStatus.DECLINED)
    booking.status = BookingStatus.DECLINED
    booking.decided_at = timezone.now()
    booking.status_reason = (reason or "").strip()[:300]
    booking.save(update_fields=["status", "decided_at", "status_reason", "updated_at"])
    release_place(session)
    audit_record(
        actor=actor,
        event="training.booking.declined",
        target=booking,
        before={"status": BookingStatus.REQUESTED},
        after={"status": booking.status, "manager": booking.line_manager_email},
    )
    notifications.booking_declined(booking)
    offer_free_places(session=session, actor=actor)
    return booking


# Approvals nobody answers ------------------------------------------------------------------

APPROVAL_CHASE_WORKING_DAYS = 3
APPROVAL_EXPIRY_WORKING_DAYS = 10


def approvals_chase(*, run) -> dict[str, int]:
    """Chase each unanswered approval once after 3 working days; cancel it after 10.

    Idempotent: every chase and every lapse is claimed with ``run.once`` (keyed on when the
    approval was asked for) inside the transaction that does it.
    """
    today = timezone.localdate(run.now)
    done = {"chased": 0, "expired": 0}
    waiting = Booking.objects.filter(status=BookingStatus.REQUESTED).select_related(
        "session", "session__course", "session__course__partnership"
    )
    for booking in waiting:
        asked_at = booking.approval_requested_at or booking.created_at
        asked_on = timezone.localdate(asked_at)
        passed = working_days_between(asked_on, today)
        if passed >= APPROVAL_EXPIRY_WORKING_DAYS:
            done["expired"] += _approval_expire_one(booking=booking, asked_at=asked_at, run=run)
        elif passed >= APPROVAL_CHASE_WORKING_DAYS and booking.session.starts_at > run.now:
            with transaction.atomic():
                if run.once(f"approval-chase:{booking.pk}:{asked_at.isoformat()}"):
                    audit_record(
                        job=run.job,
                        event="training.booking.approval_chased",
                        target=booking,
                        after={"manager": booking.line_manager_email},
                    )
                    notifications.approval_chase(
                        booking,
                        expires_on=add_working_days(asked_on, APPROVAL_EXPIRY_WORKING_DAYS),
                    )
                    done["chased"] += 1
    return done


@transaction.atomic
def _approval_expire_one(*, booking: Booking, asked_at, run) -> int:
    booking, session = locked_booking(booking)
    if booking.status != BookingStatus.REQUESTED:
        return 0  # decided while the job ran
    if (booking.approval_requested_at or booking.created_at) != asked_at:
        return 0
    if not run.once(f"approval-expired:{booking.pk}:{asked_at.isoformat()}"):
        return 0
    BOOKINGS.check(booking.status, "expire_approval", BookingStatus.CANCELLED)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = run.now
    booking.status_reason = (
        f"Your line manager did not answer within {APPROVAL_EXPIRY_WORKING_DAYS} working days"
    )
    booking.save(update_fields=["status", "cancelled_at", "status_reason", "updated_at"])
    release_place(session)
    audit_record(
        job=run.job,
        event="training.booking.approval_expired",
        target=booking,
        before={"status": BookingStatus.REQUESTED, "approval_requested_at": asked_at},
        after={"status": booking.status, "status_reason": booking.status_reason},
    )
    notifications.approval_expired(booking)
    offer_free_places(session=session, job=run.job, now=run.now)
    return 1


# Waiting-list offers ---------------------------------------------------------------------


def is_late_cancellation(session: Session, now) -> bool:
    notice = settings_for(session.course.partnership_id).late_cancellation_working_days
    today = timezone.localdate(now)
    return working_days_between(today, timezone.localdate(session.starts_at)) < notice


@transaction.atomic
def booking_cancel(*, actor, booking: Booking, reason: str = "") -> Booking:
    """The attendee (or their agency lead, or the business unit) gives up the place."""
    booking, session = locked_booking(booking)
    now = timezone.now()
    BOOKINGS.check(booking.status, "cancel", BookingStatus.CANCELLED)
    if session.starts_at <= now:
        raise ValidationError(
            "The session has started, so the booking can no longer be cancelled. The "
            "business unit records who attended."
        )
    before = snapshot(booking, ["status", "late_cancellation"])
    had_place = booking.status in PLACE_HOLDING_STATUSES
    booking.late_cancellation = booking.status in {
        BookingStatus.BOOKED,
        BookingStatus.REQUESTED,
    } and is_late_cancellation(session, now)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.offer_expires_at = None
    booking.status_reason = (reason or "").strip()[:300]
    booking.save(
        update_fields=[
            "status",
            "cancelled_at",
            "late_cancellation",
            "offer_expires_at",
            "status_reason",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        event="training.booking.cancelled",
        target=booking,
        before=before,
        after=snapshot(booking, ["status", "late_cancellation", "status_reason"]),
    )
    notifications.booking_cancelled(booking, had_place=had_place)
    if had_place:
        release_place(session)
        offer_free_places(session=session, actor=actor)
    return booking
