"""Demo surveys (all fictional): the "Youth Voices online safety survey 2023" with 120
anonymous responses across age bands, the open "Exploitation consultation" of practitioners
with 40 responses, and a "You said, we did" entry made from the survey's results.

Answers are drawn from a seeded random generator, so every load gives the same results.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.models import Partnership, User
from safeguarding.assurance.models import (
    AnswerType,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    TemplateQuestion,
    TemplateVersion,
)
from safeguarding.assurance.services.scales import rating_scale_save
from safeguarding.assurance.services.surveys import survey_create
from safeguarding.assurance.services.templates import (
    template_question_save,
    template_version_publish,
)
from safeguarding.library.models import YouSaidWeDid
from safeguarding.library.services.voice import you_said_we_did_add
from safeguarding.planning.models import Theme

JOB = "demo.load"
YOUTH_SURVEY = "Youth Voices online safety survey 2023"
CONSULTATION = "Exploitation consultation"

YOUTH_CONSENT = (
    "This survey is anonymous: we do not ask for your name, email or school, and nobody can "
    "tell which answers are yours. You can skip any question except the first one, and stop at "
    "any time. The partnership will read everyone's answers together and say what it did about "
    "them on its “You said, we did” page."
)
PRACTITIONER_CONSENT = (
    "This consultation is anonymous: we do not record your name, email or organisation. Your "
    "answers help the partnership plan its response to child exploitation. Do not include "
    "details of any child or family."
)

# (scale name, typed levels, answer type, question text, required, weights)
YOUTH_QUESTIONS = [
    (
        "Agreement",
        None,
        AnswerType.RATING,
        "I feel safe when I am online",
        True,
        [22, 41, 19, 12, 6],
    ),
    (
        "Online worries",
        "1=Strangers contacting me; 2=Bullying or mean comments; 3=Scams and hacking; "
        "4=Seeing upsetting things; 5=Photos of me being shared",
        AnswerType.PICK_MANY,
        "What worries you most online?",
        False,
        [45, 38, 22, 30, 27],
    ),
    (
        "Who you would tell",
        "1=A parent or carer; 2=A friend; 3=A teacher or youth worker; 4=Nobody; 5=Someone else",
        AnswerType.PICK_MANY,
        "Who would you tell if something online worried you?",
        False,
        [58, 40, 21, 14, 6],
    ),
]
YOUTH_TEXTS = [
    "Learn how the games we play actually work.",
    "Teach parents about the apps, not just us.",
    "Stop saying just turn it off.",
    "More lessons on spotting scams.",
    "Listen before taking our phones away.",
    "Make reporting things easier and quicker.",
    "Have someone in school we can talk to about it.",
    "Explain what happens after you report something.",
]
AGE_WEIGHTS = [10, 34, 33, 18, 5]
SETTING_WEIGHTS = [12, 48, 14, 16, 6, 4]

CONSULTATION_QUESTIONS = [
    (
        "Confidence",
        "1=Not confident; 2=A little confident; 3=Confident; 4=Very confident",
        AnswerType.RATING,
        "How confident are you in spotting the signs of child exploitation?",
        True,
        [6, 14, 15, 5],
    ),
    (
        "What would help",
        "1=Training on exploitation; 2=A clearer referral pathway; 3=A multi-agency "
        "exploitation panel; 4=Tools and checklists; 5=Better information sharing",
        AnswerType.PICK_MANY,
        "Which of these would help you most?",
        False,
        [60, 48, 38, 30, 52],
    ),
]
CONSULTATION_TEXTS = [
    "One screening tool for the whole of the county, please.",
    "Feedback after a referral so we know what happened.",
    "Joint training with police on county lines.",
    "Clearer guidance for schools on when to refer.",
]
SECTOR_WEIGHTS = [12, 9, 5, 7, 3, 3, 1]
ROLE_WEIGHTS = [20, 8, 7, 3, 2]


def _add_questions(bu, survey: Survey, specs, free_text: str) -> TemplateVersion:
    draft = survey.template.versions.get(status="draft")
    section = draft.sections.get(title="Your views")
    for order, (scale_name, levels, kind, text, required, _) in enumerate(specs, start=1):
        scale = draft.scales.filter(name=scale_name).first()
        if scale is None:
            scale = rating_scale_save(actor=bu, version=draft, name=scale_name, levels=levels)
        template_question_save(
            actor=bu,
            section=section,
            reference=f"2.{order}",
            text=text,
            answer_type=kind,
            scale=scale,
            required=required,
        )
    template_question_save(
        actor=bu,
        section=section,
        reference=f"2.{len(specs) + 1}",
        text=free_text,
        answer_type=AnswerType.TEXT,
        required=False,
    )
    return template_version_publish(actor=bu, version=draft)


def _responses(
    survey: Survey,
    version: TemplateVersion,
    *,
    rng: random.Random,
    count: int,
    days: list[date],
    about: list[list[int]],
    specs,
    texts: list[str],
) -> None:
    questions = list(
        TemplateQuestion.objects.filter(version=version)
        .select_related("scale", "section")
        .prefetch_related("scale__levels")
        .order_by("section__number", "order")
    )
    about_questions = [q for q in questions if q.section.title == "About you"]
    view_questions = [q for q in questions if q.section.title != "About you"]
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, version=version, submitted_on=rng.choice(days))
        for _ in range(count)
    )
    answers: list[SurveyAnswer] = []
    for response in responses:
        for question, weights in zip(about_questions, about, strict=True):
            levels = list(question.scale.levels.all())
            answers.append(
                SurveyAnswer(
                    response=response,
                    question=question,
                    level=rng.choices(levels, weights=weights)[0],
                )
            )
        for question, spec in zip(view_questions, [*specs, None], strict=True):
            if question.answer_type == AnswerType.TEXT:
                if rng.random() < 0.35:
                    answers.append(
                        SurveyAnswer(response=response, question=question, text=rng.choice(texts))
                    )
                continue
            levels = list(question.scale.levels.all())
            weights = spec[5]
            if question.answer_type == AnswerType.PICK_MANY:
                # Each option is chosen by about ``weight`` per cent of people.
                for level, weight in zip(levels, weights, strict=True):
                    if rng.random() < weight / 100:
                        answers.append(
                            SurveyAnswer(response=response, question=question, level=level)
                        )
            else:
                answers.append(
                    SurveyAnswer(
                        response=response,
                        question=question,
                        level=rng.choices(levels, weights=weights)[0],
                    )
                )
    SurveyAnswer.objects.bulk_create(answers)


def load(*, essex: Partnership, result) -> None:
    bu = User.objects.get(email="business-unit@demo.example")
    online = list(Theme.objects.filter(name__icontains="online"))
    exploitation = list(Theme.objects.filter(name__icontains="exploitation"))
    today = timezone.localdate()

    survey = Survey.objects.filter(partnership=essex, title=YOUTH_SURVEY).first()
    if survey is None:
        survey = survey_create(
            actor=bu,
            partnership=essex,
            title=YOUTH_SURVEY,
            audience="young_people",
            introduction="Tell us what it is like being online, what worries you and what "
            "adults should do to help. It takes about five minutes.",
            consent_text=YOUTH_CONSENT,
            opens_on=date(2023, 1, 9),
            closes_on=date(2023, 3, 31),
            themes=online,
            preset="young_people",
        )
        version = _add_questions(
            bu, survey, YOUTH_QUESTIONS, "What should adults do to help you stay safe online?"
        )
        _responses(
            survey,
            version,
            rng=random.Random(2023),
            count=120,
            days=[date(2023, 1, 9) + timedelta(days=n) for n in range(0, 81, 2)],
            about=[AGE_WEIGHTS, SETTING_WEIGHTS],
            specs=YOUTH_QUESTIONS,
            texts=YOUTH_TEXTS,
        )
        result.count("surveys")

    if not Survey.objects.filter(partnership=essex, title=CONSULTATION).exists():
        consultation = survey_create(
            actor=bu,
            partnership=essex,
            title=CONSULTATION,
            audience="practitioners",
            introduction="Help shape the partnership's exploitation strategy: how confident "
            "you feel and what would help.",
            consent_text=PRACTITIONER_CONSENT,
            opens_on=today - timedelta(days=20),
            closes_on=today + timedelta(days=25),
            themes=exploitation,
            preset="practitioners",
        )
        version = _add_questions(
            bu,
            consultation,
            CONSULTATION_QUESTIONS,
            "What else should the partnership do about exploitation?",
        )
        _responses(
            consultation,
            version,
            rng=random.Random(40),
            count=40,
            days=[today - timedelta(days=n) for n in range(0, 21)],
            about=[SECTOR_WEIGHTS, ROLE_WEIGHTS],
            specs=CONSULTATION_QUESTIONS,
            texts=CONSULTATION_TEXTS,
        )
        result.count("surveys")

    link = settings.SITE_URL.rstrip("/") + reverse("assurance:survey-public", args=[survey.token])
    if not YouSaidWeDid.objects.filter(partnership=essex, source_label=YOUTH_SURVEY).exists():
        you_said_we_did_add(
            job=JOB,
            partnership=essex,
            you_said="In our online safety survey, 120 of you told us that adults don't "
            "understand the games and apps you use, and that you would tell a parent or carer "
            "first if something worried you.",
            we_did="Made the spring online safety campaign about parents and carers: short guides "
            "to the apps you named, written with Youth Voices members.",
            status="done",
            said_on=date(2023, 3, 31),
            source_label=YOUTH_SURVEY,
            source_url=link,
        )
        result.count("you said, we did entries")
