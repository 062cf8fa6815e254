"""Writes for reviews: creating them and moving them through the workflow."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.permissions import has_role
from safeguarding.core.roles import Role
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.core.working_days import working_days_between
from safeguarding.reviews import clocks, workflow
from safeguarding.reviews.models import (
    PractitionerEvent,
    Review,
    ReviewKind,
    ReviewStatus,
)
from safeguarding.reviews.services.common import (
    lock,
    not_before,
    not_in_future,
    required,
    save_new_version,
    today,
)

REVIEW_FIELDS = [
    "kind",
    "title",
    "status",
    "decided_on",
    "lead_partnership_name",
    "cost_contribution",
    "methodology",
    "terms_agreed_on",
    "reviewer",
    "commissioned_on",
    "reviewer_cost",
    "started_on",
    "draft_received_on",
    "final_agreed_on",
    "planned_publication_on",
    "advance_copy_sent_on",
    "sent_to_ofsted",
    "published_on",
    "publication_url",
    "deferral_reason",
    "deferral_details",
    "deferred_on",
    "deferral_review_on",
    "learning_embedded_on",
    "target_breach_reason",
    "priority",
]
CONTENT_FIELDS = ["title", "summary", "key_learning", "priority"]
REVIEWER_CONTENT_FIELDS = {"summary", "key_learning"}


def _related_after(review: Review) -> dict:
    return {
        **snapshot(review, REVIEW_FIELDS),
        "themes": sorted(t.name for t in review.themes.all()),
        "other_partnerships": sorted(p.slug for p in review.other_partnerships.all()),
    }


@transaction.atomic
def review_create(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    kind: str,
    title: str,
    decided_on: date,
    lead_partnership_name: str = "",
    cost_contribution=None,
    other_partnerships=(),
    notifications=(),
    themes=(),
    priority=None,
) -> Review:
    """A thematic or joint review (local reviews start from a rapid review's decision)."""
    title = (title or "").strip()
    required(title, "title", "Enter the title of the review.")
    required(kind, "kind", "Choose the type of review.")
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": "Choose one of the types of review listed."})
    required(decided_on, "decided_on", "Enter the date of the decision to hold the review.")
    not_in_future(decided_on, "decided_on", "The date of the decision")
    if kind == ReviewKind.JOINT and not (lead_partnership_name or "").strip():
        raise ValidationError(
            {"lead_partnership_name": "Name the partnership that leads the joint review."}
        )
    if cost_contribution is not None and cost_contribution < 0:
        raise ValidationError({"cost_contribution": "The cost contribution cannot be negative."})
    foreign = [n for n in notifications if n.partnership_id != partnership.pk]
    if foreign:
        raise ValidationError(
            {"notifications": "Choose only incidents notified by this partnership."}
        )
    if priority is not None and priority.plan.partnership_id != partnership.pk:
        raise ValidationError(
            {"priority": "Choose a priority from this partnership’s business plan."}
        )
    review = Review(
        partnership=partnership,
        kind=kind,
        title=title,
        decided_on=decided_on,
        lead_partnership_name=(lead_partnership_name or "").strip(),
        cost_contribution=cost_contribution,
        priority=priority,
    )
    review.full_clean()
    review.save()
    review.other_partnerships.set([p for p in other_partnerships if p.pk != partnership.pk])
    review.notifications.set(notifications)
    review.themes.set(themes)
    audit_record(
        actor=actor, job=job, event="review.created", target=review, after=_related_after(review)
    )
    return review


@transaction.atomic
def review_update_content(
    *,
    actor,
    review: Review,
    version: int | None,
    themes=None,
    as_reviewer: bool = False,
    **fields,
) -> Review:
    """The review's title, summary and key learning (the reviewer may change only the last two)."""
    review = lock(Review, review, version)
    before = _related_after(review) | snapshot(review, ["summary", "key_learning"])
    allowed = REVIEWER_CONTENT_FIELDS if as_reviewer else set(CONTENT_FIELDS)
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(f"{name} cannot be changed here.")
        setattr(review, name, value.strip() if isinstance(value, str) else value)
    required(review.title, "title", "Enter the title of the review.")
    if review.priority is not None and review.priority.plan.partnership_id != review.partnership_id:
        raise ValidationError(
            {"priority": "Choose a priority from this partnership’s business plan."}
        )
    save_new_version(review)
    if themes is not None and not as_reviewer:
        review.themes.set(themes)
    audit_record(
        actor=actor,
        event="review.content_updated",
        target=review,
        before=before,
        after=_related_after(review) | snapshot(review, ["summary", "key_learning"]),
    )
    return review


# Workflow -------------------------------------------------------------------------------


def _guard(review: Review, action: str) -> None:
    """The rules of each step, beyond "which state may it come from"."""
    if action == "agree_terms":
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
    elif action == "commission_reviewer":
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
    elif action == "start":
        required(review.started_on, "started_on", "Enter the date the review started.")
        not_in_future(review.started_on, "started_on", "The start date")
        not_before(
            review.started_on,
            review.commissioned_on,
            "started_on",
            "The review cannot start before the reviewer was commissioned ({earlier}).",
        )
    elif action == "receive_draft":
        required(review.draft_received_on, "draft_received_on", "Enter the date of the draft.")
        not_in_future(review.draft_received_on, "draft_received_on", "The date of the draft")
        not_before(
            review.draft_received_on,
            review.started_on,
            "draft_received_on",
            "The draft cannot arrive before the review started ({earlier}).",
        )
    elif action == "agree_final":
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
    elif action == "send_advance_copy":
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
    elif action == "publish":
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
    elif action == "defer":
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
    elif action == "embed_learning":
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


def _date_recommendations(review: Review) -> None:
    """Recommendations are made in the report containing them: on the date it is published,
    or, until it is (or when publication is deferred), the date the final report was agreed.
    Fill that date on those without one; on publication, move those dated by the agreement."""
    if review.published_on is not None:
        review.recommendations.filter(
            Q(made_on__isnull=True) | Q(made_on=review.final_agreed_on)
        ).update(made_on=review.published_on)
    elif review.final_agreed_on is not None:
        review.recommendations.filter(made_on__isnull=True).update(made_on=review.final_agreed_on)


@transaction.atomic
def review_transition(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    action: str,
    version: int | None,
    **fields,
) -> Review:
    """Move a review one step through the workflow, recording that step's facts."""
    review = lock(Review, review, version)
    transition = workflow.check(review.status, action)
    unknown = set(fields) - set(transition.fields)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} is not recorded at this step.")
    before = snapshot(review, REVIEW_FIELDS)
    for name, value in fields.items():
        setattr(review, name, value.strip() if isinstance(value, str) else value)
    _guard(review, action)
    review.status = transition.target
    save_new_version(review)
    _date_recommendations(review)
    audit_record(
        actor=actor,
        job=job,
        event=f"review.{action}",
        target=review,
        before=before,
        after=snapshot(review, REVIEW_FIELDS),
    )
    if action == "commission_reviewer" and review.reviewer is not None:
        email_send(
            to=[review.reviewer.email],
            subject=f"You have been commissioned to write the review: {review.title}",
            template="reviews/email/reviewer_commissioned",
            context={"review": review},
        )
    return review


