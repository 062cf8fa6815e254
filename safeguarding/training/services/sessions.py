"""Writes for sessions: scheduling, changes (everyone booked is told), cancellation, the
register and walk-in attendees."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.formatting import govuk_date
from safeguarding.core.services import model_update
from safeguarding.training import notifications
from safeguarding.training.fees import fee_for
from safeguarding.training.models import (
    ACTIVE_STATUSES,
    PLACE_HOLDING_STATUSES,
    Attendance,
    Booking,
    BookingStatus,
    Course,
    Session,
    SessionStatus,
)
from safeguarding.training.services.common import (
    BOOKING_FIELDS,
    SESSION_FIELDS,
)
from safeguarding.training.services.places import (
    clean_person,
    lock_session,
    offer_free_places,
    take_place,
)
from safeguarding.training.workflow import BOOKINGS

EDITABLE = ["starts_at", "ends_at", "venue", "online_link", "capacity", "trainers"]
# Changes that attendees must hear about (with a new calendar file).
NOTIFIED = {
    "starts_at": "date and time",
    "ends_at": "finish time",
    "venue": "venue",
    "online_link": "joining link",
}


def _check_session(session: Session, course: Course) -> None:
    errors = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = "The session must end after it starts."
    if not session.venue.strip() and not session.online_link.strip():
        errors["venue"] = "Enter the venue, or an online joining link for a virtual session."
    if session.capacity is None or session.capacity < 1:
        errors["capacity"] = "Enter how many places there are, 1 or more."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *, actor=None, job: str | None = None, course: Course, joint_partnerships=(), **fields: Any
) -> Session:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} cannot be set on a session.")
    fields.setdefault("venue", "")
    fields.setdefault("online_link", "")
    fields.setdefault("trainers", "")
    session = Session(course=course, **fields)
    _check_session(session, course)
    session.full_clean()
    session.save()
    joint = [p for p in joint_partnerships if p.pk != course.partnership_id]
    session.joint_partnerships.set(joint)
    audit_record(
        actor=actor,
        job=job,
        event="training.session.created",
        target=session,
        after={**snapshot(session, SESSION_FIELDS), "joint": sorted(p.slug for p in joint)},
    )
    return session


@transaction.atomic
def session_update(*, actor, session: Session, joint_partnerships=None, **fields: Any) -> Session:
    session = lock_session(session.pk)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session has been cancelled; it can no longer be changed.")
    before = snapshot(session, SESSION_FIELDS)
    for name in fields:
        if name not in EDITABLE:
            raise ValidationError(f"{name} cannot be changed here.")
    changed: list[str] = []  # what attendees are told has changed

    def check(record: Session) -> None:
        _check_session(record, record.course)
        if record.capacity < record.places_taken:
            raise ValidationError(
                {
                    "capacity": f"{record.places_taken} people already hold places, so the "
                    f"capacity cannot be less than {record.places_taken}. Cancel bookings first."
                }
            )
        changed.extend(
            label
            for name, label in NOTIFIED.items()
            if before[name] != snapshot(record, [name])[name]
        )
        if changed:
            record.sequence += 1  # calendar clients replace the event they hold

    data: dict[str, Any] = {
        name: value if value is not None else "" for name, value in fields.items()
    }
    if joint_partnerships is not None:
        data["joint_partnerships"] = [
            p for p in joint_partnerships if p.pk != session.course.partnership_id
        ]
    session, _ = model_update(
        session,
        fields=[*EDITABLE, "joint_partnerships"],
        data=data,
        validate=check,
        save=lambda record, update_fields: record.save(update_fields=[*update_fields, "sequence"]),
        always=True,
        audit_fields=SESSION_FIELDS,
        before=before,
        actor=actor,
        event="training.session.updated",
    )
    if changed and session.starts_at > timezone.now():
        for booking in session.bookings.filter(status__in=PLACE_HOLDING_STATUSES):
            booking.session = session
            notifications.session_changed(booking, changed)
    offer_free_places(session=session, actor=actor)
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session, reason: str) -> Session:
    """The business unit cancels a session; everyone booked or waiting is told."""
    session = lock_session(session.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Enter why the session is cancelled; it is sent to everyone booked."}
        )
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session has already been cancelled.")
    if session.starts_at <= timezone.now():
        raise ValidationError("This session has already taken place, so it cannot be cancelled.")
    now = timezone.now()
    before = snapshot(session, SESSION_FIELDS)
    session.status = SessionStatus.CANCELLED
    session.cancellation_reason = reason
    session.cancelled_at = now
    session.places_taken = 0
    session.save()
    affected = list(session.bookings.filter(status__in=ACTIVE_STATUSES))
    for booking in affected:
        BOOKINGS.check(booking.status, "cancel_session", BookingStatus.SESSION_CANCELLED)
        booking.status = BookingStatus.SESSION_CANCELLED
        booking.cancelled_at = now
        booking.offer_expires_at = None
        booking.status_reason = reason[:300]
        booking.session = session
        booking.save(
            update_fields=[
                "status",
                "cancelled_at",
                "offer_expires_at",
                "status_reason",
                "updated_at",
            ]
        )
        notifications.session_cancelled(booking)
    audit_record(
        actor=actor,
        event="training.session.cancelled",
        target=session,
        before=before,
        after={**snapshot(session, SESSION_FIELDS), "people_told": len(affected)},
    )
    return session


# The register -----------------------------------------------------------------------------


def _check_register_open(session: Session) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session was cancelled, so it has no register.")
    if timezone.localdate(session.starts_at) > timezone.localdate():
        raise ValidationError(
            "The register opens on the day of the session. Come back on "
            f"{govuk_date(session.starts_at)}."
        )


@transaction.atomic
def attendance_record(*, actor, session: Session, marks: dict[int, str]) -> int:
    """Mark attended, late or absent for people with a confirmed place. Returns the count."""
    session = lock_session(session.pk)
    _check_register_open(session)
    bookings = {b.pk: b for b in session.bookings.filter(pk__in=list(marks))}
    unknown = set(marks) - set(bookings)
    if unknown:
        raise ValidationError("Some people on the register are not booked on this session.")
    changes = {}
    for pk, mark in marks.items():
        if mark not in Attendance.values:
            raise ValidationError(
                f"Choose attended, late or did not attend for {bookings[pk].full_name}."
            )
        booking = bookings[pk]
        BOOKINGS.check(booking.status, "record_attendance")
        if booking.attendance != mark:
            changes[booking.full_name] = [booking.attendance or "not marked", mark]
            booking.attendance = mark
            booking.save(update_fields=["attendance", "updated_at"])
    audit_record(
        actor=actor,
        event="training.register.taken",
        target=session,
        after={"marked": len(marks), "changes": changes},
    )
    return len(marks)


@transaction.atomic
def register_add_attendee(
    *,
    actor=None,
    job: str | None = None,
    session: Session,
    full_name: str,
    email: str,
    job_role: str,
    sector: str,
    organisation: str = "",
    agency=None,
    member_group=None,
    attendance: str = Attendance.ATTENDED,
    note: str = "Added to the register on the day",
) -> Booking:
    """Add someone who came without booking (an unscheduled attendee) to the register.

    Also used to record attendance at past sessions from earlier booking records (``note``
    says where the record came from)."""
    session = lock_session(session.pk)
    _check_register_open(session)
    person = clean_person(
        full_name=full_name,
        email=email,
        job_role=job_role,
        sector=sector,
        organisation=organisation,
        agency=agency,
    )
    if attendance not in Attendance.values:
        raise ValidationError({"attendance": "Choose attended, late or did not attend."})
    if session.bookings.filter(email=person["email"], status__in=ACTIVE_STATUSES).exists():
        raise ValidationError(
            {"email": f"{person['email']} is already on this session; mark them on the register."}
        )
    if not take_place(session):
        raise ValidationError(
            f"All {session.capacity} places are taken. Increase the session's capacity to add "
            "another attendee."
        )
    if member_group is None and agency is not None:
        member_group = agency.training_member_groups.filter(
            partnership_id=session.course.partnership_id
        ).first()
    booking = Booking.objects.create(
        session=session,
        agency=agency,
        member_group=member_group,
        fee=fee_for(session.course, sector=person["sector"], member_group=member_group),
        status=BookingStatus.BOOKED,
        attendance=attendance,
        status_reason=note[:300],
        **person,
    )
    audit_record(
        actor=actor,
        job=job,
        event="training.register.attendee_added",
        target=booking,
        after={**snapshot(booking, BOOKING_FIELDS), "session": session.pk},
    )
    return booking
