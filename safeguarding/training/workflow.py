"""The state machine of a booking.

    (new) → booked              a place was free and no approval is needed
    (new) → requested           a place was free; the line manager must approve
    (new) → waiting             the session was full
    requested → booked          the manager approved
    requested → declined        the manager did not approve (the place goes to the list)
    requested → cancelled       nobody answered the approval request in 10 working days
    waiting → offered           a place freed up; the next person has a limited time
    offered → booked            they accepted (or → requested when approval is needed)
    offered → offer_expired     they did not answer in time (the place goes to the next)
    requested, booked, waiting, offered → cancelled            the attendee or their lead
    requested, booked, waiting, offered → session_cancelled    the business unit

Each move is one service in ``services``; this table says which moves exist and from where.
Anything not in the table is refused with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from safeguarding.training.models import BookingStatus as S


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    targets: frozenset[str]
    refusal: str  # what to tell someone who tries it from another status


_LIVE = frozenset({S.REQUESTED, S.BOOKED, S.WAITING, S.OFFERED})

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "approve",
            frozenset({S.REQUESTED}),
            frozenset({S.BOOKED}),
            "Only a booking awaiting approval can be approved.",
        ),
        Transition(
            "decline",
            frozenset({S.REQUESTED}),
            frozenset({S.DECLINED}),
            "Only a booking awaiting approval can be declined.",
        ),
        Transition(
            "expire_approval",
            frozenset({S.REQUESTED}),
            frozenset({S.CANCELLED}),
            "Only a booking awaiting approval can lapse for want of an answer.",
        ),
        Transition(
            "offer",
            frozenset({S.WAITING}),
            frozenset({S.OFFERED}),
            "Only someone on the waiting list can be offered a place.",
        ),
        Transition(
            "accept_offer",
            frozenset({S.OFFERED}),
            frozenset({S.BOOKED, S.REQUESTED}),
            "There is no place on offer to accept: the offer may have expired or been taken.",
        ),
        Transition(
            "decline_offer",
            frozenset({S.OFFERED}),
            frozenset({S.CANCELLED}),
            "There is no place on offer to decline.",
        ),
        Transition(
            "expire_offer",
            frozenset({S.OFFERED}),
            frozenset({S.OFFER_EXPIRED}),
            "Only an open offer can expire.",
        ),
        Transition(
            "cancel",
            _LIVE,
            frozenset({S.CANCELLED}),
            "This booking is no longer active, so there is nothing to cancel.",
        ),
        Transition(
            "cancel_session",
            _LIVE,
            frozenset({S.SESSION_CANCELLED}),
            "This booking is no longer active.",
        ),
        Transition(
            "record_attendance",
            frozenset({S.BOOKED}),
            frozenset({S.BOOKED}),
            "Attendance is recorded only for people with a confirmed place.",
        ),
    ]
}


def check_transition(action: str, current: str, target: str | None = None) -> None:
    """Raise ValidationError with the reason when ``action`` is not allowed from ``current``."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError(f"“{action}” is not something a booking can do.")
    if current not in transition.sources:
        raise ValidationError(transition.refusal)
    if target is not None and target not in transition.targets:
        raise ValidationError(f"A booking cannot move to “{target}” by {action}.")
