"""Writes for surveys and consultations: creating one (an audit template of kind "survey"
with a first draft version), changing its details, adding the preset "about you"
questions, and recording an anonymous response."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from safeguarding.assurance.models import (
    AnswerType,
    AuditTemplate,
    RatingLevel,
    RatingScale,
    ScaleKind,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    TemplateKind,
    TemplateQuestion,
    TemplateSection,
    TemplateVersion,
    VersionStatus,
)
from safeguarding.assurance.models.surveys import SurveyStatus
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update

PUBLIC_JOB = "assurance.public-survey"
SURVEY_FIELDS = ["title", "audience", "introduction", "consent_text", "opens_on", "closes_on"]

# Lists of answers offered by the presets: (name, [labels]).
OPTION_LISTS: dict[str, list[str]] = {
    "Age band": ["Under 11", "11 to 13", "14 to 15", "16 to 17", "18 or over"],
    "Setting": [
        "Primary school",
        "Secondary school",
        "College",
        "Youth group",
        "Children in care council",
        "Somewhere else",
    ],
    "Sector": [
        "Education",
        "Health",
        "Police",
        "Children's social care",
        "Early help",
        "Voluntary and community sector",
        "Other",
    ],
    "Role": [
        "Front-line practitioner",
        "Manager or supervisor",
        "Designated safeguarding lead",
        "Strategic lead",
        "Other",
    ],
    "Agreement": [
        "Strongly agree",
        "Agree",
        "Neither agree nor disagree",
        "Disagree",
        "Strongly disagree",
    ],
}

# The "about you" questions each preset adds: (list name, question text).
PRESETS: dict[str, dict[str, Any]] = {
    "young_people": {
        "label": "About you: age band and setting (for children and young people)",
        "section": "About you",
        "questions": [
            ("Age band", "How old are you?"),
            ("Setting", "Where did you hear about this survey?"),
        ],
    },
    "practitioners": {
        "label": "About you: sector and role (for a practitioner consultation)",
        "section": "About you",
        "questions": [
            ("Sector", "Which sector do you work in?"),
            ("Role", "What is your role?"),
        ],
    },
}


def _options_scale(version: TemplateVersion, name: str) -> RatingScale:
    """The version's list of answers called ``name``, made from OPTION_LISTS if missing."""
    existing = version.scales.filter(name=name).first()
    if existing is not None:
        return existing
    scale = RatingScale.objects.create(
        version=version,
        name=name,
        description="; ".join(OPTION_LISTS[name]),
        kind=ScaleKind.OPTIONS,
    )
    # Options are not ratings: they are shown by label only and count as "met" so nothing
    # downstream (actions, RAG) treats a choice as a shortfall.
    RatingLevel.objects.bulk_create(
        RatingLevel(scale=scale, value=n, label=label, colour="blue", outcome="met")
        for n, label in enumerate(OPTION_LISTS[name], start=1)
    )
    return scale


def _draft_of(survey: Survey) -> TemplateVersion:
    draft = survey.template.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is None:
        raise ValidationError(
            "The questions are published. Start a new draft version from the questions page "
            "to change them."
        )
    return draft


def _add_preset(version: TemplateVersion, preset: str) -> int:
    spec = PRESETS.get(preset)
    if spec is None:
        raise ValidationError({"preset": "Choose one of the sets of questions offered."})
    existing = set(version.questions.values_list("text", flat=True))
    wanted = [(name, text) for name, text in spec["questions"] if text not in existing]
    if not wanted:
        return 0
    section = version.sections.filter(title=spec["section"]).first()
    if section is None:
        number = (version.sections.aggregate(n=Max("number"))["n"] or 0) + 1
        section = TemplateSection.objects.create(
            version=version, number=number, title=spec["section"]
        )
    order = section.questions.aggregate(n=Max("order"))["n"] or 0
    for name, text in wanted:
        order += 1
        key = slugify(text)[:50] or f"question-{order}"
        n = 1
        while version.questions.filter(key=key).exists():
            n += 1
            key = f"{slugify(text)[:45]}-{n}"
        question = TemplateQuestion(
            version=version,
            section=section,
            key=key,
            reference=f"{section.number}.{order}",
            order=order,
            text=text,
            answer_type=AnswerType.PICK_ONE,
            scale=_options_scale(version, name),
            required=False,
        )
        question.full_clean()
        question.save()
    return len(wanted)


def _check_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        raise ValidationError(
            {"closes_on": "The closing date must be on or after the opening date."}
        )


