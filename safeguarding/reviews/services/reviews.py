"""Writes for reviews: creating them and moving them through the workflow."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.services import model_update
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.reviews import workflow
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
        actor=actor,
        job=job,
        event="reviews.review.created",
        target=review,
        after=_related_after(review),
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
    allowed = REVIEWER_CONTENT_FIELDS if as_reviewer else set(CONTENT_FIELDS)
    for name in fields:
        if name not in allowed:
            raise ValidationError(f"{name} cannot be changed here.")
    data = dict(fields)
    if themes is not None and not as_reviewer:
        data["themes"] = themes

    def check(record: Review) -> None:
        required(record.title, "title", "Enter the title of the review.")
        if (
            record.priority is not None
            and record.priority.plan.partnership_id != record.partnership_id
        ):
            raise ValidationError(
                {"priority": "Choose a priority from this partnership’s business plan."}
            )

    review, _ = model_update(
        review,
        fields=[*CONTENT_FIELDS, "themes"],
        data=data,
        strip=True,
        validate=check,
        full_clean=False,  # save_new_version validates
        save=lambda record, update_fields: save_new_version(record),
        always=True,
        describe=lambda record: (
            _related_after(record) | snapshot(record, ["summary", "key_learning"])
        ),
        actor=actor,
        event="reviews.review.content_updated",
    )
    return review


# Workflow: one service per step (the table and each step's rules are in ``workflow``) ------

KEEP = object()  # a fact not given: left as it is on the review

# The audit event of each step, written out so every code can be found and is declared.
STEP_EVENTS = {
    "agree_terms": "reviews.review.agree_terms",
    "commission_reviewer": "reviews.review.commission_reviewer",
    "start": "reviews.review.start",
    "receive_draft": "reviews.review.receive_draft",
    "agree_final": "reviews.review.agree_final",
    "send_advance_copy": "reviews.review.send_advance_copy",
    "publish": "reviews.review.publish",
    "defer": "reviews.review.defer",
    "embed_learning": "reviews.review.embed_learning",
}


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


def _step(*, actor, job, review: Review, version: int | None, name: str, facts: dict) -> Review:
    """Lock the review, record the step's facts, check its rules, move it and audit it."""
    review = lock(Review, review, version)
    transition = workflow.REVIEWS.check(review.status, name)
    review, _ = model_update(
        review,
        fields=transition.fields,
        data={
            field: facts[field] for field in transition.fields if facts.get(field, KEEP) is not KEEP
        },
        strip=True,
        validate=lambda record: workflow.REVIEWS.apply(record, name),
        full_clean=False,  # save_new_version validates
        save=lambda record, update_fields: save_new_version(record),
        then=_date_recommendations,
        always=True,
        audit_fields=REVIEW_FIELDS,
        actor=actor,
        job=job,
        event=STEP_EVENTS[name],
    )
    return review


@transaction.atomic
def review_agree_terms(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    terms_agreed_on=KEEP,
    terms_of_reference=KEEP,
    methodology=KEEP,
) -> Review:
    """Decided → terms of reference."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="agree_terms",
        facts={
            "terms_agreed_on": terms_agreed_on,
            "terms_of_reference": terms_of_reference,
            "methodology": methodology,
        },
    )


@transaction.atomic
def review_commission_reviewer(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    reviewer=KEEP,
    commissioned_on=KEEP,
    reviewer_cost=KEEP,
) -> Review:
    """Terms of reference → reviewer commissioned; the reviewer is told by email."""
    review = _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="commission_reviewer",
        facts={
            "reviewer": reviewer,
            "commissioned_on": commissioned_on,
            "reviewer_cost": reviewer_cost,
        },
    )
    if review.reviewer is not None:
        email_send(  # queued: sent when the transaction commits
            to=[review.reviewer.email],
            subject=f"You have been commissioned to write the review: {review.title}",
            template="reviews/email/reviewer_commissioned",
            context={"review": review},
        )
    return review


@transaction.atomic
def review_start(
    *, actor=None, job: str | None = None, review: Review, version: int | None, started_on=KEEP
) -> Review:
    """Reviewer commissioned → in progress."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="start",
        facts={"started_on": started_on},
    )


@transaction.atomic
def review_receive_draft(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    draft_received_on=KEEP,
) -> Review:
    """In progress → draft."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="receive_draft",
        facts={"draft_received_on": draft_received_on},
    )


@transaction.atomic
def review_agree_final(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    final_agreed_on=KEEP,
    planned_publication_on=KEEP,
) -> Review:
    """Draft → final agreed (recommendations without a date are dated then)."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="agree_final",
        facts={
            "final_agreed_on": final_agreed_on,
            "planned_publication_on": planned_publication_on,
        },
    )


@transaction.atomic
def review_send_advance_copy(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    advance_copy_sent_on=KEEP,
    sent_to_ofsted=KEEP,
    planned_publication_on=KEEP,
) -> Review:
    """Final agreed or deferred → sent to the Panel, Secretary of State and Ofsted."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="send_advance_copy",
        facts={
            "advance_copy_sent_on": advance_copy_sent_on,
            "sent_to_ofsted": sent_to_ofsted,
            "planned_publication_on": planned_publication_on,
        },
    )


@transaction.atomic
def review_publish(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    published_on=KEEP,
    publication_url=KEEP,
    target_breach_reason=KEEP,
) -> Review:
    """Sent to the Panel or deferred → published (its recommendations are made then)."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="publish",
        facts={
            "published_on": published_on,
            "publication_url": publication_url,
            "target_breach_reason": target_breach_reason,
        },
    )


@transaction.atomic
def review_defer(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    deferral_reason=KEEP,
    deferral_details=KEEP,
    deferred_on=KEEP,
    deferral_review_on=KEEP,
) -> Review:
    """Draft, final agreed or sent to the Panel → publication deferred."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="defer",
        facts={
            "deferral_reason": deferral_reason,
            "deferral_details": deferral_details,
            "deferred_on": deferred_on,
            "deferral_review_on": deferral_review_on,
        },
    )


@transaction.atomic
def review_embed_learning(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    version: int | None,
    learning_embedded_on=KEEP,
    learning_embedded_summary=KEEP,
) -> Review:
    """Published → learning embedded."""
    return _step(
        actor=actor,
        job=job,
        review=review,
        version=version,
        name="embed_learning",
        facts={
            "learning_embedded_on": learning_embedded_on,
            "learning_embedded_summary": learning_embedded_summary,
        },
    )


# The service that makes each step, for the page that offers them all.
STEP_SERVICES = {
    "agree_terms": review_agree_terms,
    "commission_reviewer": review_commission_reviewer,
    "start": review_start,
    "receive_draft": review_receive_draft,
    "agree_final": review_agree_final,
    "send_advance_copy": review_send_advance_copy,
    "publish": review_publish,
    "defer": review_defer,
    "embed_learning": review_embed_learning,
}


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
        event="reviews.review.delay_reason_recorded",
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
        event="reviews.review.practitioner_event_added",
        target=review,
        after={"title": event.title, "held_on": held_on, "attended": attended},
    )
    return event
