"""What other capabilities may read about training sessions, without reaching into
training's models: the sessions and courses a briefing (such as a case review's author
briefing) can be linked to, and one session's attendance and evaluation figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from safeguarding.training.models import ATTENDED, Attendance, BookingStatus, Course, Session
from safeguarding.training.models.sessions import SessionStatus
from safeguarding.training.scoping import managed_partnership_ids
from safeguarding.training.selectors.evaluation import EvaluationSummary, evaluation_summary

__all__ = [
    "SessionFigures",
    "attended_counts",
    "linkable_courses",
    "linkable_sessions",
    "session_figures",
]


@dataclass(frozen=True)
class SessionFigures:
    session_id: int
    course_title: str
    starts_at: datetime
    cancelled: bool
    places: int
    booked: int
    waiting: int
    attended: int
    absent: int
    not_marked: int
    evaluation: EvaluationSummary

    @property
    def is_past(self) -> bool:
        from django.utils import timezone

        return self.starts_at <= timezone.now()


def linkable_sessions(*, user, partnership_id: int) -> list[Session]:
    """Sessions of the partnership's courses that the person runs, newest first."""
    if partnership_id not in managed_partnership_ids(user):
        return []
    return list(
        Session.objects.filter(course__partnership_id=partnership_id)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("course")
        .order_by("-starts_at")[:200]
    )


def linkable_courses(*, user, partnership_id: int) -> list[Course]:
    """Courses of the partnership a new session can be added to by the person."""
    if partnership_id not in managed_partnership_ids(user):
        return []
    return list(Course.objects.filter(partnership_id=partnership_id).order_by("title"))


def session_figures(*, session_id: int) -> SessionFigures | None:
    """Places, bookings, attendance and evaluation of one session; None if it is gone."""
    session = Session.objects.select_related("course").filter(pk=session_id).first()
    if session is None:
        return None
    counts = session.bookings.aggregate(
        booked=Count("pk", filter=Q(status=BookingStatus.BOOKED)),
        waiting=Count("pk", filter=Q(status=BookingStatus.WAITING)),
        attended=Count("pk", filter=Q(status=BookingStatus.BOOKED, attendance__in=ATTENDED)),
        absent=Count("pk", filter=Q(status=BookingStatus.BOOKED, attendance=Attendance.ABSENT)),
        not_marked=Count("pk", filter=Q(status=BookingStatus.BOOKED, attendance="")),
    )
    return SessionFigures(
        session_id=session.pk,
        course_title=session.course.title,
        starts_at=session.starts_at,
        cancelled=session.status == SessionStatus.CANCELLED,
        places=session.capacity,
        evaluation=evaluation_summary(session=session),
        **counts,
    )


def attended_counts(*, session_ids) -> dict[int, int]:
    """``{session id: number who attended}`` for the given sessions (for period figures)."""
    ids = [pk for pk in session_ids if pk]
    if not ids:
        return {}
    rows = (
        Session.objects.filter(pk__in=ids)
        .annotate(
            n=Count(
                "bookings",
                filter=Q(bookings__status=BookingStatus.BOOKED, bookings__attendance__in=ATTENDED),
            )
        )
        .values_list("pk", "n")
    )
    return dict(rows)