@transaction.atomic
def review_record_delay_reason(
    *, actor, review: Review, version: int | None, target_breach_reason: str
) -> Review:
    review = lock(Review, review, version)
    reason = (target_breach_reason or "").strip()
    required(reason, "target_breach_reason", "Give the reason the 6-month target was missed.")
    if not review.publication_clock.is_breached(today()):
        raise ValidationError(
            f"The 6-month target of {uk_date(review.target_publication_on)} has not been "
            "missed, so no reason is needed yet."
        )
    before = {"target_breach_reason": review.target_breach_reason}
    review.target_breach_reason = reason
    save_new_version(review, update_fields=["target_breach_reason"])
    audit_record(
        actor=actor,
        event="review.delay_reason_recorded",
        target=review,
        before=before,
        after={"target_breach_reason": reason},
    )
    return review


@transaction.atomic
def practitioner_event_add(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    title: str,
    held_on: date,
    attended: int,
) -> PractitionerEvent:
    if review.status not in {ReviewStatus.IN_PROGRESS, ReviewStatus.DRAFT}:
        raise ValidationError(
            "Practitioner events are recorded while the review is in progress or at draft."
        )
    required((title or "").strip(), "title", "Enter what the event was.")
    required(held_on, "held_on", "Enter the date it was held.")
    not_in_future(held_on, "held_on", "The date held")
    not_before(
        held_on,
        review.started_on,
        "held_on",
        "The event cannot be before the review started ({earlier}).",
    )
    if attended is None or attended < 0:
        raise ValidationError({"attended": "Enter how many took part (0 or more)."})
    event = PractitionerEvent.objects.create(
        review=review, title=title.strip(), held_on=held_on, attended=attended
    )
    audit_record(
        actor=actor,
        job=job,
        event="review.practitioner_event_added",
        target=review,
        after={"title": event.title, "held_on": held_on, "attended": attended},
    )
    return event
