"""Writes for recommendations: owners, monthly updates, evidence of impact, grading, closing.

A recommendation closes on graded evidence that the learning made a difference, never on
"actions done". Updates are an append-only timeline.
"""

from __future__ import annotations

import mimetypes
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.permissions import has_role
from safeguarding.core.roles import Role
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.core.uploads import EVIDENCE_FILE_RULES, uploaded_file_check
from safeguarding.reviews import clocks
from safeguarding.reviews.approvals import graders_of
from safeguarding.reviews.models import (
    ImpactEvidence,
    ImpactEvidenceFile,
    ImpactGrade,
    Progress,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    Review,
    ReviewStatus,
)
from safeguarding.reviews.services.common import (
    lock,
    not_in_future,
    required,
    save_new_version,
    today,
)

# Recommendations come with the report: from the draft onwards.
RECOMMENDATION_STATES = frozenset(
    {
        ReviewStatus.DRAFT,
        ReviewStatus.FINAL_AGREED,
        ReviewStatus.SENT_TO_PANEL,
        ReviewStatus.PUBLISHED,
        ReviewStatus.DEFERRED,
        ReviewStatus.LEARNING_EMBEDDED,
    }
)
RECOMMENDATION_FIELDS = [
    "number",
    "text",
    "owner_agency",
    "owner_person",
    "target_on",
    "made_on",
    "priority",
    "status",
    "impact_grade",
    "update_due_on",
]


def _after(recommendation: Recommendation) -> dict:
    return {
        **snapshot(recommendation, RECOMMENDATION_FIELDS),
        "themes": sorted(t.name for t in recommendation.themes.all()),
    }


def _check_owner(review: Review, owner_agency, owner_person, priority) -> None:
    partnership_ids = set(review.partnership_ids_for_rules())
    required(owner_agency, "owner_agency", "Choose the agency that owns the recommendation.")
    required(owner_person, "owner_person", "Choose the named person who owns it.")
    if not partnership_ids & set(owner_agency.partnerships.values_list("pk", flat=True)):
        raise ValidationError(
            {"owner_agency": f"{owner_agency} is not an agency of this review’s partnership."}
        )
    if not owner_person.is_active or not has_role(owner_person, list(Role), partnership_ids):
        raise ValidationError(
            {
                "owner_person": f"{owner_person} has no active account in this partnership, so "
                "they could not give updates. Choose someone who has."
            }
        )
    if priority is not None and priority.plan.partnership_id not in partnership_ids:
        raise ValidationError(
            {"priority": "Choose a priority from this partnership’s business plan."}
        )


def _check_made_on(review: Review, made_on: date | None) -> None:
    if made_on is None:
        return
    not_in_future(made_on, "made_on", "The date made")
    if made_on < review.decided_on:
        raise ValidationError(
            {
                "made_on": f"The date made cannot be before the decision to hold the review "
                f"({uk_date(review.decided_on)})."
            }
        )


