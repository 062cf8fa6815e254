"""Evaluation after a session and the follow-up impact survey months later."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.core.audit import audit_record
from safeguarding.training import notifications
from safeguarding.training.models import (
    Booking,
    Evaluation,
    FollowUp,
    OutcomeRating,
    PracticeChange,
)
from safeguarding.training.models.evaluation import Applied


def _check_scale(value, label: str, field: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5:
        raise ValidationError({field: f"Choose a score from 1 to 5 for {label}."})
    return number


@transaction.atomic
def evaluation_submit(
    *,
    actor,
    booking: Booking,
    quality: int,
    will_do_differently: str,
    comments: str = "",
    ratings: dict[int, tuple[int, int]],
) -> Evaluation:
    """``ratings`` maps each learning outcome's id to (confidence before, confidence after)."""
    booking = (
        Booking.objects.select_for_update().select_related("session__course").get(pk=booking.pk)
    )
    if not booking.attended:
        raise ValidationError(
            "You can only evaluate a session you attended. If you did attend, ask the business "
            "unit to correct the register."
        )
    if booking.session.starts_at > timezone.now():
        raise ValidationError("You can evaluate the session once it has taken place.")
    if Evaluation.objects.filter(booking=booking).exists():
        raise ValidationError("You have already evaluated this session. Thank you.")
    outcomes = list(booking.session.course.outcomes.filter(is_current=True))
    quality = _check_scale(quality, "the overall quality", "quality")
    will_do_differently = (will_do_differently or "").strip()
    if not will_do_differently:
        raise ValidationError(
            {"will_do_differently": "Tell us one thing you will do differently after the session."}
        )
    cleaned = {}
    for outcome in outcomes:
        pair = ratings.get(outcome.pk)
        if pair is None:
            raise ValidationError(
                {
                    f"before_{outcome.pk}": "Rate your confidence before and after for "
                    f"“{outcome.text}”."
                }
            )
        cleaned[outcome] = (
            _check_scale(pair[0], f"confidence before on “{outcome.text}”", f"before_{outcome.pk}"),
            _check_scale(pair[1], f"confidence after on “{outcome.text}”", f"after_{outcome.pk}"),
        )
    evaluation = Evaluation.objects.create(
        booking=booking,
        quality=quality,
        will_do_differently=will_do_differently,
        comments=(comments or "").strip(),
    )
    OutcomeRating.objects.bulk_create(
        OutcomeRating(evaluation=evaluation, outcome=outcome, before=before, after=after)
        for outcome, (before, after) in cleaned.items()
    )
    audit_record(
        actor=actor,
        event="training.evaluation.submitted",
        target=booking,
        after={"quality": quality, "outcomes": len(cleaned)},
    )
    return evaluation


@transaction.atomic
def follow_up_send(*, job: str, booking: Booking, now) -> FollowUp:
    course = booking.session.course
    to_manager = bool(course.follow_up_to_manager and booking.line_manager_email)
    follow_up = FollowUp.objects.create(booking=booking, sent_at=now, sent_to_manager=to_manager)
    audit_record(
        job=job,
        event="training.follow_up.sent",
        target=booking,
        after={"to_manager": to_manager},
    )
    notifications.follow_up(booking, to_manager=to_manager)
    return follow_up


def _clean_applied(value: str, field: str, question: str) -> str:
    if value not in Applied.values:
        raise ValidationError({field: question})
    return value


@transaction.atomic
def follow_up_answer(
    *, actor, booking: Booking, applied: str, changes: list[str], example: str
) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().filter(booking=booking).first()
    if follow_up is None:
        raise ValidationError("There is no follow-up survey for this booking yet.")
    if follow_up.answered_at is not None:
        raise ValidationError("You have already answered this survey. Thank you.")
    applied = _clean_applied(
        applied, "applied", "Say whether you have used what you learned in your work."
    )
    unknown = [c for c in changes if c not in PracticeChange.values]
    if unknown:
        raise ValidationError({"changes": "Choose changes from the list."})
    example = (example or "").strip()
    if applied != "no" and not example:
        raise ValidationError(
            {
                "example": "Give an example of how you have used the learning, without naming "
                "children or families."
            }
        )
    follow_up.applied = applied
    follow_up.changes = list(dict.fromkeys(changes))
    follow_up.example = example
    follow_up.answered_at = timezone.now()
    follow_up.save()
    audit_record(
        actor=actor,
        event="training.follow_up.answered",
        target=booking,
        after={"applied": applied, "changes": follow_up.changes},
    )
    return follow_up


@transaction.atomic
def follow_up_manager_answer(*, actor, booking: Booking, observed: str, comment: str) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().filter(booking=booking).first()
    if follow_up is None or not follow_up.sent_to_manager:
        raise ValidationError("There is no follow-up survey for a manager on this booking.")
    if follow_up.manager_answered_at is not None:
        raise ValidationError("You have already answered this survey. Thank you.")
    follow_up.manager_observed = _clean_applied(
        observed, "observed", "Say whether you have seen a change in their practice."
    )
    follow_up.manager_comment = (comment or "").strip()
    follow_up.manager_answered_at = timezone.now()
    follow_up.save()
    audit_record(
        actor=actor,
        event="training.follow_up.manager_answered",
        target=booking,
        after={"observed": follow_up.manager_observed},
    )
    return follow_up
