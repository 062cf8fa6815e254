"""Survey results count the answers to every version of the questions: an unchanged
question's answers are merged, a changed one's earlier version is shown on its own."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from safeguarding.assurance.models import SurveyResponse, TemplateQuestion
from safeguarding.assurance.selectors.surveys import survey_current_version, survey_results
from safeguarding.assurance.services import templates as template_services
from safeguarding.assurance.tests.survey_factories import make_survey

pytestmark = pytest.mark.django_db


def _current(survey, key):
    """A question of the published version by its key, which stays the same across
    versions (the references restart in each section)."""
    version = survey_current_version(survey)
    return TemplateQuestion.objects.get(version=version, key__endswith=key)


def _answer(client, survey, *, feel, worries=(), text="", age="11 to 13"):
    """One anonymous response to whatever version is published now."""
    data = {"consent": "on"}
    feel_q = _current(survey, "i-feel-safe-online")
    worry_q = _current(survey, "what-worries-you-online")
    free_q = _current(survey, "what-should-we-do")
    age_q = _current(survey, "how-old-are-you")
    data[f"q{feel_q.pk}"] = str(feel_q.scale.levels.get(label=feel).pk)
    data[f"q{worry_q.pk}"] = [str(worry_q.scale.levels.get(label=w).pk) for w in worries]
    data[f"q{free_q.pk}"] = text
    data[f"q{age_q.pk}"] = str(age_q.scale.levels.get(label=age).pk)
    response = client.post(reverse("assurance:survey-public", args=[survey.token]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _second_version(survey, bu, *, reword=True, add_option=True):
    draft = template_services.template_version_new_draft(actor=bu, template=survey.template)
    if reword:
        feel = draft.questions.get(text="I feel safe online")
        template_services.template_question_save(
            actor=bu,
            section=feel.section,
            question=feel,
            text="I feel safe when I am online",
        )
    if add_option:
        worries = draft.scales.get(name="Worries")
        worries.levels.create(value=4, label="Gaming", colour="blue", outcome="met")
    template_services.template_version_publish(actor=bu, version=draft)
    return draft


@pytest.fixture
def answered_twice(client, partnership):
    """Three answers to version 1, then the questions change, then two to version 2."""
    survey, bu = make_survey(partnership)
    _answer(client, survey, feel="Agree", worries=("Bullying",), text="More assemblies")
    _answer(client, survey, feel="Agree", worries=("Scams", "Bullying"), age="14 to 15")
    _answer(client, survey, feel="Disagree", worries=(), text="Talk to us")
    _second_version(survey, bu)
    _answer(client, survey, feel="Strongly agree", worries=("Gaming",), text="Apps")
    _answer(client, survey, feel="Agree", worries=("Bullying", "Gaming"))
    return survey, bu


def test_answers_to_every_version_are_counted(client, answered_twice):
    survey, bu = answered_twice
    assert SurveyResponse.objects.filter(survey=survey).count() == 5
    results = survey_results(survey=survey)
    assert results.responses == 5
    assert results.version.number == 2 and results.earlier_versions == [1]
    by_title = {
        (r.question.reference, r.question.text, r.earlier_version): r for r in results.questions
    }

    # Reworded: the current question counts version 2 only; version 1's is shown apart.
    now = by_title[("1.1", "I feel safe when I am online", None)]
    assert (now.answered, now.asked) == (2, 2)
    assert {o.label: o.count for o in now.options if o.count} == {
        "Strongly agree": 1,
        "Agree": 1,
    }
    before = by_title[("1.1", "I feel safe online", 1)]
    assert (before.answered, before.asked) == (3, 3)
    assert {o.label: (o.count, o.percent) for o in before.options if o.count} == {
        "Agree": (2, 67),
        "Disagree": (1, 33),
    }

    # An option was added: the list question changed, so it is shown per version too.
    worries_now = by_title[("1.2", "What worries you online?", None)]
    assert {o.label: o.count for o in worries_now.options} == {
        "Strangers": 0,
        "Bullying": 1,
        "Scams": 0,
        "Gaming": 2,
    }
    worries_before = by_title[("1.2", "What worries you online?", 1)]
    assert {o.label: o.count for o in worries_before.options} == {
        "Strangers": 0,
        "Bullying": 2,
        "Scams": 1,
    }
    assert worries_before.answered == 2  # one person chose nothing

    # Unchanged: the free-text question and the age question merge both versions.
    free = by_title[("1.3", "What should we do?", None)]
    assert sorted(free.texts) == ["Apps", "More assemblies", "Talk to us"]
    assert free.versions == [2, 1]
    age = next(r for r in results.questions if r.question.text == "How old are you?")
    assert age.earlier_version is None
    assert (age.answered, age.asked) == (5, 5)
    assert {o.label: o.count for o in age.options if o.count} == {"11 to 13": 4, "14 to 15": 1}
    assert not any(
        r.earlier_version for r in results.questions if r.question.text == "How old are you?"
    )

    # The earlier version's question comes straight after the question it became.
    order = [(r.question.text, r.earlier_version) for r in results.questions]
    assert (
        order.index(("I feel safe online", 1))
        == order.index(("I feel safe when I am online", None)) + 1
    )


def test_the_results_page_and_csv_label_the_earlier_version(client, answered_twice):
    survey, bu = answered_twice
    client.force_login(bu)
    html = client.get(reverse("assurance:survey-results", args=[survey.pk])).content.decode()
    assert "5 responses, to version 2 of the questions and to earlier versions (1)" in html
    assert "Earlier version 1" in html
    assert "3 of 3 answered, to version 1 of the questions" in html
    export = client.get(reverse("assurance:survey-results-csv", args=[survey.pk]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert ["1.1 I feel safe online (earlier version 1)", "Agree", "2", "67"] in rows
    assert ["1.1 I feel safe when I am online", "Agree", "1", "50"] in rows


def test_an_unchanged_new_version_merges_everything(client, partnership):
    survey, bu = make_survey(partnership)
    _answer(client, survey, feel="Agree", worries=("Bullying",))
    _second_version(survey, bu, reword=False, add_option=False)
    _answer(client, survey, feel="Agree", worries=("Scams",))
    results = survey_results(survey=survey)
    assert results.responses == 2
    assert not any(r.earlier_version for r in results.questions)
    feel = next(r for r in results.questions if r.question.text == "I feel safe online")
    assert (feel.answered, feel.asked) == (2, 2)
    assert {o.label: (o.count, o.percent) for o in feel.options if o.count} == {"Agree": (2, 100)}
    worries = next(r for r in results.questions if r.question.text.startswith("What worries"))
    assert {o.label: o.count for o in worries.options if o.count} == {"Bullying": 1, "Scams": 1}


def test_the_results_query_count_does_not_grow_with_versions(client, partnership, count_queries):
    survey, bu = make_survey(partnership)
    _answer(client, survey, feel="Agree")
    _second_version(survey, bu)
    _answer(client, survey, feel="Agree")
    two = count_queries(lambda: survey_results(survey=survey))
    draft = template_services.template_version_new_draft(actor=bu, template=survey.template)
    template_services.template_version_publish(actor=bu, version=draft)
    _answer(client, survey, feel="Disagree")
    three = count_queries(lambda: survey_results(survey=survey))
    assert three == two
