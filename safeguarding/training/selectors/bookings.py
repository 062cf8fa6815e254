"""Reads of bookings: your own, your staff's, a session's; training records and what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from safeguarding.accounts.models import Agency, AgencyMembership
from safeguarding.core.scoping import lead_agency_ids
from safeguarding.training import tokens
from safeguarding.training.dates import add_months
from safeguarding.training.models import (
    ATTENDED,
    PLACE_HOLDING_STATUSES,
    Booking,
    BookingStatus,
    Certificate,
    Course,
    Session,
    SessionStatus,
)
from safeguarding.training.scoping import managed_partnership_ids

__all__ = [
    "DueTraining",
    "ManagedCourseFilter",
    "agency_staff",
    "agency_staff_bookings",
    "booking_by_token",
    "booking_get",
    "certificate_by_code",
    "lead_agencies",
    "managed_course_get",
    "managed_course_list",
    "managed_session_get",
    "managed_sessions_of_course",
    "my_bookings",
    "own_bookings",
    "session_bookings",
    "sessions_this_week",
    "training_due",
    "upcoming_own",
    "waiting_lists",
    "waiting_position",
]

_BOOKING_RELATED = ("session", "session__course", "session__course__partnership", "agency")


def booking_by_token(*, purpose: str, token: str) -> Booking | None:
    """The booking a signed link points to (the link itself is the permission)."""
    pk = tokens.read(purpose, token)
    if pk is None:
        return None
    return (
        Booking.objects.select_related(*_BOOKING_RELATED, "certificate", "evaluation", "follow_up")
        .filter(pk=pk)
        .first()
    )


def booking_get(*, user, pk: int) -> Booking | None:
    return Booking.objects.visible_to(user).select_related(*_BOOKING_RELATED).filter(pk=pk).first()


def own_bookings(*, user) -> QuerySet[Booking]:
    """Bookings made on the user's account or with their email address."""
    if not user.is_authenticated:
        return Booking.objects.none()
    return Booking.objects.visible_to(user).filter(
        Q(user=user) | Q(email=(user.email or "").lower())
    )


def my_bookings(*, user) -> QuerySet[Booking]:
    return (
        own_bookings(user=user)
        .select_related(*_BOOKING_RELATED, "certificate")
        .order_by("-session__starts_at", "-pk")
    )


def lead_agencies(*, user) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=lead_agency_ids(user)).order_by("name")


def agency_staff(*, user) -> QuerySet[AgencyMembership]:
    """People who belong to the agencies the user leads (to book them on training)."""
    return (
        AgencyMembership.objects.filter(agency_id__in=lead_agency_ids(user), user__is_active=True)
        .select_related("user", "agency")
        .order_by("user__full_name")
    )


def agency_staff_bookings(*, user) -> QuerySet[Booking]:
    return (
        Booking.objects.visible_to(user)
        .filter(agency_id__in=lead_agency_ids(user))
        .select_related(*_BOOKING_RELATED)
        .order_by("-session__starts_at", "full_name", "pk")
    )


# Training that is due ---------------------------------------------------------------------


@dataclass(frozen=True)
class DueTraining:
    full_name: str
    email: str
    organisation: str
    level: str
    course_title: str
    attended_on: date
    expires_on: date

    @property
    def is_overdue(self) -> bool:
        return self.expires_on < timezone.localdate()


def training_due(*, bookings: QuerySet[Booking], within_days: int = 90) -> list[DueTraining]:
    """For each person and level, their latest attended training that expires soon (or has).

    Refreshing at the same level (any course of that level that expires) resets the clock.
    """
    today = timezone.localdate()
    attended = (
        bookings.filter(
            status=BookingStatus.BOOKED,
            attendance__in=ATTENDED,
            session__course__refresher_months__isnull=False,
        )
        .select_related("session__course")
        .order_by("email", "session__course__level", "-session__starts_at")
    )
    latest: dict[tuple[str, str], Booking] = {}
    for booking in attended:
        latest.setdefault((booking.email, booking.session.course.level), booking)
    due = []
    for booking in latest.values():
        course = booking.session.course
        attended_on = timezone.localdate(booking.session.starts_at)
        expires_on = add_months(attended_on, course.refresher_months)
        if expires_on <= today + timedelta(days=within_days):
            due.append(
                DueTraining(
                    full_name=booking.full_name,
                    email=booking.email,
                    organisation=booking.organisation,
                    level=course.get_level_display(),
                    course_title=course.title,
                    attended_on=attended_on,
                    expires_on=expires_on,
                )
            )
    return sorted(due, key=lambda d: (d.expires_on, d.full_name))


