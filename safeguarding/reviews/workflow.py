"""The state machine of a review, from the decision to hold it to the learning embedded.

    decided → terms of reference → reviewer commissioned → in progress → draft
      → final agreed → sent to the Panel, Secretary of State and Ofsted
      → published → learning embedded
    draft, final agreed or sent to the Panel → publication deferred
    publication deferred → sent to the Panel (again) or published

Each transition is one service in ``services.reviews`` (``review_<name>``); this table says
which moves exist, from where, who may make them, which facts each one records and the
rules those facts must meet (one validator per step). Anything not in the table is refused
with a reason. Built on :mod:`safeguarding.core.workflow` (ADR 0020).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from safeguarding.core.permissions import has_role
from safeguarding.core.roles import Role
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.core.workflow import Machine, Transition
from safeguarding.core.working_days import working_days_between
from safeguarding.reviews import clocks
from safeguarding.reviews.models import ReferralStatus as RS
from safeguarding.reviews.models import ReviewKind
from safeguarding.reviews.models import ReviewStatus as S
from safeguarding.reviews.validation import not_before, not_in_future, required

# The rules of each step, beyond "which state may it come from". Each runs on the review
# with the step's facts set, and raises a ValidationError naming the field at fault.


def agree_terms_rules(review) -> None:
    required(review.terms_agreed_on, "terms_agreed_on", "Enter the date the terms were agreed.")
    required(
        (review.terms_of_reference or "").strip(),
        "terms_of_reference",
        "Enter the terms of reference.",
    )
    not_in_future(review.terms_agreed_on, "terms_agreed_on", "The date the terms were agreed")
    not_before(
        review.terms_agreed_on,
        review.decided_on,
        "terms_agreed_on",
        "The terms cannot be agreed before the decision to hold the review ({earlier}).",
    )


def commission_reviewer_rules(review) -> None:
    if review.kind == ReviewKind.LOCAL:
        required(review.reviewer, "reviewer", "Choose the reviewer commissioned.")
    if review.reviewer is not None and not has_role(
        review.reviewer, [Role.REVIEWER], set(review.partnership_ids_for_rules())
    ):
        raise ValidationError(
            {"reviewer": f"{review.reviewer} does not hold the reviewer role here."}
        )
    required(review.commissioned_on, "commissioned_on", "Enter the date commissioned.")
    not_in_future(review.commissioned_on, "commissioned_on", "The date commissioned")
    not_before(
        review.commissioned_on,
        review.terms_agreed_on,
        "commissioned_on",
        "The reviewer cannot be commissioned before the terms of reference ({earlier}).",
    )
    if review.reviewer_cost is not None and review.reviewer_cost < 0:
        raise ValidationError({"reviewer_cost": "The cost cannot be negative."})


def start_rules(review) -> None:
    required(review.started_on, "started_on", "Enter the date the review started.")
    not_in_future(review.started_on, "started_on", "The start date")
    not_before(
        review.started_on,
        review.commissioned_on,
        "started_on",
        "The review cannot start before the reviewer was commissioned ({earlier}).",
    )


def receive_draft_rules(review) -> None:
    required(review.draft_received_on, "draft_received_on", "Enter the date of the draft.")
    not_in_future(review.draft_received_on, "draft_received_on", "The date of the draft")
    not_before(
        review.draft_received_on,
        review.started_on,
        "draft_received_on",
        "The draft cannot arrive before the review started ({earlier}).",
    )


def agree_final_rules(review) -> None:
    required(review.final_agreed_on, "final_agreed_on", "Enter the date it was agreed.")
    required(
        review.planned_publication_on,
        "planned_publication_on",
        "Enter the planned publication date.",
    )
    not_in_future(review.final_agreed_on, "final_agreed_on", "The date agreed")
    not_before(
        review.final_agreed_on,
        review.draft_received_on,
        "final_agreed_on",
        "The final report cannot be agreed before the draft arrived ({earlier}).",
    )
    not_before(
        review.planned_publication_on,
        review.final_agreed_on,
        "planned_publication_on",
        "Publication cannot be planned before the final report is agreed ({earlier}).",
    )


def send_advance_copy_rules(review) -> None:
    required(
        review.advance_copy_sent_on,
        "advance_copy_sent_on",
        "Enter the date the report was sent to the Panel and the Secretary of State.",
    )
    required(
        review.planned_publication_on,
        "planned_publication_on",
        "Enter the planned publication date.",
    )
    not_in_future(review.advance_copy_sent_on, "advance_copy_sent_on", "The date sent")
    not_before(
        review.advance_copy_sent_on,
        review.final_agreed_on,
        "advance_copy_sent_on",
        "The report cannot be sent before the final version was agreed ({earlier}).",
    )
    latest = clocks.latest_advance_copy(review.planned_publication_on)
    if review.advance_copy_sent_on > latest:
        earliest = clocks.earliest_publication(review.advance_copy_sent_on)
        raise ValidationError(
            {
                "planned_publication_on": "The Panel, the Secretary of State and Ofsted "
                "must have the report at least 7 working days before publication: for "
                f"publication on {uk_date(review.planned_publication_on)} it had to be sent "
                f"by {uk_date(latest)}. Sent on {uk_date(review.advance_copy_sent_on)}, the "
                f"earliest publication date is {uk_date(earliest)}: change the planned date."
            }
        )


def publish_rules(review) -> None:
    if review.advance_copy_sent_on is None:
        raise ValidationError(
            "The report cannot be published before a copy has been sent to the Panel, the "
            "Secretary of State and Ofsted (at least 7 working days before). Record that "
            "first."
        )
    required(review.published_on, "published_on", "Enter the date it was published.")
    required(review.publication_url, "publication_url", "Enter the link to the report.")
    not_in_future(review.published_on, "published_on", "The date published")
    earliest = clocks.earliest_publication(review.advance_copy_sent_on)
    if review.published_on < earliest:
        gap = working_days_between(review.advance_copy_sent_on, review.published_on)
        raise ValidationError(
            {
                "published_on": f"The report went to the Panel on "
                f"{uk_date(review.advance_copy_sent_on)}, only {gap} working day"
                f"{'' if gap == 1 else 's'} before. It can be published from "
                f"{uk_date(earliest)}."
            }
        )
    if (
        review.published_on > review.target_publication_on
        and not (review.target_breach_reason or "").strip()
    ):
        raise ValidationError(
            {
                "target_breach_reason": "Publication on "
                f"{uk_date(review.published_on)} is after the 6-month target of "
                f"{uk_date(review.target_publication_on)}. Give the reason."
            }
        )


def defer_rules(review) -> None:
    required(review.deferral_reason, "deferral_reason", "Choose the reason for the deferral.")
    required(review.deferred_on, "deferred_on", "Enter the date of the decision to defer.")
    required(
        review.deferral_review_on,
        "deferral_review_on",
        "Enter the date to look at publication again.",
    )
    not_in_future(review.deferred_on, "deferred_on", "The date of the deferral")
    if review.deferral_review_on <= review.deferred_on:
        raise ValidationError(
            {"deferral_review_on": "The date to look again must be after the deferral."}
        )
    if review.deferral_reason == "other" and not (review.deferral_details or "").strip():
        raise ValidationError({"deferral_details": "Explain the reason for the deferral."})


def embed_learning_rules(review) -> None:
    required(
        review.learning_embedded_on,
        "learning_embedded_on",
        "Enter the date the learning was judged embedded.",
    )
    required(
        (review.learning_embedded_summary or "").strip(),
        "learning_embedded_summary",
        "Say how the learning has been embedded, and the evidence for it.",
    )
    not_in_future(review.learning_embedded_on, "learning_embedded_on", "The date")
    not_before(
        review.learning_embedded_on,
        review.published_on,
        "learning_embedded_on",
        "The learning cannot be embedded before publication ({earlier}).",
    )


def _refusal(status_enum, what: str):
    def refusal(machine: Machine, status: str, name: str) -> str:
        transition = machine.get(name)
        allowed = ", ".join(sorted(status_enum(s).label.lower() for s in transition.sources))
        return (
            f"You cannot {transition.label[0].lower()}{transition.label[1:]} while {what} "
            f"“{status_enum(status).label.lower()}”. This step is only possible when the "
            f"{machine.noun.removeprefix('a ')} is: {allowed}."
        )

    return refusal


REVIEWS = Machine(
    noun="a review",
    labels=dict(S.choices),
    refusal=_refusal(S, "the review is"),
    transitions=[
        Transition(
            "agree_terms",
            {S.DECIDED},
            S.TERMS_OF_REFERENCE,
            label="Record the terms of reference",
            permission="reviews.manage_review",
            fields=("terms_agreed_on", "terms_of_reference", "methodology"),
            validators=(agree_terms_rules,),
        ),
        Transition(
            "commission_reviewer",
            {S.TERMS_OF_REFERENCE},
            S.REVIEWER_COMMISSIONED,
            label="Record the reviewer commissioned",
            permission="reviews.manage_review",
            fields=("reviewer", "commissioned_on", "reviewer_cost"),
            validators=(commission_reviewer_rules,),
        ),
        Transition(
            "start",
            {S.REVIEWER_COMMISSIONED},
            S.IN_PROGRESS,
            label="Record that the review has started",
            permission="reviews.manage_review",
            fields=("started_on",),
            validators=(start_rules,),
        ),
        Transition(
            "receive_draft",
            {S.IN_PROGRESS},
            S.DRAFT,
            label="Record the draft report",
            permission="reviews.submit_draft",
            fields=("draft_received_on",),
            validators=(receive_draft_rules,),
        ),
        Transition(
            "agree_final",
            {S.DRAFT},
            S.FINAL_AGREED,
            label="Record the final report agreed",
            permission="reviews.manage_review",
            fields=("final_agreed_on", "planned_publication_on"),
            validators=(agree_final_rules,),
        ),
        Transition(
            "send_advance_copy",
            {S.FINAL_AGREED, S.DEFERRED},
            S.SENT_TO_PANEL,
            label="Record the report sent to the Panel, Secretary of State and Ofsted",
            permission="reviews.manage_review",
            fields=("advance_copy_sent_on", "sent_to_ofsted", "planned_publication_on"),
            validators=(send_advance_copy_rules,),
        ),
        Transition(
            "publish",
            {S.SENT_TO_PANEL, S.DEFERRED},
            S.PUBLISHED,
            label="Record the publication",
            permission="reviews.manage_review",
            fields=("published_on", "publication_url", "target_breach_reason"),
            validators=(publish_rules,),
        ),
        Transition(
            "defer",
            {S.DRAFT, S.FINAL_AGREED, S.SENT_TO_PANEL},
            S.DEFERRED,
            label="Defer publication",
            permission="reviews.manage_review",
            fields=("deferral_reason", "deferral_details", "deferred_on", "deferral_review_on"),
            validators=(defer_rules,),
        ),
        Transition(
            "embed_learning",
            {S.PUBLISHED},
            S.LEARNING_EMBEDDED,
            label="Record the learning embedded",
            permission="reviews.manage_review",
            fields=("learning_embedded_on", "learning_embedded_summary"),
            validators=(embed_learning_rules,),
        ),
    ],
)


# Referrals for review ---------------------------------------------------------------------
#
#     submitted → under consideration → decided
#
# A decided referral is final; anything else is refused with a reason.

REFERRALS = Machine(
    noun="a referral",
    labels=dict(RS.choices),
    refusal=_refusal(RS, "it is"),
    transitions=[
        Transition(
            "consider",
            {RS.SUBMITTED},
            RS.UNDER_CONSIDERATION,
            label="Start considering the referral",
            permission="reviews.decide_referral",
            fields=("consideration_started_on",),
        ),
        Transition(
            "decide",
            {RS.UNDER_CONSIDERATION},
            RS.DECIDED,
            label="Record the decision on the referral",
            permission="reviews.decide_referral",
            fields=("outcome", "decision_reason", "decided_on"),
        ),
    ],
)