def survey_create(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    title: str,
    audience: str,
    consent_text: str,
    opens_on: date,
    closes_on: date,
    introduction: str = "",
    themes=(),
    preset: str = "",
) -> Survey:
    """A survey with its own question set (a draft version with one "Your views" section),
    and the preset "about you" questions when asked for."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter the survey's title."})
    if not consent_text.strip():
        raise ValidationError(
            {"consent_text": "Enter the consent text shown before the questions."}
        )
    _check_dates(opens_on, closes_on)
    name = f"{title} ({partnership.name})"[:200]
    if AuditTemplate.objects.filter(name=name).exists():
        raise ValidationError({"title": "This partnership already has a survey with this title."})
    with transaction.atomic():
        base = slugify(f"survey {partnership.slug} {title}")[:90] or "survey"
        slug, n = base, 1
        while AuditTemplate.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        template = AuditTemplate.objects.create(
            name=name,
            slug=slug,
            kind=TemplateKind.SURVEY,
            description=f"The questions of the survey “{title}”.",
        )
        version = TemplateVersion.objects.create(
            template=template, number=1, status=VersionStatus.DRAFT, notes="First version."
        )
        # The preset "about you" questions come first, then the survey's own.
        added = _add_preset(version, preset) if preset else 0
        TemplateSection.objects.create(
            version=version, number=version.sections.count() + 1, title="Your views"
        )
        _options_scale(version, "Agreement")
        survey = Survey(
            partnership=partnership,
            template=template,
            title=title,
            audience=audience,
            introduction=introduction.strip(),
            consent_text=consent_text.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
        )
        survey.full_clean(exclude=["template", "partnership"])
        survey.save()
        survey.themes.set(themes)
        audit_record(
            actor=actor,
            job=job,
            event="assurance.survey.created",
            target=survey,
            after={**snapshot(survey, SURVEY_FIELDS), "preset_questions": added},
        )
    return survey


def _check_survey(survey: Survey) -> None:
    if not survey.title:
        raise ValidationError({"title": "Enter the survey's title."})
    if not survey.consent_text:
        raise ValidationError(
            {"consent_text": "Enter the consent text shown before the questions."}
        )
    _check_dates(survey.opens_on, survey.closes_on)


def survey_update(*, actor, survey: Survey, themes=None, **fields: Any) -> Survey:
    """Change a survey's details (the questions are changed on the template pages)."""
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} cannot be changed here.")
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        survey, _ = model_update(
            survey,
            fields=SURVEY_FIELDS,
            data=fields,
            strip=True,
            validate=_check_survey,
            exclude=["template", "partnership"],
            then=(lambda s: s.themes.set(themes)) if themes is not None else None,
            always=True,
            actor=actor,
            event="assurance.survey.updated",
        )
    return survey


def survey_add_preset(*, actor, survey: Survey, preset: str) -> int:
    """Add the preset "about you" questions (age band and setting, or sector and role) to the
    survey's draft questions; questions already there are not added twice."""
    with transaction.atomic():
        version = TemplateVersion.objects.select_for_update().get(pk=_draft_of(survey).pk)
        added = _add_preset(version, preset)
        audit_record(
            actor=actor,
            event="assurance.survey.preset_added",
            target=survey,
            after={"preset": preset, "questions_added": added},
        )
    return added


@dataclass
class SurveyAnswers:
    """What a respondent sent, by question id: level ids for the list and rating questions,
    text for free-text ones."""

    levels: dict[int, list[int]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)


def survey_response_submit(
    *, survey: Survey, version: TemplateVersion, consent: bool, answers: SurveyAnswers
) -> SurveyResponse:
    """Record one anonymous response: the answers and the day, nothing about the person.
    Refused when the survey is not open, consent was not given, a required question is
    unanswered or an answer is not one of the question's options."""
    today = timezone.localdate()
    if survey.status(today=today) != SurveyStatus.OPEN:
        raise ValidationError("This survey is not open.")
    if not consent:
        raise ValidationError({"consent": "Tick the box to say you agree to take part."})
    if version.template_id != survey.template_id or version.status != VersionStatus.PUBLISHED:
        raise ValidationError("These are not the survey's current questions.")
    questions = list(version.questions.select_related("scale").prefetch_related("scale__levels"))
    problems: dict[str, str] = {}
    rows: list[SurveyAnswer] = []
    for question in questions:
        name = f"q{question.pk}"
        if question.answer_type == AnswerType.TEXT:
            text = answers.texts.get(question.pk, "").strip()
            if text:
                rows.append(SurveyAnswer(question=question, text=text[:5000]))
            elif question.required:
                problems[name] = f"Answer “{question.text}”."
            continue
        chosen = answers.levels.get(question.pk, [])
        allowed = {level.pk: level for level in question.scale.levels.all()}
        if any(pk not in allowed for pk in chosen):
            problems[name] = f"Choose from the answers given for “{question.text}”."
            continue
        if question.answer_type != AnswerType.PICK_MANY and len(chosen) > 1:
            problems[name] = f"Choose one answer for “{question.text}”."
            continue
        if not chosen:
            if question.required:
                problems[name] = f"Answer “{question.text}”."
            continue
        rows.extend(
            SurveyAnswer(question=question, level=allowed[pk]) for pk in dict.fromkeys(chosen)
        )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        response = SurveyResponse.objects.create(survey=survey, version=version, submitted_on=today)
        for row in rows:
            row.response = response
        SurveyAnswer.objects.bulk_create(rows)
        audit_record(
            job=PUBLIC_JOB,
            event="assurance.survey.response_received",
            target=survey,
            after={"answers": len(rows)},
        )
    return response
