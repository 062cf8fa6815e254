"""Writes for moderation: a moderated score beside the self-assessment, comments, returning
a standard to the organisation for more evidence, and finishing moderation of a return."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.assurance import workflow
from safeguarding.assurance.models import (
    Answer,
    AuditReturn,
    ModerationState,
    RatingLevel,
    ReturnStatus,
)
from safeguarding.assurance.services.common import required
from safeguarding.assurance.services.contribution_locks import contribution_lock_check
from safeguarding.assurance.services.returns import gap_action_ensure
from safeguarding.core.audit import audit_record
from safeguarding.core.email import email_send


def _lock(answer: Answer) -> tuple[Answer, AuditReturn]:
    audit_return = AuditReturn.objects.select_for_update().get(pk=answer.audit_return_id)
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("question__scale", "rating", "moderated_rating")
        .get(pk=answer.pk)
    )
    answer.audit_return = audit_return
    return answer, audit_return


@transaction.atomic
def answer_moderate(
    *, actor, answer: Answer, moderated_rating: RatingLevel | None, comment: str = ""
) -> Answer:
    answer, audit_return = _lock(answer)
    workflow.RETURNS.check(audit_return.status, "moderate")
    question = answer.question
    comment = (comment or "").strip()
    if moderated_rating is not None:
        if not question.moderated:
            raise ValidationError(
                {
                    "moderated_rating": f"{question.reference} is not moderated in this template: "
                    "add a comment instead."
                }
            )
        if moderated_rating.scale_id != question.scale_id:
            raise ValidationError(
                {
                    "moderated_rating": f"{question.reference}: choose one of the ratings on the "
                    "standard's scale."
                }
            )
    if moderated_rating is None and not comment:
        raise ValidationError({"moderated_rating": "Choose a moderated score or write a comment."})
    before = {
        "moderated_rating": str(answer.moderated_rating or ""),
        "comment": answer.moderator_comment,
    }
    answer.moderated_rating = moderated_rating
    answer.moderator_comment = comment
    answer.moderated_by = actor
    answer.moderated_at = timezone.now()
    answer.save(
        update_fields=["moderated_rating", "moderator_comment", "moderated_by", "moderated_at"]
    )
    gap_action_ensure(actor=actor, answer=answer)
    audit_record(
        actor=actor,
        event="assurance.audit_return.answer_moderated",
        target=audit_return,
        before=before,
        after={
            "standard": question.reference,
            "self_score": str(answer.rating or ""),
            "moderated_rating": str(moderated_rating or ""),
            "comment": comment,
        },
    )
    return answer


@transaction.atomic
def answer_request_evidence(*, actor, answer: Answer, request: str) -> Answer:
    """Return one standard to the organisation for more evidence (the return reopens)."""
    answer, audit_return = _lock(answer)
    request = (request or "").strip()
    required(request, "request", "Say what further evidence is needed.")
    target = workflow.RETURNS.check(audit_return.status, "return").target
    contribution_lock_check(campaign_id=audit_return.campaign_id)
    answer.moderation_state = ModerationState.REQUESTED
    answer.evidence_request = request
    answer.evidence_requested_at = timezone.now()
    answer.save(update_fields=["moderation_state", "evidence_request", "evidence_requested_at"])
    before = {"status": audit_return.status}
    audit_return.status = target
    audit_return.returned_at = timezone.now()
    audit_return.save(update_fields=["status", "returned_at", "updated_at"])
    recipients = sorted(
        {u.email for u in audit_return.contributors.all()}
        | ({audit_return.lead.email} if audit_return.lead else set())
        | ({audit_return.submitted_by.email} if audit_return.submitted_by else set())
    )
    if recipients:
        email_send(
            to=recipients,
            subject=f"More evidence needed: {audit_return.campaign.title}",
            template="assurance/email/evidence_requested",
            context={"audit_return": audit_return, "answer": answer, "request": request},
        )
    audit_record(
        actor=actor,
        event="assurance.audit_return.evidence_requested",
        target=audit_return,
        before=before,
        after={"status": target, "standard": answer.question.reference, "request": request},
    )
    return answer


@transaction.atomic
def return_moderation_complete(*, actor, audit_return: AuditReturn, summary: str) -> AuditReturn:
    audit_return = AuditReturn.objects.select_for_update().get(pk=audit_return.pk)
    workflow.RETURNS.check(audit_return.status, "moderate")
    if audit_return.status == ReturnStatus.RETURNED:
        raise ValidationError(
            "This return is waiting for more evidence from the organisation. Finish moderation "
            "once they have resubmitted it."
        )
    summary = (summary or "").strip()
    required(summary, "summary", "Write a short summary of the moderation for the organisation.")
    audit_return.moderated_at = timezone.now()
    audit_return.moderated_by = actor
    audit_return.moderation_summary = summary
    audit_return.save(
        update_fields=["moderated_at", "moderated_by", "moderation_summary", "updated_at"]
    )
    audit_record(
        actor=actor,
        event="assurance.audit_return.moderated",
        target=audit_return,
        after={"summary": summary},
    )
    return audit_return
