"""The emails training sends. Services call these inside their transaction; ``email_send``
queues each one to go after the change commits.

Every email about a place on a session (confirmation, reminder, change, cancellation)
carries the session as an .ics calendar file.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from safeguarding.core.email import email_send
from safeguarding.training import tokens
from safeguarding.training.ics import session_attachment


def absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def booking_link(booking) -> str:
    return absolute(reverse("training:booking", args=[tokens.attendee_token(booking)]))


def _context(booking, **extra) -> dict:
    return {
        "booking": booking,
        "session": booking.session,
        "course": booking.session.course,
        "partnership": booking.session.course.partnership,
        "booking_url": booking_link(booking),
        **extra,
    }


def _send(booking, subject: str, template: str, *, ics: str | None = None, **extra) -> None:
    attachments = None
    if ics == "event":
        attachments = [session_attachment(booking.session)]
    elif ics == "cancel":
        attachments = [session_attachment(booking.session, cancelled=True)]
    email_send(
        to=[booking.email],
        subject=subject,
        template=f"training/email/{template}",
        context=_context(booking, **extra),
        attachments=attachments,
    )


def booking_confirmed(booking) -> None:
    _send(booking, f"Booking confirmed: {booking.session.course.title}", "confirmed", ics="event")


def booking_awaiting_approval(booking) -> None:
    _send(
        booking,
        f"Waiting for your manager to approve: {booking.session.course.title}",
        "awaiting_approval",
    )
    approval_url = absolute(reverse("training:approval", args=[tokens.manager_token(booking)]))
    email_send(
        to=[booking.line_manager_email],
        subject=f"Please approve training for {booking.full_name}",
        template="training/email/approval_request",
        context=_context(booking, approval_url=approval_url),
    )


def approval_chase(booking, *, expires_on) -> None:
    """Remind the line manager, once, that a place is waiting for their decision."""
    approval_url = absolute(reverse("training:approval", args=[tokens.manager_token(booking)]))
    email_send(
        to=[booking.line_manager_email],
        subject=f"Reminder: please approve training for {booking.full_name}",
        template="training/email/approval_chase",
        context=_context(booking, approval_url=approval_url, expires_on=expires_on),
    )


def approval_expired(booking) -> None:
    _send(
        booking,
        f"Booking cancelled: no approval for {booking.session.course.title}",
        "approval_expired",
    )


def booking_declined(booking) -> None:
    _send(booking, f"Booking not approved: {booking.session.course.title}", "declined")


def waiting_list_joined(booking, position: int) -> None:
    _send(
        booking,
        f"You are on the waiting list: {booking.session.course.title}",
        "waiting",
        position=position,
    )


def place_offered(booking) -> None:
    _send(
        booking,
        f"A place is free for you: {booking.session.course.title}",
        "offered",
    )


def offer_expired(booking) -> None:
    _send(booking, f"Your offer has expired: {booking.session.course.title}", "offer_expired")


def booking_cancelled(booking, *, had_place: bool) -> None:
    _send(
        booking,
        f"Booking cancelled: {booking.session.course.title}",
        "cancelled",
        ics="cancel" if had_place else None,
        had_place=had_place,
    )


def session_changed(booking, changes: list[str]) -> None:
    _send(
        booking,
        f"Change to your training: {booking.session.course.title}",
        "changed",
        ics="event",
        changes=changes,
    )


def session_cancelled(booking) -> None:
    _send(
        booking,
        f"Session cancelled: {booking.session.course.title}",
        "session_cancelled",
        ics="cancel",
    )


def reminder(booking) -> None:
    _send(booking, f"Reminder: {booking.session.course.title}", "reminder", ics="event")


def evaluation_invite(booking) -> None:
    _send(
        booking,
        f"How was it? Evaluate {booking.session.course.title}",
        "evaluation_invite",
        evaluation_url=absolute(
            reverse("training:evaluation", args=[tokens.attendee_token(booking)])
        ),
    )


def follow_up(booking, *, to_manager: bool) -> None:
    course = booking.session.course
    _send(
        booking,
        f"What difference has it made? {course.title}",
        "follow_up",
        follow_up_url=absolute(
            reverse("training:follow-up", args=[tokens.attendee_token(booking)])
        ),
    )
    if to_manager and booking.line_manager_email:
        email_send(
            to=[booking.line_manager_email],
            subject=f"What difference has training made for {booking.full_name}?",
            template="training/email/follow_up_manager",
            context=_context(
                booking,
                manager_url=absolute(
                    reverse("training:manager-follow-up", args=[tokens.manager_token(booking)])
                ),
            ),
        )


def refresher_due(booking, expires_on) -> None:
    course = booking.session.course
    _send(
        booking,
        f"Time to refresh your {course.get_level_display()} training",
        "refresher_due",
        expires_on=expires_on,
        catalogue_url=absolute(reverse("training:catalogue") + f"?level={course.level}"),
    )
