"""The life of a bulletin edition: drafted, scheduled or sent now, sending, sent."""

from __future__ import annotations

from safeguarding.comms.models import BulletinStatus
from safeguarding.core.workflow import Machine, Transition


def _has_content(bulletin) -> str | None:
    if not bulletin.blocks.exists():
        return "Add at least one block before sending this bulletin."
    return None


BULLETINS = Machine(
    noun="a bulletin",
    labels=dict(BulletinStatus.choices),
    transitions=[
        Transition(
            "schedule",
            frozenset({BulletinStatus.DRAFT}),
            BulletinStatus.SCHEDULED,
            label="Schedule",
            permission="comms.send_bulletin",
            guards=(_has_content,),
        ),
        Transition(
            "unschedule",
            frozenset({BulletinStatus.SCHEDULED}),
            BulletinStatus.DRAFT,
            label="Cancel the schedule",
            permission="comms.send_bulletin",
        ),
        Transition(
            "send",
            frozenset({BulletinStatus.DRAFT, BulletinStatus.SCHEDULED}),
            BulletinStatus.SENDING,
            label="Send now",
            permission="comms.send_bulletin",
            guards=(_has_content,),
        ),
        Transition(
            "finish", frozenset({BulletinStatus.SENDING}), BulletinStatus.SENT, label="Finish"
        ),
    ],
    refusals={
        (BulletinStatus.SENDING, "send"): "This bulletin is already being sent.",
        (BulletinStatus.SENT, "send"): "This bulletin has already been sent.",
        (BulletinStatus.SENT, "schedule"): "This bulletin has already been sent.",
        (BulletinStatus.SCHEDULED, "schedule"): "This bulletin is already scheduled.",
    },
)
