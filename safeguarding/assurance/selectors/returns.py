"""Reads for returns: an organisation's own returns, one return with its sections (the task
list), the questions and answers of a section, and the whole return for the read-only copy,
the PDF and moderation."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from safeguarding.assurance.answers import answer_is_complete, answer_signature, answer_summary
from safeguarding.assurance.models import (
    EDITABLE_STATUSES,
    Answer,
    AuditReturn,
    EvidenceFile,
    ModerationState,
    TemplateQuestion,
    TemplateSection,
)
from safeguarding.assurance.models.campaigns import contributed_return_ids
from safeguarding.core.scoping import lead_agency_ids


def my_returns(*, user, include_done: bool = True) -> QuerySet[AuditReturn]:
    """Returns the person completes: their agencies' (as safeguarding lead) and those they
    were added to as a colleague."""
    condition = Q(pk__in=contributed_return_ids(user))
    leads = lead_agency_ids(user)
    if leads:
        condition |= Q(agency_id__in=leads)
    returns = (
        AuditReturn.objects.visible_to(user)
        .filter(condition)
        .exclude(campaign__status="draft")
        .select_related("campaign__version__template", "agency", "case", "lead")
        .order_by("campaign__closes_on", "agency__name", "case__reference")
    )
    if not include_done:
        returns = returns.filter(status__in=EDITABLE_STATUSES, campaign__status="open")
    return returns


def return_get(*, user, pk: int) -> AuditReturn | None:
    return (
        AuditReturn.objects.visible_to(user)
        .filter(pk=pk)
        .select_related(
            "campaign__version__template",
            "campaign__partnership",
            "agency",
            "case__case_audit",
            "lead",
            "submitted_by",
            "moderated_by",
            "previous__campaign",
        )
        .prefetch_related("contributors", "campaign__joint_partnerships")
        .first()
    )


@dataclass
class QuestionView:
    question: TemplateQuestion
    answer: Answer | None
    files: list[EvidenceFile] = field(default_factory=list)
    missing: str = ""

    @property
    def summary(self) -> str:
        return answer_summary(self.answer) if self.answer else ""

    @property
    def changed_since_last_time(self) -> bool:
        """Carried forward and then changed (the highlight on the page)."""
        answer = self.answer
        return bool(
            answer
            and answer.carried_forward
            and answer.previous_signature
            and answer_signature(answer) != answer.previous_signature
        )

    @property
    def signature(self) -> str:
        return answer_signature(self.answer or Answer())

    @property
    def evidence_requested(self) -> bool:
        return bool(self.answer and self.answer.moderation_state == ModerationState.REQUESTED)


@dataclass
class SectionView:
    section: TemplateSection
    questions: list[QuestionView]

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answer is not None and not q.missing)

    @property
    def to_do(self) -> int:
        return sum(1 for q in self.questions if q.missing and q.question.required)

    @property
    def needs_evidence(self) -> bool:
        return any(q.evidence_requested for q in self.questions)

    @property
    def state(self) -> str:
        if self.needs_evidence:
            return "evidence"
        if self.to_do == 0:
            return "complete"
        if any(q.answer is not None for q in self.questions):
            return "in_progress"
        return "not_started"


def return_sections(*, audit_return: AuditReturn, section: TemplateSection | None = None):
    """Sections with their questions, answers, files and what is missing (a few queries,
    however many questions)."""
    sections = TemplateSection.objects.filter(version=audit_return.campaign.version_id)
    if section is not None:
        sections = sections.filter(pk=section.pk)
    sections = sections.order_by("number").prefetch_related(
        Prefetch(
            "questions",
            queryset=TemplateQuestion.objects.select_related("scale")
            .prefetch_related("scale__levels")
            .order_by("order", "pk"),
        )
    )
    answers = {
        a.question_id: a
        for a in audit_return.answers.select_related(
            "rating__scale", "moderated_rating__scale", "updated_by", "moderated_by"
        ).prefetch_related(Prefetch("files", queryset=EvidenceFile.objects.order_by("pk")))
    }
    result = []
    for item in sections:
        views = []
        for question in item.questions.all():
            answer = answers.get(question.pk)
            files = list(answer.files.all()) if answer else []
            missing = answer_is_complete(answer, question, len(files))
            views.append(
                QuestionView(question=question, answer=answer, files=files, missing=missing)
            )
        result.append(SectionView(section=item, questions=views))
    return result


def section_of_return(*, audit_return: AuditReturn, pk: int) -> TemplateSection | None:
    return TemplateSection.objects.filter(version=audit_return.campaign.version_id, pk=pk).first()


def answer_of_return(*, audit_return: AuditReturn, pk: int) -> Answer | None:
    return (
        audit_return.answers.filter(pk=pk)
        .select_related("question__scale", "rating", "moderated_rating")
        .first()
    )


def evidence_file_get(*, user, pk: int) -> EvidenceFile | None:
    visible = AuditReturn.objects.visible_to(user)
    return (
        EvidenceFile.objects.filter(pk=pk, answer__audit_return__in=visible)
        .select_related("answer__audit_return__campaign", "answer__question")
        .first()
    )


def api_returns(*, user, with_answers: bool = False) -> QuerySet[AuditReturn]:
    """The audit returns the API lists: those the user may see; with their answers (and
    the answers' files) for one return's detail."""
    returns = (
        AuditReturn.objects.visible_to(user)
        .select_related("campaign", "agency", "case", "lead")
        .prefetch_related("campaign__joint_partnerships")
        .order_by("campaign_id", "agency__name", "pk")
    )
    if with_answers:
        returns = returns.prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related(
                    "question", "rating__scale", "moderated_rating__scale"
                ).prefetch_related("files"),
            )
        )
    return returns
