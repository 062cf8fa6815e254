"""Evaluation results for a course or one session: confidence before and after on each
learning outcome, quality, what people will do differently, and the follow-up impact."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet

from safeguarding.training.models import (
    ATTENDED,
    Booking,
    BookingStatus,
    Course,
    Evaluation,
    FollowUp,
    OutcomeRating,
    PracticeChange,
    Session,
)
from safeguarding.training.models.evaluation import Applied
from safeguarding.training.scoping import oversight_partnership_ids

__all__ = [
    "EvaluationSummary",
    "OutcomeResult",
    "evaluation_comments",
    "evaluation_summary",
    "oversight_course_get",
    "oversight_session_get",
]


@dataclass(frozen=True)
class OutcomeResult:
    text: str
    responses: int
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class EvaluationSummary:
    attended: int = 0
    evaluations: int = 0
    quality: float | None = None
    outcomes: list[OutcomeResult] = field(default_factory=list)
    follow_ups_sent: int = 0
    follow_ups_answered: int = 0
    applied: dict[str, int] = field(default_factory=dict)
    changes: list[tuple[str, int]] = field(default_factory=list)
    managers_asked: int = 0
    managers_answered: int = 0
    managers_observed: dict[str, int] = field(default_factory=dict)

    @property
    def response_rate(self) -> float | None:
        return 100 * self.evaluations / self.attended if self.attended else None

    @property
    def follow_up_rate(self) -> float | None:
        return (
            100 * self.follow_ups_answered / self.follow_ups_sent if self.follow_ups_sent else None
        )

    @property
    def applied_rate(self) -> float | None:
        """Share of follow-up answers saying the learning was used (fully or partly)."""
        if not self.follow_ups_answered:
            return None
        used = self.applied.get(Applied.YES, 0) + self.applied.get(Applied.PARTLY, 0)
        return 100 * used / self.follow_ups_answered

    @property
    def confidence_before(self) -> float | None:
        values = [o.before for o in self.outcomes if o.before is not None]
        return sum(values) / len(values) if values else None

    @property
    def confidence_after(self) -> float | None:
        values = [o.after for o in self.outcomes if o.after is not None]
        return sum(values) / len(values) if values else None


def oversight_course_get(*, user, pk: int) -> Course | None:
    return (
        Course.objects.filter(partnership_id__in=oversight_partnership_ids(user), pk=pk)
        .select_related("partnership")
        .first()
    )


def oversight_session_get(*, user, pk: int) -> Session | None:
    return (
        Session.objects.filter(course__partnership_id__in=oversight_partnership_ids(user), pk=pk)
        .select_related("course", "course__partnership")
        .first()
    )


def _scope(course: Course | None, session: Session | None) -> Q:
    return Q(session=session) if session is not None else Q(session__course=course)


def evaluation_summary(
    *, course: Course | None = None, session: Session | None = None, bookings=None
) -> EvaluationSummary:
    """Figures for a course (all its sessions), one session, or any set of bookings."""
    if bookings is None:
        bookings = Booking.objects.filter(_scope(course, session))
    attended = bookings.filter(status=BookingStatus.BOOKED, attendance__in=ATTENDED)
    evaluations = Evaluation.objects.filter(booking__in=attended)
    summary = EvaluationSummary(
        attended=attended.count(),
        evaluations=evaluations.count(),
        quality=evaluations.aggregate(value=Avg("quality"))["value"],
    )
    ratings = (
        OutcomeRating.objects.filter(evaluation__in=evaluations)
        .values("outcome__text", "outcome__order", "outcome_id")
        .annotate(responses=Count("pk"), before=Avg("before"), after=Avg("after"))
        .order_by("outcome__order", "outcome_id")
    )
    summary.outcomes = [
        OutcomeResult(
            text=row["outcome__text"],
            responses=row["responses"],
            before=row["before"],
            after=row["after"],
        )
        for row in ratings
    ]
    follow_ups = FollowUp.objects.filter(booking__in=attended)
    counts = follow_ups.aggregate(
        sent=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        managers=Count("pk", filter=Q(sent_to_manager=True)),
        managers_answered=Count("pk", filter=Q(manager_answered_at__isnull=False)),
    )
    summary.follow_ups_sent = counts["sent"]
    summary.follow_ups_answered = counts["answered"]
    summary.managers_asked = counts["managers"]
    summary.managers_answered = counts["managers_answered"]
    summary.applied = dict(
        follow_ups.exclude(applied="").values_list("applied").annotate(n=Count("pk"))
    )
    summary.managers_observed = dict(
        follow_ups.exclude(manager_observed="")
        .values_list("manager_observed")
        .annotate(n=Count("pk"))
    )
    tally: Counter[str] = Counter()
    for changes in follow_ups.exclude(answered_at=None).values_list("changes", flat=True):
        tally.update(changes or [])
    labels = dict(PracticeChange.choices)
    summary.changes = [(labels.get(key, key), n) for key, n in tally.most_common()]
    return summary


def evaluation_comments(
    *, course: Course | None = None, session: Session | None = None
) -> QuerySet:
    """Free-text answers, newest first (names of attendees are not shown with them)."""
    return (
        Evaluation.objects.filter(booking__in=Booking.objects.filter(_scope(course, session)))
        .select_related("booking__session", "booking__follow_up")
        .order_by("-created_at", "-pk")
    )
