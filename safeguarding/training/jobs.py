"""Scheduled training jobs, run by `safeguarding run-schedule`. Each is idempotent: every
piece of work is claimed with ``run.once(key)`` inside the transaction that does it, so a
reminder or survey is never sent twice however often (or concurrently) the schedule runs.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from safeguarding.core.schedule import JobRun, register
from safeguarding.training import notifications
from safeguarding.training.dates import add_months
from safeguarding.training.models import (
    ATTENDED,
    Booking,
    BookingStatus,
    Session,
    SessionStatus,
)
from safeguarding.training.services import approvals_chase, follow_up_send, offers_expire
from safeguarding.training.services.common import settings_for

EVALUATION_WINDOW = timedelta(days=14)
FOLLOW_UP_GRACE = timedelta(days=30)  # a survey that fell due while the schedule was off
REFRESHER_GRACE = timedelta(days=30)
MAX_REMINDER_DAYS = 30


@register("training.waiting-list-offers", "Close expired waiting-list offers; offer the next")
def waiting_list_offers(run: JobRun) -> None:
    offers_expire(run=run)


@register(
    "training.approval-chasers",
    "Chase line managers after 3 working days; cancel unanswered requests after 10",
)
def approval_chasers(run: JobRun) -> None:
    approvals_chase(run=run)


@register("training.session-reminders", "Remind people with a place before their session")
def session_reminders(run: JobRun) -> None:
    sessions = Session.objects.filter(
        status=SessionStatus.SCHEDULED,
        starts_at__gt=run.now,
        starts_at__lte=run.now + timedelta(days=MAX_REMINDER_DAYS),
    ).select_related("course", "course__partnership")
    for session in sessions:
        days = settings_for(session.course.partnership_id).reminder_days
        if not days or session.starts_at > run.now + timedelta(days=days):
            continue
        for booking in session.bookings.filter(status=BookingStatus.BOOKED):
            with transaction.atomic():
                if run.once(f"reminder:{booking.pk}:{session.starts_at.isoformat()}"):
                    booking.session = session
                    notifications.reminder(booking)


@register("training.evaluation-invites", "Ask attendees to evaluate a session they attended")
def evaluation_invites(run: JobRun) -> None:
    bookings = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        attendance__in=ATTENDED,
        session__ends_at__lte=run.now,
        session__ends_at__gt=run.now - EVALUATION_WINDOW,
        evaluation__isnull=True,
    ).select_related("session", "session__course", "session__course__partnership")
    for booking in bookings:
        with transaction.atomic():
            if run.once(f"evaluation:{booking.pk}"):
                notifications.evaluation_invite(booking)


@register("training.follow-up-surveys", "Send the follow-up impact survey months after training")
def follow_up_surveys(run: JobRun) -> None:
    candidates = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        attendance__in=ATTENDED,
        follow_up__isnull=True,
        session__ends_at__lte=add_months(run.now, -1),
        session__ends_at__gt=add_months(run.now, -25),
    ).select_related("session", "session__course", "session__course__partnership")
    today = timezone.localdate(run.now)
    for booking in candidates:
        session_day = timezone.localdate(booking.session.ends_at)
        due = add_months(session_day, booking.session.course.follow_up_months)
        if not (today - FOLLOW_UP_GRACE < due <= today):
            continue
        with transaction.atomic():
            if run.once(f"follow-up:{booking.pk}"):
                follow_up_send(job=run.job, booking=booking, now=run.now)


@register("training.refresher-reminders", "Remind people whose training level is expiring")
def refresher_reminders(run: JobRun) -> None:
    today = timezone.localdate(run.now)
    attended = (
        Booking.objects.filter(
            status=BookingStatus.BOOKED,
            attendance__in=ATTENDED,
            session__course__refresher_months__isnull=False,
        )
        .select_related("session", "session__course", "session__course__partnership")
        .order_by("email", "session__course__level", "-session__starts_at")
    )
    latest: dict[tuple[str, str], Booking] = {}
    for booking in attended:
        latest.setdefault((booking.email, booking.session.course.level), booking)
    for booking in latest.values():
        course = booking.session.course
        expires_on = add_months(
            timezone.localdate(booking.session.starts_at), course.refresher_months
        )
        notice = settings_for(course.partnership_id).refresher_notice_days
        if not (today - REFRESHER_GRACE < expires_on <= today + timedelta(days=notice)):
            continue
        with transaction.atomic():
            if run.once(f"refresher:{booking.pk}"):
                notifications.refresher_due(booking, expires_on)
