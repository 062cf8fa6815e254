"""The state machine of a review, from the decision to hold it to the learning embedded.

    decided → terms of reference → reviewer commissioned → in progress → draft
      → final agreed → sent to the Panel, Secretary of State and Ofsted
      → published → learning embedded
    draft, final agreed or sent to the Panel → publication deferred
    publication deferred → sent to the Panel (again) or published

Each transition is one service in ``services.reviews``; this table says which moves exist,
from where, who may make them and which facts each one records. Anything not in the table
is refused with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from safeguarding.reviews.models import ReferralStatus as RS
from safeguarding.reviews.models import ReviewStatus as S


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    fields: tuple[str, ...]
    permission: str = "reviews.manage_review"


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "agree_terms",
            "Record the terms of reference",
            frozenset({S.DECIDED}),
            S.TERMS_OF_REFERENCE,
            ("terms_agreed_on", "terms_of_reference", "methodology"),
        ),
        Transition(
            "commission_reviewer",
            "Record the reviewer commissioned",
            frozenset({S.TERMS_OF_REFERENCE}),
            S.REVIEWER_COMMISSIONED,
            ("reviewer", "commissioned_on", "reviewer_cost"),
        ),
        Transition(
            "start",
            "Record that the review has started",
            frozenset({S.REVIEWER_COMMISSIONED}),
            S.IN_PROGRESS,
            ("started_on",),
        ),
        Transition(
            "receive_draft",
            "Record the draft report",
            frozenset({S.IN_PROGRESS}),
            S.DRAFT,
            ("draft_received_on",),
            permission="reviews.submit_draft",
        ),
        Transition(
            "agree_final",
            "Record the final report agreed",
            frozenset({S.DRAFT}),
            S.FINAL_AGREED,
            ("final_agreed_on", "planned_publication_on"),
        ),
        Transition(
            "send_advance_copy",
            "Record the report sent to the Panel, Secretary of State and Ofsted",
            frozenset({S.FINAL_AGREED, S.DEFERRED}),
            S.SENT_TO_PANEL,
            ("advance_copy_sent_on", "sent_to_ofsted", "planned_publication_on"),
        ),
        Transition(
            "publish",
            "Record the publication",
            frozenset({S.SENT_TO_PANEL, S.DEFERRED}),
            S.PUBLISHED,
            ("published_on", "publication_url", "target_breach_reason"),
        ),
        Transition(
            "defer",
            "Defer publication",
            frozenset({S.DRAFT, S.FINAL_AGREED, S.SENT_TO_PANEL}),
            S.DEFERRED,
            ("deferral_reason", "deferral_details", "deferred_on", "deferral_review_on"),
        ),
        Transition(
            "embed_learning",
            "Record the learning embedded",
            frozenset({S.PUBLISHED}),
            S.LEARNING_EMBEDDED,
            ("learning_embedded_on", "learning_embedded_summary"),
        ),
    ]
}


def get(action: str) -> Transition:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise ValidationError(f"“{action}” is not a step of a review.") from None


def available(status: str) -> list[Transition]:
    """The moves a review in ``status`` can make, in the order of the table."""
    return [t for t in TRANSITIONS.values() if status in t.sources]


def check(status: str, action: str) -> Transition:
    """The transition, or a ValidationError saying why it cannot happen now."""
    transition = get(action)
    if status not in transition.sources:
        allowed = ", ".join(sorted(S(s).label.lower() for s in transition.sources))
        raise ValidationError(
            f"You cannot {transition.label[0].lower()}{transition.label[1:]} while the review is "
            f"“{S(status).label.lower()}”. This step is only possible when the review is: "
            f"{allowed}."
        )
    return transition


# Referrals for review ---------------------------------------------------------------------
#
#     submitted → under consideration → decided
#
# A decided referral is final; anything else is refused with a reason.

REFERRAL_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "consider",
            "Start considering the referral",
            frozenset({RS.SUBMITTED}),
            RS.UNDER_CONSIDERATION,
            ("consideration_started_on",),
            permission="reviews.decide_referral",
        ),
        Transition(
            "decide",
            "Record the decision on the referral",
            frozenset({RS.UNDER_CONSIDERATION}),
            RS.DECIDED,
            ("outcome", "decision_reason", "decided_on"),
            permission="reviews.decide_referral",
        ),
    ]
}


def referral_check(status: str, action: str) -> Transition:
    """The referral transition, or a ValidationError saying why it cannot happen now."""
    try:
        transition = REFERRAL_TRANSITIONS[action]
    except KeyError:
        raise ValidationError(f"“{action}” is not a step of a referral.") from None
    if status not in transition.sources:
        allowed = ", ".join(sorted(RS(s).label.lower() for s in transition.sources))
        raise ValidationError(
            f"You cannot {transition.label[0].lower()}{transition.label[1:]} while it is "
            f"“{RS(status).label.lower()}”. This step is only possible when the referral is: "
            f"{allowed}."
        )
    return transition


def referral_available(status: str) -> list[Transition]:
    return [t for t in REFERRAL_TRANSITIONS.values() if status in t.sources]
