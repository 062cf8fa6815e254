"""A published, open survey for tests: the preset 'about you' questions, a rating, a
pick-many and a free-text question."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from safeguarding.accounts.tests.factories import user_with_role
from safeguarding.assurance.models import AnswerType, RatingScale
from safeguarding.assurance.services import surveys as services
from safeguarding.assurance.services import templates as template_services
from safeguarding.core.roles import Role


def make_survey(partnership, *, audience="young_people", preset="young_people", **dates):
    """A published, open survey: the preset 'about you' questions, a rating, a pick-many
    and a free-text question."""
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=partnership)
    today = timezone.localdate()
    survey = services.survey_create(
        actor=bu,
        partnership=partnership,
        title=dates.pop("title", "Online safety survey"),
        audience=audience,
        consent_text="Your answers are anonymous. You can stop at any time.",
        opens_on=dates.get("opens_on", today - timedelta(days=3)),
        closes_on=dates.get("closes_on", today + timedelta(days=10)),
        preset=preset,
    )
    draft = survey.template.versions.get()
    section = draft.sections.get(title="Your views")
    agreement = draft.scales.get(name="Agreement")
    worries = RatingScale.objects.create(version=draft, name="Worries", kind="options")
    for n, label in enumerate(["Strangers", "Bullying", "Scams"], start=1):
        worries.levels.create(value=n, label=label, colour="blue", outcome="met")
    template_services.template_question_save(
        actor=bu,
        section=section,
        reference="1.1",
        text="I feel safe online",
        answer_type=AnswerType.RATING,
        scale=agreement,
        required=True,
    )
    template_services.template_question_save(
        actor=bu,
        section=section,
        reference="1.2",
        text="What worries you online?",
        answer_type=AnswerType.PICK_MANY,
        scale=worries,
        required=False,
    )
    template_services.template_question_save(
        actor=bu,
        section=section,
        reference="1.3",
        text="What should we do?",
        answer_type=AnswerType.TEXT,
        required=False,
    )
    template_services.template_version_publish(actor=bu, version=draft)
    return survey, bu
