"""The state machine of agency data returns.

    requested --submit--> submitted --accept--> accepted
    queried   --submit--> submitted --query---> queried

Each transition names the permission it needs; anything not listed is refused with a reason.
Built on :mod:`safeguarding.core.workflow` (ADR 0020).
"""

from __future__ import annotations

from safeguarding.core.workflow import Machine, Transition
from safeguarding.performance.models import ReturnStatus

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


DATA_RETURNS = Machine(
    noun="a return",
    labels=dict(ReturnStatus.choices),
    refusal=lambda machine, status, name: f"A {status} return cannot be {name}ed.",
    refusals=DATA_RETURN_REFUSALS,
    transitions=[
        Transition(
            "submit",
            {ReturnStatus.REQUESTED, ReturnStatus.QUERIED},
            ReturnStatus.SUBMITTED,
            permission="performance.submit_data_return",
        ),
        Transition(
            "accept",
            {ReturnStatus.SUBMITTED},
            ReturnStatus.ACCEPTED,
            permission="performance.review_data_return",
        ),
        Transition(
            "query",
            {ReturnStatus.SUBMITTED},
            ReturnStatus.QUERIED,
            permission="performance.review_data_return",
        ),
    ],
)
