"""Reads for surveys: the business unit's list, one survey, the public link, the results
(counts and percentages per question, free text listed) and the dashboard panel's figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
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


def survey_results(*, survey: Survey) -> SurveyResults:
    """Per question of the current version: how many answered, and for list and rating
    questions how many chose each answer, as a count and a whole-number percentage of those
    who answered the question; free-text answers listed. Small numbers are shown as they are
    (only the partnership's staff see results)."""
    version = survey_current_version(survey)
    if version is None:
        return SurveyResults(version=None, responses=0, questions=[])
    responses = SurveyResponse.objects.filter(survey=survey, version=version)
    total = responses.count()
    questions = survey_questions(version)
    answers = SurveyAnswer.objects.filter(response__survey=survey, response__version=version)
    level_counts = {
        (row["question_id"], row["level_id"]): row["n"]
        for row in answers.filter(level__isnull=False)
        .values("question_id", "level_id")
        .annotate(n=Count("pk"))
    }
    answered = {
        row["question_id"]: row["n"]
        for row in answers.values("question_id").annotate(n=Count("response_id", distinct=True))
    }
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        answers.filter(level__isnull=True).exclude(text="").values_list("question_id", "text")
    ):
        texts.setdefault(question_id, []).append(text)
    results = []
    for question in questions:
        result = QuestionResult(question=question, answered=answered.get(question.pk, 0))
        if question.answer_type == AnswerType.TEXT:
            result.texts = texts.get(question.pk, [])
        elif question.scale_id:
            for level in question.scale.levels.all():
                count = level_counts.get((question.pk, level.pk), 0)
                percent = round(100 * count / result.answered) if result.answered else 0
                result.options.append(
                    OptionCount(label=_label(level, question), count=count, percent=percent)
                )
        results.append(result)
    by_day = list(
        responses.values_list("submitted_on").annotate(n=Count("pk")).order_by("submitted_on")
    )
    return SurveyResults(version=version, responses=total, questions=results, by_day=by_day)


def _label(level, question) -> str:
    return level_choice_label(level, question.scale.kind, descriptor=False)


def survey_results_rows(results: SurveyResults) -> list[list]:
    """The results as rows for the CSV download: one row per answer option, then each free
    text answer."""
    rows: list[list] = [["Question", "Answer", "Count", "Percentage of those who answered"]]
    for result in results.questions:
        label = f"{result.question.reference} {result.question.text}"
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
