"""The state machine of agency data returns.

    requested --submit--> submitted --accept--> accepted
    queried   --submit--> submitted --query---> queried

Each transition names the permission it needs; anything not listed is refused with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from safeguarding.performance.models import ReturnStatus


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str
    permission: str


DATA_RETURN_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source, t.name): t
    for t in [
        Transition(
            "submit",
            ReturnStatus.REQUESTED,
            ReturnStatus.SUBMITTED,
            "performance.submit_data_return",
        ),
        Transition(
            "submit", ReturnStatus.QUERIED, ReturnStatus.SUBMITTED, "performance.submit_data_return"
        ),
        Transition(
            "accept",
            ReturnStatus.SUBMITTED,
            ReturnStatus.ACCEPTED,
            "performance.review_data_return",
        ),
        Transition(
            "query", ReturnStatus.SUBMITTED, ReturnStatus.QUERIED, "performance.review_data_return"
        ),
    ]
}

DATA_RETURN_REFUSALS = {
    (ReturnStatus.SUBMITTED, "submit"): (
        "This return has already been submitted and is waiting for the business unit to check it."
    ),
    (ReturnStatus.ACCEPTED, "submit"): (
        "This return has been accepted: its figures are now the partnership's figures and "
        "cannot be changed here. Ask the business unit to correct a figure."
    ),
    (ReturnStatus.REQUESTED, "accept"): "The agency has not submitted this return yet.",
    (ReturnStatus.QUERIED, "accept"): "The return is back with the agency to answer a query.",
    (ReturnStatus.ACCEPTED, "accept"): "This return has already been accepted.",
    (ReturnStatus.REQUESTED, "query"): "The agency has not submitted this return yet.",
    (ReturnStatus.QUERIED, "query"): "This return has already been queried.",
    (ReturnStatus.ACCEPTED, "query"): "This return has already been accepted.",
}


def data_return_transition(status: str, name: str) -> Transition:
    """The transition ``name`` from ``status``, or a ValidationError that says why not."""
    transition = DATA_RETURN_TRANSITIONS.get((status, name))
    if transition is None:
        raise ValidationError(
            DATA_RETURN_REFUSALS.get((status, name), f"A {status} return cannot be {name}ed.")
        )
    return transition
