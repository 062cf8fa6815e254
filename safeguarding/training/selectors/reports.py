"""Reach of the training programme for any period, ready for the yearly report.

“During 2022–23 we offered 80 learning and development opportunities to over 1,700
people”: opportunities are sessions that took place (not cancelled); people are counted once
however many sessions they attended (by email address); attendances count every time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from safeguarding.accounts.models import Sector
from safeguarding.training.models import (
    ATTENDED,
    Attendance,
    Booking,
    BookingStatus,
    CourseFormat,
    CourseLevel,
    Session,
    SessionStatus,
)
from safeguarding.training.scoping import oversight_partnership_ids
from safeguarding.training.selectors.evaluation import EvaluationSummary, evaluation_summary

__all__ = ["BREAKDOWNS", "Reach", "ReachRow", "partnership_reach", "reach_report"]

_ATTENDED = Q(attendance__in=ATTENDED)
_ABSENT = Q(attendance=Attendance.ABSENT)
_MARKED = Q(attendance__in=[*ATTENDED, Attendance.ABSENT])


@dataclass(frozen=True)
class ReachRow:
    group: str
    opportunities: int | None
    places: int
    attendances: int
    people: int
    no_shows: int
    marked: int

    @property
    def attendance_rate(self) -> float | None:
        return 100 * self.attendances / self.marked if self.marked else None

    @property
    def no_show_rate(self) -> float | None:
        return 100 * self.no_shows / self.marked if self.marked else None


@dataclass
class Reach:
    date_from: date
    date_to: date
    total: ReachRow
    cancellations: int
    late_cancellations: int
    sessions_cancelled: int
    breakdowns: dict[str, list[ReachRow]] = field(default_factory=dict)
    evaluation: EvaluationSummary | None = None


# name: (label, booking field to group by, session field for opportunities, value labels)
BREAKDOWNS = {
    "sector": ("By sector", "sector", None, dict(Sector.choices)),
    "agency": ("By organisation", "organisation_name", None, None),
    "locality": ("By locality", "locality_name", None, None),
    "level": ("By level", "session__course__level", "course__level", dict(CourseLevel.choices)),
    "format": (
        "By format",
        "session__course__format",
        "course__format",
        dict(CourseFormat.choices),
    ),
}


def _sessions(ids, date_from: date, date_to: date) -> QuerySet[Session]:
    zone = timezone.get_current_timezone()
    joint = Session.joint_partnerships.through.objects.filter(partnership_id__in=ids).values(
        "session_id"
    )
    return Session.objects.filter(
        Q(course__partnership_id__in=ids) | Q(pk__in=joint),
        starts_at__gte=datetime.combine(date_from, time.min, zone),
        starts_at__lte=min(datetime.combine(date_to, time.max, zone), timezone.now()),
    )


def _counts(bookings: QuerySet[Booking]) -> dict:
    return {
        "places": Count("pk"),
        "attendances": Count("pk", filter=_ATTENDED),
        "people": Count("email", filter=_ATTENDED, distinct=True),
        "no_shows": Count("pk", filter=_ABSENT),
        "marked": Count("pk", filter=_MARKED),
    }


def reach_report(*, user, date_from: date, date_to: date) -> Reach:
    return partnership_reach(
        partnership_ids=oversight_partnership_ids(user), date_from=date_from, date_to=date_to
    )


def partnership_reach(*, partnership_ids, date_from: date, date_to: date) -> Reach:
    """The reach of the partnerships' training (aggregates only): for the yearly report,
    whose own app has already decided who may read it."""
    sessions = _sessions(partnership_ids, date_from, date_to)
    held = sessions.filter(status=SessionStatus.SCHEDULED)
    # The sessions' ids, read first: given as a sub-query, PostgreSQL could not tell how few
    # bookings they have and, with every partnership's bookings in the table, walked them all
    # for each evaluation figure (10 s for one report at national scale; now milliseconds).
    held_ids = list(held.values_list("pk", flat=True))
    places = Booking.objects.filter(session_id__in=held_ids, status=BookingStatus.BOOKED).annotate(
        organisation_name=Coalesce("agency__name", "organisation"),
        locality_name=F("agency__locality__name"),
    )
    totals = places.aggregate(**_counts(places))
    reach = Reach(
        date_from=date_from,
        date_to=date_to,
        total=ReachRow(group="All", opportunities=len(held_ids), **totals),
        cancellations=Booking.objects.filter(
            session_id__in=held_ids, status=BookingStatus.CANCELLED
        ).count(),
        late_cancellations=Booking.objects.filter(
            session_id__in=held_ids, status=BookingStatus.CANCELLED, late_cancellation=True
        ).count(),
        sessions_cancelled=sessions.filter(status=SessionStatus.CANCELLED).count(),
    )
    for name, (_, key, session_key, labels) in BREAKDOWNS.items():
        opportunities = {}
        if session_key:
            opportunities = dict(held.order_by().values_list(session_key).annotate(n=Count("pk")))
        rows = (
            places.order_by().values(key).annotate(**_counts(places)).order_by("-attendances", key)
        )
        reach.breakdowns[name] = [
            ReachRow(
                group=_label(row[key], labels),
                opportunities=opportunities.get(row[key]) if session_key else None,
                places=row["places"],
                attendances=row["attendances"],
                people=row["people"],
                no_shows=row["no_shows"],
                marked=row["marked"],
            )
            for row in rows
        ]
    reach.evaluation = evaluation_summary(bookings=places)
    return reach


def _label(value, labels: dict | None) -> str:
    if value in (None, ""):
        return "Not known"
    return labels.get(value, value) if labels else value
