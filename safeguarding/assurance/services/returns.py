"""Writes for completing a return: start it (answers carried forward), add colleagues, save a
section as a draft (with evidence files), remove a file and submit once complete.

Two people may have the same return open. Each answer carries a revision number: a save
based on an older revision whose value differs from what is stored now is refused with the
other person's name and answer, so nothing is overwritten without being seen.
"""

from __future__ import annotations

import dataclasses
import mimetypes
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership
from safeguarding.assurance import workflow
from safeguarding.assurance.answers import answer_is_complete, answer_signature, answer_summary
from safeguarding.assurance.approvals import moderators_of
from safeguarding.assurance.models import (
    ActionStatus,
    Answer,
    AnswerType,
    AuditAction,
    AuditReturn,
    EvidenceFile,
    ModerationState,
    Outcome,
    ReturnStatus,
    TemplateKind,
    TemplateQuestion,
    TemplateSection,
)
from safeguarding.assurance.services.contribution_locks import contribution_lock_check
from safeguarding.core.audit import audit_record
from safeguarding.core.email import email_send
from safeguarding.core.formatting import govuk_datetime
from safeguarding.core.uploads import EVIDENCE_FILE_RULES, uploaded_file_check

ACTION_DUE_DAYS = 90


@dataclass
class AnswerInput:
    """What a person entered for one question on a section page."""

    rating: int | None = None  # a RatingLevel id
    not_applicable: bool = False
    not_applicable_reason: str = ""
    yes_no: bool | None = None
    number: Decimal | None = None
    text: str = ""
    evidence: str = ""
    revision: int = 0  # the answer's revision when the page was opened
    loaded_signature: str = ""  # the answer's fingerprint when the page was opened
    extra: dict = dataclasses.field(default_factory=dict)  # the template's extra fields, by key


# Starting and contributors -----------------------------------------------------------


def _carry_forward(audit_return: AuditReturn) -> int:
    """Copy the previous return's answers onto matching questions (by stable key)."""
    previous = audit_return.previous
    if previous is None:
        return 0
    questions = {
        q.key: q
        for q in audit_return.campaign.version.questions.select_related("scale").prefetch_related(
            "scale__levels"
        )
    }
    copies = []
    for old in previous.answers.select_related("question", "rating").prefetch_related("files"):
        question = questions.get(old.question.key)
        if question is None or question.answer_type == AnswerType.FILE:
            continue
        copy = Answer(
            audit_return=audit_return,
            question=question,
            not_applicable=old.not_applicable and question.allows_not_applicable,
            not_applicable_reason=old.not_applicable_reason
            if question.allows_not_applicable
            else "",
            yes_no=old.yes_no,
            number=old.number,
            text=old.text,
            evidence=old.evidence,
            extra=dict(old.extra or {}),
            carried_forward=True,
            previous_summary=answer_summary(old)[:2000],
        )
        if old.rating_id and question.scale_id:
            copy.rating = next(
                (lvl for lvl in question.scale.levels.all() if lvl.value == old.rating.value), None
            )
        copy.previous_signature = answer_signature(copy)
        copies.append(copy)
    Answer.objects.bulk_create(copies)
    return len(copies)


@transaction.atomic
def return_start(*, actor, audit_return: AuditReturn) -> AuditReturn:
    audit_return = AuditReturn.objects.select_for_update().get(pk=audit_return.pk)
    if not audit_return.campaign.is_open:
        raise ValidationError("This campaign is not open for returns.")
    workflow.RETURNS.apply(audit_return, "start")
    if audit_return.started_at is not None:
        raise ValidationError("This return has already been started.")
    audit_return.started_at = timezone.now()
    if audit_return.lead_id is None:
        audit_return.lead = actor
    audit_return.save(update_fields=["status", "started_at", "lead", "updated_at"])
    carried = _carry_forward(audit_return)
    audit_record(
        actor=actor,
        event="assurance.audit_return.started",
        target=audit_return,
        after={"status": audit_return.status, "answers_carried_forward": carried},
    )
    return audit_return


