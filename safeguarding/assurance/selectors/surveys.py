"""Reads for surveys: the business unit's list, one survey, the public link, the results
(counts and percentages per question, free text listed) and the dashboard panel's figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.assurance.models import (
    AnswerType,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    TemplateQuestion,
    TemplateVersion,
    VersionStatus,
    level_choice_label,
)
from safeguarding.assurance.models.surveys import SurveyStatus
from safeguarding.assurance.scoping import business_unit_partnership_ids


def _published_versions():
    return TemplateVersion.objects.filter(
        template_id=OuterRef("template_id"), status=VersionStatus.PUBLISHED
    )


def survey_list(*, user) -> QuerySet[Survey]:
    """The surveys of the person's partnerships, with their response count and whether their
    questions are published, in a fixed number of queries."""
    return (
        Survey.objects.visible_to(user)
        .select_related("partnership")
        .annotate(
            response_count=Count("responses", distinct=True),
            is_published=Exists(_published_versions()),
        )
        .order_by("-opens_on", "title")
    )


def survey_partnership_for(*, user, site=None) -> Partnership | None:
    """The partnership a new survey belongs to: the site's when the person is in its business
    unit, otherwise the first whose business unit they are in."""
    own = business_unit_partnership_ids(user)
    if site is not None and site.pk in own:
        return site
    return Partnership.objects.filter(pk__in=own).order_by("pk").first()


def survey_get(*, user, pk: int) -> Survey | None:
    return (
        Survey.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("partnership", "template")
        .prefetch_related("themes")
        .annotate(
            response_count=Count("responses", distinct=True),
            is_published=Exists(_published_versions()),
        )
        .first()
    )


def survey_by_token(*, token: str) -> Survey | None:
    """The survey behind a public link (anyone holding the link may answer it)."""
    return (
        Survey.objects.filter(token=token)
        .select_related("partnership", "template")
        .annotate(
            response_count=Count("responses", distinct=True),
            is_published=Exists(_published_versions()),
        )
        .first()
    )


def survey_status(survey: Survey, *, today=None) -> str:
    return survey.status(today=today, published=getattr(survey, "is_published", None))


def survey_current_version(survey: Survey) -> TemplateVersion | None:
    """The latest published version of the survey's questions (what people answer)."""
    return (
        survey.template.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()
    )


def survey_draft_version(survey: Survey) -> TemplateVersion | None:
    return survey.template.versions.filter(status=VersionStatus.DRAFT).first()


def survey_questions(version: TemplateVersion) -> list[TemplateQuestion]:
    return list(
        version.questions.select_related("section", "scale").prefetch_related("scale__levels")
    )


@dataclass
class OptionCount:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    question: TemplateQuestion
    answered: int = 0
    options: list[OptionCount] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # How many responses were to versions that asked this question (to compare answered with)
    asked: int = 0
    # Set on a question of an earlier version that changed since: that version's number.
    earlier_version: int | None = None
    # The versions whose answers are counted here (an unchanged question merges them).
    versions: list[int] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        return self.question.answer_type == AnswerType.TEXT

    @property
    def is_many(self) -> bool:
        return self.question.answer_type == AnswerType.PICK_MANY


@dataclass
class SurveyResults:
    version: TemplateVersion | None
    responses: int
    questions: list[QuestionResult]
    by_day: list[tuple] = field(default_factory=list)
    # Earlier versions of the questions that were answered: their answers are counted too.
    earlier_versions: list[int] = field(default_factory=list)


def _levels(question: TemplateQuestion) -> list:
    return list(question.scale.levels.all()) if question.scale_id else []


def _signature(question: TemplateQuestion) -> tuple:
    """What makes two versions of a question the same question: its number, its words, how
    it is answered and its answer options (in order)."""
    return (
        question.reference.strip(),
        " ".join(question.text.split()),
        question.answer_type,
        tuple((level.value, level.label) for level in _levels(question)),
    )


