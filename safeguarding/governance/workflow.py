"""State machines of governance records: key messages, minutes and actions.

Each table lists every legal transition: (from, name) -> (to, permission). Anything not
listed is refused with a reason. Services call :func:`key_message_transition_check` (and
friends) before they change a status, so the pages, the API and the command line share
one set of rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from safeguarding.governance.models import (
    CLOSED_STATUSES,
    ActionStatus,
    KeyMessageStatus,
    MinuteStatus,
)


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    permission: str
    label: str  # the button a person presses


KEY_MESSAGE_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.name): t
    for t in [
        Transition(
            "approve",
            KeyMessageStatus.DRAFT,
            KeyMessageStatus.APPROVED,
            "governance.approve_key_message",
            "Approve",
        ),
        Transition(
            "return",
            KeyMessageStatus.APPROVED,
            KeyMessageStatus.DRAFT,
            "governance.approve_key_message",
            "Return to draft",
        ),
        Transition(
            "publish",
            KeyMessageStatus.APPROVED,
            KeyMessageStatus.PUBLISHED,
            "governance.publish_key_message",
            "Publish",
        ),
        Transition(
            "withdraw",
            KeyMessageStatus.PUBLISHED,
            KeyMessageStatus.DRAFT,
            "governance.publish_key_message",
            "Withdraw from the public archive",
        ),
    ]
}

KEY_MESSAGE_REFUSALS = {
    (KeyMessageStatus.DRAFT, "publish"): (
        "This key message has not been approved. The chair must approve it before it can be "
        "published."
    ),
    (KeyMessageStatus.PUBLISHED, "publish"): "This key message is already published.",
    (KeyMessageStatus.PUBLISHED, "approve"): "This key message is already published.",
    (KeyMessageStatus.APPROVED, "approve"): "This key message is already approved.",
}


def key_message_transition(status: str, name: str) -> Transition:
    """The transition called ``name`` from ``status``, or a ValidationError saying why not."""
    transition = KEY_MESSAGE_TRANSITIONS.get((status, name))
    if transition is None:
        reason = KEY_MESSAGE_REFUSALS.get((status, name))
        if reason is None:
            label = KeyMessageStatus(status).label.lower() if status else "unknown"
            reason = f"A {label} key message cannot be changed with “{name}”."
        raise ValidationError(reason, code="illegal_transition")
    return transition


def key_message_transitions_from(status: str) -> list[Transition]:
    return [t for (source, _), t in KEY_MESSAGE_TRANSITIONS.items() if source == status]


# Minutes: drafted after the meeting, approved at a later meeting of the same body. -------

MINUTE_TRANSITIONS = {(MinuteStatus.DRAFT, "approve"): MinuteStatus.APPROVED}


def minute_transition(status: str, name: str) -> str:
    target = MINUTE_TRANSITIONS.get((status, name))
    if target is None:
        if status == MinuteStatus.APPROVED:
            raise ValidationError("These minutes are already approved.", code="illegal_transition")
        raise ValidationError(f"Minutes cannot be changed with “{name}”.")
    return target


def minute_can_edit(status: str) -> None:
    if status == MinuteStatus.APPROVED:
        raise ValidationError(
            "Approved minutes cannot be changed. Record a correction in the minutes of the "
            "meeting that approved them.",
            code="illegal_transition",
        )


# Actions: open → in progress → done; cancelled from any open state; reopened from closed.

ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset(
        {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED}
    ),
    ActionStatus.IN_PROGRESS: frozenset(
        {ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED}
    ),
    ActionStatus.DONE: frozenset({ActionStatus.DONE, ActionStatus.IN_PROGRESS}),
    ActionStatus.CANCELLED: frozenset({ActionStatus.CANCELLED, ActionStatus.OPEN}),
}


def action_transition(status: str, target: str) -> str:
    if target not in ACTION_TRANSITIONS.get(status, frozenset()):
        raise ValidationError(
            {
                "status": f"An action that is “{ActionStatus(status).label.lower()}” cannot "
                f"become “{ActionStatus(target).label.lower()}”."
                + (" Reopen it as in progress first." if status in CLOSED_STATUSES else "")
            },
            code="illegal_transition",
        )
    return target