@transaction.atomic
def return_add_contributor(*, actor, audit_return: AuditReturn, email: str):
    """Add a colleague from the same organisation, who can then help complete the return."""
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": "Enter your colleague's email address."})
    membership = (
        AgencyMembership.objects.filter(
            agency_id=audit_return.agency_id, user__email__iexact=email, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ValidationError(
            {
                "email": f"Nobody at {audit_return.agency.name} has an account with that email "
                "address. Ask the business unit to invite them first."
            }
        )
    user = membership.user
    if user.pk == actor.pk or audit_return.contributors.filter(pk=user.pk).exists():
        raise ValidationError({"email": f"{user.full_name} can already work on this return."})
    audit_return.contributors.add(user)
    email_send(
        to=[user.email],
        subject=f"You have been asked to help with {audit_return.campaign.title}",
        template="assurance/email/contributor_added",
        context={"audit_return": audit_return, "added_by": actor, "person": user},
    )
    audit_record(
        actor=actor,
        event="assurance.audit_return.contributor_added",
        target=audit_return,
        after={"contributor": user.email},
    )
    return user


@transaction.atomic
def return_remove_contributor(*, actor, audit_return: AuditReturn, user) -> None:
    if not audit_return.contributors.filter(pk=user.pk).exists():
        raise ValidationError(f"{user.full_name} is not working on this return.")
    audit_return.contributors.remove(user)
    audit_record(
        actor=actor,
        event="assurance.audit_return.contributor_removed",
        target=audit_return,
        after={"contributor": user.email},
    )


# Saving a section ----------------------------------------------------------------------


def _check_file(field: str, upload) -> None:
    try:
        uploaded_file_check(upload, rules=EVIDENCE_FILE_RULES)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def check_evidence_file(field: str, upload) -> None:
    """Refuse an evidence file we do not accept (type, over 10 MB, empty): the same checks for
    a return's evidence and an audit action's."""
    _check_file(field, upload)


def _apply(answer: Answer, question: TemplateQuestion, data: AnswerInput, levels) -> None:
    """Put the entered values on the answer, refusing values the question does not allow."""
    field = f"q{question.pk}"
    answer.not_applicable = bool(data.not_applicable)
    answer.not_applicable_reason = (data.not_applicable_reason or "").strip()
    if answer.not_applicable:
        if not question.allows_not_applicable:
            raise ValidationError(
                {
                    field: f"{question.reference} must be answered: it cannot be "
                    "marked not applicable."
                }
            )
        if not answer.not_applicable_reason:
            raise ValidationError(
                {f"{field}_na_reason": f"{question.reference}: give the reason it does not apply."}
            )
        answer.rating, answer.yes_no, answer.number, answer.text = None, None, None, ""
        answer.evidence = (data.evidence or "").strip()
        return
    answer.not_applicable_reason = ""
    answer.evidence = (data.evidence or "").strip()
    answer.extra = {key: value for key, value in (data.extra or {}).items() if value}
    kind = question.answer_type
    if kind == AnswerType.RATING:
        if data.rating is None:
            answer.rating = None
        else:
            level = levels.get(data.rating)
            if level is None:
                values = ", ".join(f"{lvl.value} {lvl.label}" for lvl in levels.values())
                raise ValidationError(
                    {
                        field: f"{question.reference}: choose one of the ratings on the scale "
                        f"({values})."
                    }
                )
            answer.rating = level
    elif kind == AnswerType.YES_NO:
        answer.yes_no = data.yes_no
    elif kind == AnswerType.NUMBER:
        if data.number is None:
            answer.number = None
        else:
            try:
                answer.number = Decimal(str(data.number))
            except InvalidOperation:
                raise ValidationError(
                    {field: f"{question.reference}: enter a number, like 12."}
                ) from None
            if not answer.number.is_finite() or abs(answer.number) >= Decimal("1e12"):
                raise ValidationError({field: f"{question.reference}: enter a smaller number."})
    elif kind == AnswerType.TEXT:
        answer.text = (data.text or "").strip()


@transaction.atomic
def return_save_section(
    *,
    actor,
    audit_return: AuditReturn,
    section: TemplateSection,
    answers: dict[int, AnswerInput],
    uploads: dict[int, list] | None = None,
) -> int:
    """Save the answers of one section as a draft. Returns how many answers changed."""
    audit_return = AuditReturn.objects.select_for_update().get(pk=audit_return.pk)
    if audit_return.status == ReturnStatus.NOT_STARTED:
        return_start(actor=actor, audit_return=audit_return)
        audit_return.refresh_from_db()
    workflow.RETURNS.check(audit_return.status, "save")
    contribution_lock_check(campaign_id=audit_return.campaign_id)
    if not audit_return.campaign.is_open and audit_return.status != ReturnStatus.RETURNED:
        raise ValidationError("This campaign is closed, so answers can no longer be changed.")
    if section.version_id != audit_return.campaign.version_id:
        raise ValidationError("That section is not part of this return.")
    uploads = uploads or {}
    questions = list(section.questions.select_related("scale").prefetch_related("scale__levels"))
    existing = {
        a.question_id: a
        for a in Answer.objects.select_for_update(of=("self",))
        .filter(audit_return=audit_return, question__in=questions)
        .select_related("updated_by", "rating")
    }
    for question in questions:
        for upload in uploads.get(question.pk, []):
            _check_file(f"q{question.pk}_files", upload)

    conflicts, changed = [], []
    for question in questions:
        data = answers.get(question.pk)
        files = uploads.get(question.pk, [])
        if data is None and not files:
            continue
        answer = existing.get(question.pk) or Answer(audit_return=audit_return, question=question)
        before = answer_signature(answer)
        if data is not None:
            levels = {lvl.pk: lvl for lvl in question.scale.levels.all()} if question.scale else {}
            _apply(answer, question, data, levels)
        after = answer_signature(answer)
        stale = answer.pk and data is not None and data.revision != answer.revision
        if stale and (after == before or after == data.loaded_signature):
            # Someone else saved this answer meanwhile, and this person did not change it
            # (or changed it to the same thing): keep what is stored.
            if files:
                changed.append((Answer.objects.get(pk=answer.pk), question, files))
            continue
        if stale:
            who = answer.updated_by.full_name if answer.updated_by else "someone else"
            when = govuk_datetime(answer.updated_at)
            conflicts.append(
                (
                    f"q{question.pk}",
                    f"{question.reference}: {who} changed this answer on {when}, after you "
                    f"opened the page. Their answer is now: “{answer_summary(_stored(answer))}”. "
                    "Your answer is still in the form: check it and save again to replace "
                    "theirs.",
                )
            )
            continue
        if after == before and not files:
            continue
        changed.append((answer, question, files))
    if conflicts:
        raise ValidationError({field: message for field, message in conflicts})

    now = timezone.now()
    for answer, _question, files in changed:
        answer.revision += 1
        answer.updated_by = actor
        answer.updated_at = now
        if answer.moderation_state == ModerationState.REQUESTED:
            answer.moderation_state = ModerationState.RESPONDED
        answer.save()
        for upload in files:
            name = Path(upload.name).name[:200]
            EvidenceFile.objects.create(
                answer=answer,
                file=upload,
                name=name,
                size=upload.size,
                content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
                uploaded_by=actor,
            )
    if changed:
        audit_record(
            actor=actor,
            event="assurance.audit_return.section_saved",
            target=audit_return,
            after={
                "section": section.title,
                "answers": [
                    {"question": q.reference, "answer": answer_summary(a)[:300]}
                    for a, q, _ in changed
                ],
                "files": [Path(f.name).name for _, _, files in changed for f in files],
            },
        )
    return len(changed)


def _stored(answer: Answer) -> Answer:
    """The answer as it is in the database (the posted values were applied in memory)."""
    return Answer.objects.select_related("question", "rating").get(pk=answer.pk)


@transaction.atomic
def evidence_file_delete(*, actor, evidence_file: EvidenceFile) -> None:
    answer = evidence_file.answer
    audit_return = AuditReturn.objects.select_for_update().get(pk=answer.audit_return_id)
    workflow.RETURNS.check(audit_return.status, "save")
    contribution_lock_check(campaign_id=audit_return.campaign_id)
    name = evidence_file.name
    evidence_file.file.delete(save=False)
    evidence_file.delete()
    Answer.objects.filter(pk=answer.pk).update(
        revision=answer.revision + 1, updated_by=actor, updated_at=timezone.now()
    )
    audit_record(
        actor=actor,
        event="assurance.audit_return.file_removed",
        target=audit_return,
        after={"question": answer.question.reference, "file": name},
    )


# Submitting ----------------------------------------------------------------------------


def return_missing(audit_return: AuditReturn) -> list[dict]:
    """What still needs doing before the return can be submitted, question by question."""
    questions = list(
        audit_return.campaign.version.questions.select_related("section").order_by(
            "section__number", "order", "pk"
        )
    )
    answers = {
        a.question_id: a
        for a in audit_return.answers.all().only(
            "question_id",
            "rating_id",
            "not_applicable",
            "not_applicable_reason",
            "yes_no",
            "number",
            "text",
            "evidence",
            "moderation_state",
            "evidence_request",
        )
    }
    file_counts: dict[int, int] = {}
    for question_id in EvidenceFile.objects.filter(answer__audit_return=audit_return).values_list(
        "answer__question_id", flat=True
    ):
        file_counts[question_id] = file_counts.get(question_id, 0) + 1
    missing = []
    for question in questions:
        answer = answers.get(question.pk)
        if answer is not None and answer.moderation_state == ModerationState.REQUESTED:
            missing.append(
                {
                    "question": question,
                    "section": question.section,
                    "message": f"{question.reference}: add the further evidence the moderator "
                    f"asked for ({answer.evidence_request})",
                }
            )
            continue
        if not question.required and answer is None:
            continue
        problem = answer_is_complete(answer, question, file_counts.get(question.pk, 0))
        if problem and (question.required or (answer and answer.not_applicable)):
            missing.append(
                {
                    "question": question,
                    "section": question.section,
                    "message": f"{question.reference}: {problem}",
                }
            )
    return missing


def _action_owner(audit_return: AuditReturn, actor):
    return audit_return.lead or actor


def _open_action_from_earlier_cycle(
    audit_return: AuditReturn, question: TemplateQuestion
) -> AuditAction | None:
    """The organisation's still-open action on the same standard (same template, same stable
    question key) from an earlier return, if there is one."""
    return (
        AuditAction.objects.select_for_update(of=("self",))
        .filter(
            partnership_id=audit_return.campaign.partnership_id,
            agency_id=audit_return.agency_id,
            audit_return__isnull=False,
            question__key=question.key,
            question__version__template_id=question.version.template_id,
        )
        .exclude(audit_return=audit_return)
        .exclude(status=ActionStatus.CLOSED)
        .order_by("-pk")
        .first()
    )


def _continue_action(actor, action: AuditAction, audit_return: AuditReturn, question, rating):
    """The gap is still open: the same action continues under the new return, not a copy."""
    before = {"audit_return": action.audit_return_id, "standard": action.question.reference}
    action.audit_return = audit_return
    action.question = question
    action.description = (
        f"{action.description}\n\nStill rated “{rating.label}” in the "
        f"{audit_return.campaign.title}."
    ).strip()
    action.save(update_fields=["audit_return", "question", "description", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.audit_action.continued",
        target=action,
        before=before,
        after={"audit_return": audit_return.pk, "campaign": audit_return.campaign.title},
    )
    return action


def gap_action_ensure(*, actor, answer: Answer) -> AuditAction | None:
    """Create the action for a standard rated below "Fully met" (once per gap). An action the
    organisation still has open on the same standard from an earlier cycle continues, linked
    to this return, rather than being copied."""
    audit_return = answer.audit_return
    if audit_return.campaign.version.template.kind == TemplateKind.CASE_AUDIT:
        return None  # case audit learning becomes panel recommendations instead
    rating = answer.effective_rating
    if answer.not_applicable or rating is None or rating.outcome == Outcome.MET:
        return None
    existing = AuditAction.objects.filter(
        audit_return=audit_return, question=answer.question
    ).first()
    if existing is not None:
        return existing
    question = answer.question
    continuing = _open_action_from_earlier_cycle(audit_return, question)
    if continuing is not None:
        return _continue_action(actor, continuing, audit_return, question, rating)
    due = max(audit_return.campaign.closes_on, timezone.localdate()) + timedelta(
        days=ACTION_DUE_DAYS
    )
    action = AuditAction.objects.create(
        partnership=audit_return.campaign.partnership,
        agency=audit_return.agency,
        audit_return=audit_return,
        question=question,
        title=f"{question.reference} {question.text}"[:300],
        description=f"Rated “{rating.label}” in the {audit_return.campaign.title}. "
        f"Evidence given: {answer.evidence or 'none'}",
        owner=_action_owner(audit_return, actor),
        due_on=due,
        status=ActionStatus.OPEN,
    )
    audit_record(
        actor=actor,
        event="assurance.audit_action.created",
        target=action,
        after={"agency": audit_return.agency.name, "standard": question.reference, "due_on": due},
    )
    return action


@transaction.atomic
def return_submit(*, actor, audit_return: AuditReturn) -> AuditReturn:
    audit_return = AuditReturn.objects.select_for_update().get(pk=audit_return.pk)
    target = workflow.RETURNS.check(audit_return.status, "submit").target
    contribution_lock_check(campaign_id=audit_return.campaign_id)
    if not audit_return.campaign.is_open and audit_return.status != ReturnStatus.RETURNED:
        raise ValidationError("This campaign is closed, so returns can no longer be submitted.")
    missing = return_missing(audit_return)
    if missing:
        raise ValidationError(
            [f"{item['section'].title}, {item['message']}" for item in missing],
            code="incomplete",
        )
    before = {"status": audit_return.status}
    now = timezone.now()
    audit_return.status = target
    audit_return.submitted_at = now
    audit_return.first_submitted_at = audit_return.first_submitted_at or now
    audit_return.submitted_by = actor
    audit_return.save(
        update_fields=["status", "submitted_at", "first_submitted_at", "submitted_by", "updated_at"]
    )
    audit_return.answers.filter(moderation_state=ModerationState.RESPONDED).update(
        moderation_state=ModerationState.NONE
    )
    created = 0
    for answer in audit_return.answers.filter(
        question__answer_type=AnswerType.RATING
    ).select_related(
        "question", "rating", "moderated_rating", "audit_return__campaign__version__template"
    ):
        if gap_action_ensure(actor=actor, answer=answer) is not None:
            created += 1
    audit_record(
        actor=actor,
        event="assurance.audit_return.submitted",
        target=audit_return,
        before=before,
        after={"status": target, "actions": created},
    )
    recipients = sorted({actor.email} | ({audit_return.lead.email} if audit_return.lead else set()))
    email_send(
        to=recipients,
        subject=f"Return submitted: {audit_return.campaign.title}",
        template="assurance/email/submitted",
        context={"audit_return": audit_return, "submitted_by": actor},
    )
    moderators = [
        e for e in moderators_of(audit_return.campaign.partnership_id) if e != actor.email
    ]
    if moderators:
        email_send(
            to=moderators,
            subject=(
                f"Return to moderate: {audit_return.agency.name}, {audit_return.campaign.title}"
            ),
            template="assurance/email/return_to_moderate",
            context={"audit_return": audit_return},
        )
    return audit_return