def survey_results(*, survey: Survey) -> SurveyResults:
    """Per question of the current version: how many answered, and for list and rating
    questions how many chose each answer, as a count and a whole-number percentage of those
    who answered the question; free-text answers listed. Small numbers are shown as they are
    (only the partnership's staff see results).

    Answers to every version of the questions count. A question unchanged between versions
    (same number, words and answer options) has its answers merged into the current one; a
    question that changed, or was left out since, is shown separately as the earlier
    version's question."""
    version = survey_current_version(survey)
    if version is None:
        return SurveyResults(version=None, responses=0, questions=[])
    responses = SurveyResponse.objects.filter(survey=survey)
    per_version = {
        row["version_id"]: row["n"]
        for row in responses.values("version_id").annotate(n=Count("pk")).order_by()
    }
    total = sum(per_version.values())
    earlier = list(
        TemplateVersion.objects.filter(pk__in=[v for v in per_version if v != version.pk])
        .order_by("-number")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=TemplateQuestion.objects.select_related(
                    "section", "scale"
                ).prefetch_related("scale__levels"),
            )
        )
    )
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    level_counts = {
        (row["question_id"], row["level_id"]): row["n"]
        for row in answers.filter(level__isnull=False)
        .values("question_id", "level_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    answered = {
        row["question_id"]: row["n"]
        for row in answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    }
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        answers.filter(level__isnull=True).exclude(text="").values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)

    def add(result: QuestionResult, question: TemplateQuestion, of: TemplateVersion) -> None:
        """Count ``question``'s answers (to version ``of``) into ``result``: the options are
        the same, in the same order."""
        result.answered += answered.get(question.pk, 0)
        result.asked += per_version.get(of.pk, 0)
        result.versions.append(of.number)
        if question.answer_type == AnswerType.TEXT:
            result.texts += texts.get(question.pk, [])
        for index, level in enumerate(_levels(question)):
            result.options[index].count += level_counts.get((question.pk, level.pk), 0)

    def new_result(question: TemplateQuestion, earlier_version: int | None = None):
        result = QuestionResult(question=question, earlier_version=earlier_version)
        result.options = [
            OptionCount(label=_label(level, question), count=0, percent=0)
            for level in _levels(question)
        ]
        return result

    current = survey_questions(version)
    results = [new_result(q) for q in current]
    by_signature = {_signature(q): r for q, r in zip(current, results, strict=True)}
    for question, result in zip(current, results, strict=True):
        add(result, question, version)
    # Earlier versions' questions, newest version first: merged where unchanged, otherwise
    # shown after the current question they became (same key), or at the end.
    placed: dict[int, list[QuestionResult]] = {}
    left: list[QuestionResult] = []
    by_key = {q.key: r for q, r in zip(current, results, strict=True)}
    for old in earlier:
        for question in old.questions.all():
            same = by_signature.get(_signature(question))
            if same is not None:
                add(same, question, old)
                continue
            result = new_result(question, earlier_version=old.number)
            add(result, question, old)
            # The same changed question in a still earlier version merges into this one.
            by_signature[_signature(question)] = result
            successor = by_key.get(question.key)
            if successor is not None:
                placed.setdefault(id(successor), []).append(result)
            else:
                left.append(result)
    ordered: list[QuestionResult] = []
    for result in results:
        ordered.append(result)
        ordered += placed.get(id(result), [])
    ordered += left
    for result in ordered:
        for option in result.options:
            option.percent = round(100 * option.count / result.answered) if result.answered else 0
    by_day = list(
        responses.values_list("submitted_on").annotate(n=Count("pk")).order_by("submitted_on")
    )
    return SurveyResults(
        version=version,
        responses=total,
        questions=ordered,
        by_day=by_day,
        earlier_versions=[old.number for old in earlier],
    )


def _label(level, question) -> str:
    return level_choice_label(level, question.scale.kind, descriptor=False)


def survey_results_rows(results: SurveyResults) -> list[list]:
    """The results as rows for the CSV download: one row per answer option, then each free
    text answer."""
    rows: list[list] = [["Question", "Answer", "Count", "Percentage of those who answered"]]
    for result in results.questions:
        label = f"{result.question.reference} {result.question.text}"
        if result.earlier_version is not None:
            label += f" (earlier version {result.earlier_version})"
        if result.is_text:
            for text in result.texts:
                rows.append([label, text, "", ""])
            continue
        for option in result.options:
            rows.append([label, option.label, option.count, option.percent])
    return rows


def survey_panel(*, user, today=None) -> list[dict]:
    """The open surveys of the person's partnerships with their responses this week (the
    last seven days) and in all."""
    today = today or timezone.localdate()
    week_start = today - timedelta(days=6)
    surveys = (
        Survey.objects.visible_to(user)
        .filter(opens_on__lte=today, closes_on__gte=today)
        .filter(Exists(_published_versions()))
        .annotate(
            response_count=Count("responses", distinct=True),
            this_week=Count(
                "responses", filter=Q(responses__submitted_on__gte=week_start), distinct=True
            ),
        )
        .order_by("closes_on", "title")[:10]
    )
    return [
        {
            "survey": s,
            "this_week": s.this_week,
            "responses": s.response_count,
            "status": SurveyStatus.OPEN,
        }
        for s in surveys
    ]