@transaction.atomic
def recommendation_add(
    *,
    actor=None,
    job: str | None = None,
    review: Review,
    text: str,
    owner_agency,
    owner_person,
    target_on: date,
    priority=None,
    themes=(),
    made_on: date | None = None,
) -> Recommendation:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status not in RECOMMENDATION_STATES:
        raise ValidationError(
            "Recommendations are added once the review has a draft report; this review is "
            f"“{review.get_status_display().lower()}”."
        )
    text = (text or "").strip()
    required(text, "text", "Enter the recommendation.")
    required(target_on, "target_on", "Enter the target date.")
    _check_owner(review, owner_agency, owner_person, priority)
    made_on = made_on or review.published_on or review.final_agreed_on
    _check_made_on(review, made_on)
    number = (review.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    recommendation = Recommendation(
        review=review,
        number=number,
        text=text,
        owner_agency=owner_agency,
        owner_person=owner_person,
        target_on=target_on,
        priority=priority,
        made_on=made_on,
        update_due_on=clocks.add_months(today(), 1),
    )
    recommendation.full_clean()
    recommendation.save()
    recommendation.themes.set(themes)
    audit_record(
        actor=actor,
        job=job,
        event="reviews.recommendation.added",
        target=recommendation,
        after=_after(recommendation),
    )
    email_send(
        to=[owner_person.email],
        subject=f"You own recommendation {number} of the review {review.title}",
        template="reviews/email/recommendation_owner",
        context={"recommendation": recommendation},
    )
    return recommendation


@transaction.atomic
def recommendation_change(
    *,
    actor,
    recommendation: Recommendation,
    version: int | None,
    text: str,
    owner_agency,
    owner_person,
    target_on: date,
    priority=None,
    themes=(),
    made_on: date | None = None,
) -> Recommendation:
    recommendation = lock(Recommendation, recommendation, version)
    if not recommendation.is_open:
        raise ValidationError("A closed recommendation cannot be changed.")
    before = _after(recommendation)
    text = (text or "").strip()
    required(text, "text", "Enter the recommendation.")
    required(target_on, "target_on", "Enter the target date.")
    _check_owner(recommendation.review, owner_agency, owner_person, priority)
    new_owner = owner_person.pk != recommendation.owner_person_id
    recommendation.text = text
    recommendation.owner_agency = owner_agency
    recommendation.owner_person = owner_person
    recommendation.target_on = target_on
    recommendation.priority = priority
    if made_on is not None:
        _check_made_on(recommendation.review, made_on)
        recommendation.made_on = made_on
    save_new_version(recommendation)
    recommendation.themes.set(themes)
    audit_record(
        actor=actor,
        event="reviews.recommendation.changed",
        target=recommendation,
        before=before,
        after=_after(recommendation),
    )
    if new_owner:
        email_send(
            to=[owner_person.email],
            subject=f"You now own recommendation {recommendation.number} of the review "
            f"{recommendation.review.title}",
            template="reviews/email/recommendation_owner",
            context={"recommendation": recommendation},
        )
    return recommendation


@transaction.atomic
def recommendation_add_update(
    *, actor, recommendation: Recommendation, progress: str, text: str
) -> RecommendationUpdate:
    """Add one entry to the recommendation's timeline. Entries are never changed."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not recommendation.is_open:
        raise ValidationError("This recommendation is closed; it needs no more updates.")
    if progress not in Progress.values:
        raise ValidationError({"progress": "Choose how the work is progressing."})
    text = (text or "").strip()
    required(text, "text", "Say what has happened since the last update.")
    update = RecommendationUpdate.objects.create(
        recommendation=recommendation, author=actor, progress=progress, text=text
    )
    on = today()
    recommendation.last_update_on = on
    recommendation.update_due_on = clocks.add_months(on, 1)
    save_new_version(recommendation, update_fields=["last_update_on", "update_due_on"])
    audit_record(
        actor=actor,
        event="reviews.recommendation.update_added",
        target=recommendation,
        after={"progress": progress, "text": text, "next_update_due": recommendation.update_due_on},
    )
    return update


def _check_file(upload) -> None:
    try:
        uploaded_file_check(upload, rules=EVIDENCE_FILE_RULES)
    except ValidationError as error:
        raise ValidationError({"files": error.messages}) from None


@transaction.atomic
def impact_evidence_submit(
    *, actor, recommendation: Recommendation, description: str, files=()
) -> ImpactEvidence:
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not recommendation.is_open:
        raise ValidationError("This recommendation is closed.")
    description = (description or "").strip()
    required(description, "description", "Describe the evidence of impact.")
    files = list(files or [])
    for upload in files:
        _check_file(upload)
    evidence = ImpactEvidence.objects.create(
        recommendation=recommendation, submitted_by=actor, description=description
    )
    for upload in files:
        name = Path(upload.name).name[:200]
        ImpactEvidenceFile.objects.create(
            evidence=evidence,
            file=upload,
            name=name,
            size=upload.size,
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        )
    audit_record(
        actor=actor,
        event="reviews.recommendation.evidence_submitted",
        target=recommendation,
        after={"description": description, "files": [Path(f.name).name for f in files]},
    )
    graders = [e for e in graders_of(recommendation.review.partnership_id) if e != actor.email]
    if graders:
        email_send(
            to=graders,
            subject=f"Evidence of impact to grade: recommendation {recommendation.number}",
            template="reviews/email/evidence_to_grade",
            context={"recommendation": recommendation, "evidence": evidence},
        )
    return evidence


@transaction.atomic
def impact_evidence_grade(
    *,
    actor,
    evidence: ImpactEvidence,
    grade: str,
    comment: str = "",
    graded_on: date | None = None,
) -> ImpactEvidence:
    """Grade evidence of impact. ``graded_on`` is the date the grade belongs to (the panel
    that graded it) when it is recorded later; the yearly report counts it in that period."""
    evidence = ImpactEvidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.grade:
        raise ValidationError(
            f"This evidence was already graded “{evidence.get_grade_display().lower()}” on "
            f"{uk_date(evidence.graded_on)}. Ask the owner to submit new evidence instead."
        )
    if grade not in ImpactGrade.values:
        raise ValidationError({"grade": "Choose a grade."})
    recommendation = Recommendation.objects.select_for_update().get(pk=evidence.recommendation_id)
    if not recommendation.is_open:
        raise ValidationError("This recommendation is already closed.")
    evidence.grade = grade
    evidence.grade_comment = (comment or "").strip()
    evidence.graded_by = actor
    graded_on = graded_on or today()
    not_in_future(graded_on, "graded_on", "The date graded")
    if recommendation.made_on and graded_on < recommendation.made_on:
        raise ValidationError(
            {
                "graded_on": "The date graded cannot be before the recommendation was made "
                f"({uk_date(recommendation.made_on)})."
            }
        )
    evidence.graded_on = graded_on
    evidence.save()
    recommendation.impact_grade = grade
    save_new_version(recommendation, update_fields=["impact_grade"])
    audit_record(
        actor=actor,
        event="reviews.recommendation.evidence_graded",
        target=recommendation,
        after={"evidence": evidence.pk, "grade": grade, "comment": evidence.grade_comment},
    )
    email_send(
        to=[recommendation.owner_person.email],
        subject=f"Your evidence for recommendation {recommendation.number} has been graded",
        template="reviews/email/evidence_graded",
        context={"recommendation": recommendation, "evidence": evidence},
    )
    return evidence


@transaction.atomic
def recommendation_close(
    *,
    actor,
    recommendation: Recommendation,
    version: int | None,
    closed_on: date | None = None,
) -> Recommendation:
    """Close on graded evidence of impact (strong or some); never without it.

    ``closed_on`` is the date the closure belongs to when it is recorded later (never before
    the grade it rests on): the yearly report counts it in that period, not the day typed in."""
    recommendation = lock(Recommendation, recommendation, version)
    if not recommendation.is_open:
        raise ValidationError("This recommendation is already closed.")
    latest = (
        ImpactEvidence.objects.filter(recommendation=recommendation)
        .exclude(grade="")
        .order_by("-graded_on", "-pk")
        .first()
    )
    if latest is None:
        raise ValidationError(
            "A recommendation closes only on graded evidence of impact, not on actions "
            "completed. Ask the owner for evidence of impact and grade it first."
        )
    if latest.grade == ImpactGrade.INSUFFICIENT:
        raise ValidationError(
            "The latest evidence was graded insufficient, so the recommendation cannot close. "
            "Ask the owner for more evidence of impact."
        )
    closed_on = closed_on or today()
    not_in_future(closed_on, "closed_on", "The date closed")
    if latest.graded_on and closed_on < latest.graded_on:
        raise ValidationError(
            {
                "closed_on": "The date closed cannot be before the evidence it closes on was "
                f"graded ({uk_date(latest.graded_on)})."
            }
        )
    before = snapshot(recommendation, ["status", "impact_grade"])
    recommendation.status = RecommendationStatus.CLOSED
    recommendation.closed_on = closed_on
    recommendation.closed_by = actor
    save_new_version(recommendation)
    audit_record(
        actor=actor,
        event="reviews.recommendation.closed",
        target=recommendation,
        before=before,
        after={**snapshot(recommendation, ["status", "impact_grade"]), "closed_on": closed_on},
    )
    return recommendation


def update_requests_due(*, recommendations, on: date) -> dict:
    """{owner: [recommendations]} for the monthly request: open ones without an update this
    month (used by the scheduled job)."""
    month_start = on.replace(day=1)
    due: dict = {}
    for recommendation in recommendations:
        if recommendation.last_update_on and recommendation.last_update_on >= month_start:
            continue
        due.setdefault(recommendation.owner_person, []).append(recommendation)
    return due
