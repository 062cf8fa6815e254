"""The public catalogue: published courses and their upcoming sessions with places left.

Nothing here reads a booking: the only figure shown about people is the number of places
left, kept on the session row itself (so a page of courses costs the same few queries
whether the catalogue holds 50 sessions or 5,000).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from safeguarding.planning.models import Theme
from safeguarding.training.models import (
    BookingStatus,
    Course,
    CourseFee,
    MemberGroup,
    Session,
    SessionStatus,
)

__all__ = [
    "CatalogueFilter",
    "SESSIONS_SHOWN_PER_COURSE",
    "catalogue_courses",
    "catalogue_themes",
    "course_get",
    "course_sessions_upcoming",
    "member_groups_for",
    "session_get",
    "upcoming_sessions",
]

SESSIONS_SHOWN_PER_COURSE = 4


@dataclass(frozen=True)
class CatalogueFilter:
    query: str = ""
    level: str = ""
    theme: str = ""
    format: str = ""
    date_from: date | None = None
    date_to: date | None = None
    available: bool = False

    @property
    def filters_sessions(self) -> bool:
        return bool(self.date_from or self.date_to or self.available)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, timezone.get_current_timezone())


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, timezone.get_current_timezone())


def upcoming_sessions(*, filters: CatalogueFilter | None = None, now=None) -> QuerySet[Session]:
    """Scheduled sessions of published courses that have not started, within the filter."""
    filters = filters or CatalogueFilter()
    now = now or timezone.now()
    sessions = Session.objects.filter(
        status=SessionStatus.SCHEDULED, starts_at__gt=now, course__is_published=True
    )
    if filters.date_from:
        sessions = sessions.filter(starts_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        sessions = sessions.filter(starts_at__lte=_end_of(filters.date_to))
    if filters.available:
        sessions = sessions.filter(places_taken__lt=F("capacity"))
    return sessions


def catalogue_courses(*, filters: CatalogueFilter, now=None) -> QuerySet[Course]:
    """Published courses matching the filter, soonest next session first, each with
    ``upcoming`` (its next few sessions in the filter) and ``upcoming_count`` (how many
    there are in all). Courses with no dates come last."""
    now = now or timezone.now()
    sessions = upcoming_sessions(filters=filters, now=now)
    courses = Course.objects.published().select_related("partnership")
    if filters.query:
        courses = courses.filter(
            Q(title__icontains=filters.query) | Q(summary__icontains=filters.query)
        )
    if filters.level:
        courses = courses.filter(level=filters.level)
    if filters.format:
        courses = courses.filter(format=filters.format)
    if filters.theme:
        courses = courses.filter(themes__slug=filters.theme)
    if filters.filters_sessions:
        courses = courses.filter(Exists(sessions.filter(course=OuterRef("pk"))))
    count = (
        sessions.filter(course=OuterRef("pk"))
        .order_by()
        .values("course")
        .annotate(total=Count("pk"))
        .values("total")
    )
    first = sessions.filter(course=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
    return (
        courses.annotate(
            upcoming_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
            next_start=Subquery(first),
        )
        .prefetch_related(
            "themes",
            Prefetch("fees", queryset=CourseFee.objects.order_by("sector")),
            Prefetch("discount_groups", queryset=MemberGroup.objects.order_by("name")),
            Prefetch(
                "sessions",
                queryset=sessions.order_by("starts_at", "pk")[:SESSIONS_SHOWN_PER_COURSE],
                to_attr="upcoming",
            ),
        )
        .order_by(F("next_start").asc(nulls_last=True), "title", "pk")
    )


def catalogue_themes() -> QuerySet[Theme]:
    """Themes that label at least one published course (for the filter)."""
    return Theme.objects.filter(training_courses__is_published=True).distinct().order_by("name")


def course_get(*, user, pk: int) -> Course | None:
    return (
        Course.objects.visible_to(user)
        .select_related("partnership", "priority")
        .prefetch_related(
            "themes",
            "prerequisites",
            "discount_groups",
            Prefetch("fees", queryset=CourseFee.objects.order_by("sector")),
            "outcomes",
        )
        .filter(pk=pk)
        .first()
    )


def course_sessions_upcoming(*, course: Course, now=None) -> QuerySet[Session]:
    now = now or timezone.now()
    return course.sessions.filter(status=SessionStatus.SCHEDULED, starts_at__gt=now).order_by(
        "starts_at", "pk"
    )


def session_get(*, user, pk: int) -> Session | None:
    return (
        Session.objects.visible_to(user)
        .select_related("course", "course__partnership")
        .prefetch_related("joint_partnerships", "course__prerequisites")
        .annotate(waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)))
        .filter(pk=pk)
        .first()
    )


def member_groups_for(*, course: Course) -> QuerySet[MemberGroup]:
    return course.discount_groups.order_by("name")


def api_courses(*, user) -> QuerySet[Course]:
    return (
        Course.objects.visible_to(user)
        .select_related("partnership", "priority")
        .prefetch_related(
            "themes",
            "prerequisites",
            Prefetch("fees", queryset=CourseFee.objects.order_by("sector")),
            "outcomes",
        )
        .order_by("title", "pk")
    )


def api_sessions(
    *, user, course_id: int | None = None, upcoming: bool = False, now=None
) -> QuerySet[Session]:
    sessions = (
        Session.objects.visible_to(user)
        .select_related("course", "course__partnership")
        .prefetch_related("joint_partnerships")
        .annotate(waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)))
    )
    if course_id:
        sessions = sessions.filter(course_id=course_id)
    if upcoming:
        sessions = sessions.filter(
            status=SessionStatus.SCHEDULED, starts_at__gt=now or timezone.now()
        )
    return sessions.order_by("starts_at", "pk")


__all__ += ["api_courses", "api_sessions"]