# The business unit's view --------------------------------------------------------------------


@dataclass(frozen=True)
class ManagedCourseFilter:
    query: str = ""
    level: str = ""
    published: str = ""  # "yes", "no" or ""


def managed_course_list(*, user, filters: ManagedCourseFilter | None = None) -> QuerySet[Course]:
    filters = filters or ManagedCourseFilter()
    now = timezone.now()
    courses = Course.objects.filter(partnership_id__in=managed_partnership_ids(user))
    if filters.query:
        courses = courses.filter(title__icontains=filters.query)
    if filters.level:
        courses = courses.filter(level=filters.level)
    if filters.published == "yes":
        courses = courses.filter(is_published=True)
    elif filters.published == "no":
        courses = courses.filter(is_published=False)
    return (
        courses.select_related("partnership")
        .annotate(
            upcoming_count=Count(
                "sessions",
                filter=Q(sessions__starts_at__gt=now, sessions__status=SessionStatus.SCHEDULED),
            )
        )
        .order_by("title", "pk")
    )


def managed_course_get(*, user, pk: int) -> Course | None:
    return (
        Course.objects.filter(partnership_id__in=managed_partnership_ids(user), pk=pk)
        .select_related("partnership", "priority")
        .prefetch_related("themes", "prerequisites", "discount_groups", "fees", "outcomes")
        .first()
    )


def _with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.annotate(
        waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        attended_count=Count(
            "bookings",
            filter=Q(bookings__status=BookingStatus.BOOKED, bookings__attendance__in=ATTENDED),
        ),
    )


def managed_sessions_of_course(*, user, course: Course) -> QuerySet[Session]:
    return _with_counts(Session.objects.managed_by(user).filter(course=course)).order_by(
        "-starts_at", "-pk"
    )


def managed_session_get(*, user, pk: int) -> Session | None:
    return (
        _with_counts(Session.objects.managed_by(user))
        .select_related("course", "course__partnership")
        .prefetch_related("joint_partnerships")
        .filter(pk=pk)
        .first()
    )


def session_bookings(*, user, session: Session, statuses=None) -> QuerySet[Booking]:
    bookings = (
        Booking.objects.visible_to(user)
        .filter(session=session)
        .select_related("agency", "member_group", "booked_by")
    )
    if statuses is not None:
        bookings = bookings.filter(status__in=statuses)
    return bookings.order_by("waiting_since", "full_name", "pk")


def sessions_this_week(*, user) -> QuerySet[Session]:
    now = timezone.now()
    return (
        Session.objects.managed_by(user)
        .filter(
            status=SessionStatus.SCHEDULED,
            starts_at__gte=now - timedelta(hours=12),
            starts_at__lt=now + timedelta(days=7),
        )
        .select_related("course")
        .order_by("starts_at")
    )


def waiting_lists(*, user) -> QuerySet[Session]:
    return (
        Session.objects.managed_by(user)
        .filter(status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now())
        .annotate(waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)))
        .filter(waiting_count__gt=0)
        .select_related("course")
        .order_by("starts_at")
    )


def upcoming_own(*, user) -> QuerySet[Booking]:
    return (
        own_bookings(user=user)
        .filter(
            status__in=PLACE_HOLDING_STATUSES | {BookingStatus.WAITING},
            session__starts_at__gt=timezone.now(),
        )
        .select_related(*_BOOKING_RELATED)
        .order_by("session__starts_at")
    )


def waiting_position(booking: Booking) -> int:
    """1 for the next person to be offered a place."""
    return Booking.objects.waiting_position(booking)


def certificate_by_code(*, code: str) -> Certificate | None:
    """A certificate found by its code (the code is the permission to see it)."""
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(raw) != 12:
        return None
    formatted = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
    return (
        Certificate.objects.select_related(
            "booking",
            "booking__session",
            "booking__session__course",
            "booking__session__course__partnership",
        )
        .filter(code=formatted)
        .first()
    )


def api_bookings(*, user, session_id: int | None = None) -> QuerySet[Booking]:
    bookings = Booking.objects.visible_to(user).select_related(
        "session", "session__course", "agency"
    )
    if session_id:
        bookings = bookings.filter(session_id=session_id)
    return bookings.order_by("-session__starts_at", "full_name", "pk")


def api_agency(*, user, pk: int):
    """An agency the user may book for: one they lead or belong to."""
    return (
        Agency.objects.filter(pk=pk)
        .filter(Q(pk__in=lead_agency_ids(user)) | Q(memberships__user=user))
        .distinct()
        .first()
    )


__all__ += ["api_agency", "api_bookings"]
