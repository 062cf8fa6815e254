"""State machines of governance records: key messages, minutes and actions.

Each machine lists every legal transition; anything not listed is refused with a reason.
Services check (or apply) a transition before they change a status, so the pages, the API
and the command line share one set of rules. Built on :mod:`safeguarding.core.workflow`
(ADR 0020).
"""

from __future__ import annotations

from safeguarding.core.workflow import Machine, Transition
from safeguarding.governance.models import (
    CLOSED_STATUSES,
    ActionStatus,
    KeyMessageStatus,
    MinuteStatus,
)


def _key_message_refusal(machine: Machine, status: str, name: str) -> str:
    label = KeyMessageStatus(status).label.lower() if status else "unknown"
    return f"A {label} key message cannot be changed with “{name}”."


KEY_MESSAGES = Machine(
    noun="a key message",
    labels=dict(KeyMessageStatus.choices),
    refusal=_key_message_refusal,
    transitions=[
        Transition(
            "approve",
            {KeyMessageStatus.DRAFT},
            KeyMessageStatus.APPROVED,
            label="Approve",
            permission="governance.approve_key_message",
        ),
        Transition(
            "return",
            {KeyMessageStatus.APPROVED},
            KeyMessageStatus.DRAFT,
            label="Return to draft",
            permission="governance.approve_key_message",
        ),
        Transition(
            "publish",
            {KeyMessageStatus.APPROVED},
            KeyMessageStatus.PUBLISHED,
            label="Publish",
            permission="governance.publish_key_message",
        ),
        Transition(
            "withdraw",
            {KeyMessageStatus.PUBLISHED},
            KeyMessageStatus.DRAFT,
            label="Withdraw from the public archive",
            permission="governance.publish_key_message",
        ),
    ],
    refusals={
        (KeyMessageStatus.DRAFT, "publish"): (
            "This key message has not been approved. The chair must approve it before it can "
            "be published."
        ),
        (KeyMessageStatus.PUBLISHED, "publish"): "This key message is already published.",
        (KeyMessageStatus.PUBLISHED, "approve"): "This key message is already published.",
        (KeyMessageStatus.APPROVED, "approve"): "This key message is already approved.",
    },
)


# Minutes: drafted after the meeting, approved at a later meeting of the same body. -------

MINUTES = Machine(
    noun="minutes",
    labels=dict(MinuteStatus.choices),
    refusal=lambda machine, status, name: f"Minutes cannot be changed with “{name}”.",
    transitions=[
        Transition("approve", {MinuteStatus.DRAFT}, MinuteStatus.APPROVED, label="Approve"),
        # Editing keeps the status; approved minutes are frozen.
        Transition("edit", {MinuteStatus.DRAFT}, None, label="Edit"),
    ],
    refusals={
        (MinuteStatus.APPROVED, "approve"): "These minutes are already approved.",
        (MinuteStatus.APPROVED, "edit"): (
            "Approved minutes cannot be changed. Record a correction in the minutes of the "
            "meeting that approved them."
        ),
    },
)


# Actions: open → in progress → done; cancelled from any open state; reopened from closed.
# Each transition is named by the status it leads to (the form asks for the new status).


def _action_refusal(machine: Machine, status: str, target: str) -> str:
    return (
        f"An action that is “{ActionStatus(status).label.lower()}” cannot "
        f"become “{ActionStatus(target).label.lower()}”."
        + (" Reopen it as in progress first." if status in CLOSED_STATUSES else "")
    )


ACTIONS = Machine(
    noun="an action",
    labels=dict(ActionStatus.choices),
    refusal=_action_refusal,
    error_field="status",
    transitions=[
        Transition(
            ActionStatus.OPEN, {ActionStatus.OPEN, ActionStatus.CANCELLED}, ActionStatus.OPEN
        ),
        Transition(
            ActionStatus.IN_PROGRESS,
            {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE},
            ActionStatus.IN_PROGRESS,
        ),
        Transition(
            ActionStatus.DONE,
            {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE},
            ActionStatus.DONE,
        ),
        Transition(
            ActionStatus.CANCELLED,
            {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED},
            ActionStatus.CANCELLED,
        ),
    ],
)
