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
Anything not in the table is refused with a reason. Built on :mod:`safeguarding.core.workflow`
(ADR 0020).
"""

from __future__ import annotations

from safeguarding.core.workflow import Machine, Transition
from safeguarding.training.models import BookingStatus as S

_LIVE = frozenset({S.REQUESTED, S.BOOKED, S.WAITING, S.OFFERED})


def _move(name: str, sources, targets, refusal: str) -> list[Transition]:
    return [Transition(name, sources, target, refusal=refusal) for target in targets]


BOOKINGS = Machine(
    noun="a booking",
    labels=dict(S.choices),
    unknown="“{name}” is not something a booking can do.",
    # Every step has its own refusal; only an unknown step gets here (Machine.get refuses it).
    refusal=lambda machine, status, name: machine.get(name).refusal,
    transitions=[
        *_move(
            "approve",
            {S.REQUESTED},
            [S.BOOKED],
            "Only a booking awaiting approval can be approved.",
        ),
        *_move(
            "decline",
            {S.REQUESTED},
            [S.DECLINED],
            "Only a booking awaiting approval can be declined.",
        ),
        *_move(
            "expire_approval",
            {S.REQUESTED},
            [S.CANCELLED],
            "Only a booking awaiting approval can lapse for want of an answer.",
        ),
        *_move(
            "offer",
            {S.WAITING},
            [S.OFFERED],
            "Only someone on the waiting list can be offered a place.",
        ),
        *_move(
            "accept_offer",
            {S.OFFERED},
            [S.BOOKED, S.REQUESTED],
            "There is no place on offer to accept: the offer may have expired or been taken.",
        ),
        *_move(
            "decline_offer",
            {S.OFFERED},
            [S.CANCELLED],
            "There is no place on offer to decline.",
        ),
        *_move(
            "expire_offer",
            {S.OFFERED},
            [S.OFFER_EXPIRED],
            "Only an open offer can expire.",
        ),
        *_move(
            "cancel",
            _LIVE,
            [S.CANCELLED],
            "This booking is no longer active, so there is nothing to cancel.",
        ),
        *_move(
            "cancel_session",
            _LIVE,
            [S.SESSION_CANCELLED],
            "This booking is no longer active.",
        ),
        *_move(
            "record_attendance",
            {S.BOOKED},
            [S.BOOKED],
            "Attendance is recorded only for people with a confirmed place.",
        ),
    ],
)
