"""The one state machine of a child death review (ADR 0020): notified → queued for a panel
meeting → reviewed by the panel → closed."""

from __future__ import annotations

from safeguarding.childdeaths.models import Status
from safeguarding.core.workflow import Machine, Transition


def _reports_in_or_reason(death) -> str | None:
    outstanding = [r for r in death.agency_reports.all() if not r.is_submitted]
    if outstanding and not death.reports_outstanding_reason.strip():
        names = ", ".join(sorted(r.agency.name for r in outstanding))
        return (
            f"Agency reports are still outstanding ({names}). Wait for them, or the CDOP "
            "chair records why the panel should go ahead without them."
        )
    return None


def _has_panel_meeting(death) -> str | None:
    if not death.panel_meeting_id:
        return "Queue the death for a panel meeting before the panel records its review."
    return None


def _has_category(death) -> str | None:
    if not death.category:
        return "The panel has not recorded a category of death yet."
    return None


MACHINE = Machine(
    noun="a child death review",
    labels=dict(Status.choices),
    transitions=[
        Transition(
            "queue",
            frozenset({Status.NOTIFIED, Status.QUEUED}),
            Status.QUEUED,
            label="Queue for a panel meeting",
            permission="childdeaths.manage_childdeaths",
            validators=(_reports_in_or_reason,),
        ),
        Transition(
            "review",
            frozenset({Status.QUEUED}),
            Status.REVIEWED,
            label="Record the panel's review",
            permission="childdeaths.manage_childdeaths",
            guards=(_has_panel_meeting,),
            validators=(_reports_in_or_reason, _has_category),
            refusal=(
                "Queue the death for a panel meeting before recording its category or "
                "modifiable factors."
            ),
        ),
        Transition(
            "close",
            frozenset({Status.REVIEWED}),
            Status.CLOSED,
            label="Close the review",
            permission="childdeaths.manage_childdeaths",
            refusal="Only a death the panel has reviewed can be closed.",
        ),
    ],
)
