"""Surveys and consultations on the question engine: the business unit creates one with
pages, people answer it anonymously through its public link, and the partnership's staff
read the results (chart with table, CSV) and turn them into a "You said, we did" entry."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.assurance.models import (
    AnswerType,
    AuditTemplate,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    TemplateQuestion,
)
from safeguarding.assurance.services import templates as template_services
from safeguarding.assurance.tests.survey_factories import make_survey
from safeguarding.core.models import AuditEvent, RateLimitHit
from safeguarding.core.roles import Role


def _question(survey, text):
    return TemplateQuestion.objects.get(version__template=survey.template, text=text)


def _level(question, label):
    return question.scale.levels.get(label=label)


def _answers(survey, *, rating="Agree", worries=("Bullying",), text="", age="11 to 13"):
    feel = _question(survey, "I feel safe online")
    worry = _question(survey, "What worries you online?")
    free = _question(survey, "What should we do?")
    age_q = _question(survey, "How old are you?")
    data = {"consent": "on", f"q{free.pk}": text}
    if rating:
        data[f"q{feel.pk}"] = str(_level(feel, rating).pk)
    data[f"q{worry.pk}"] = [str(_level(worry, w).pk) for w in worries]
    if age:
        data[f"q{age_q.pk}"] = str(_level(age_q, age).pk)
    return data


@pytest.fixture
def open_survey(partnership):
    return make_survey(partnership)


def test_a_young_person_answers_anonymously_end_to_end(client, open_survey):
    survey, _ = open_survey
    url = reverse("assurance:survey-public", args=[survey.token])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Your answers are anonymous. You can stop at any time." in html
    assert "I agree to take part" in html
    assert "How old are you?" in html and "I feel safe online" in html
    response = client.post(url, _answers(survey, text="Teach us about scams"))
    assert response.status_code == 302
    assert response["Location"] == reverse("assurance:survey-thanks", args=[survey.token])
    assert "Thank you" in client.get(response["Location"]).content.decode()
    stored = SurveyResponse.objects.get(survey=survey)
    assert stored.submitted_on == timezone.localdate()
    assert {a.text for a in stored.answers.all() if a.text} == {"Teach us about scams"}
    assert stored.answers.filter(level__label="Bullying").count() == 1
    # Nothing about the person is kept: the response has only the survey, version and day,
    # and the audit event records no actor.
    assert {f.name for f in SurveyResponse._meta.concrete_fields} == {
        "id",
        "survey",
        "version",
        "submitted_on",
    }
    event = AuditEvent.objects.get(event="assurance.survey.response_received")
    assert event.actor_id is None
    # The rate limit keeps a keyed hash of the source, never the address itself.
    assert not RateLimitHit.objects.filter(key__contains="127.0.0.1").exists()


def test_consent_is_required_before_anything_is_stored(client, open_survey):
    survey, _ = open_survey
    data = _answers(survey)
    del data["consent"]
    response = client.post(reverse("assurance:survey-public", args=[survey.token]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Tick the box to say you agree to take part." in html
    assert not SurveyResponse.objects.exists()


def test_a_missing_required_answer_and_a_forged_option_are_refused_clearly(client, open_survey):
    survey, _ = open_survey
    url = reverse("assurance:survey-public", args=[survey.token])
    response = client.post(url, _answers(survey, rating=None))
    assert "Answer “I feel safe online”." in response.content.decode()
    other = make_survey(PartnershipFactory(), title="Elsewhere")[0]
    forged = _answers(survey)
    feel = _question(survey, "I feel safe online")
    forged[f"q{feel.pk}"] = str(_level(_question(other, "I feel safe online"), "Agree").pk)
    response = client.post(url, forged)
    assert "Choose from the answers given for “I feel safe online”." in response.content.decode()
    assert not SurveyResponse.objects.filter(survey=survey).exists()


def test_a_closed_or_not_yet_open_survey_says_so_and_takes_no_answers(client, partnership):
    today = timezone.localdate()
    closed, _ = make_survey(
        partnership, title="Last year", opens_on=date(2023, 1, 9), closes_on=date(2023, 3, 31)
    )
    url = reverse("assurance:survey-public", args=[closed.token])
    html = client.get(url).content.decode()
    assert "This survey is closed" in html and "31 March 2023" in html
    response = client.post(url, _answers(closed))
    assert "This survey is closed" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    later, _ = make_survey(
        partnership,
        title="Next term",
        opens_on=today + timedelta(days=5),
        closes_on=today + timedelta(days=20),
    )
    html = client.get(reverse("assurance:survey-public", args=[later.token])).content.decode()
    assert "This survey is not open yet" in html
    assert client.get(reverse("assurance:survey-public", args=["not-a-token"])).status_code == 404


def test_one_source_cannot_flood_the_responses(client, open_survey, monkeypatch):
    from safeguarding.assurance.views import surveys as views

    monkeypatch.setattr(views, "RESPONSES_PER_SOURCE_PER_HOUR", 2)
    survey, _ = open_survey
    url = reverse("assurance:survey-public", args=[survey.token])
    assert client.post(url, _answers(survey)).status_code == 302
    assert client.post(url, _answers(survey)).status_code == 302
    refused = client.post(url, _answers(survey))
    assert refused.status_code == 429
    assert "Too many answers from one place" in refused.content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 2


def test_results_count_each_answer_with_percentages_and_list_free_text(client, open_survey):
    survey, bu = open_survey
    url = reverse("assurance:survey-public", args=[survey.token])
    client.post(url, _answers(survey, rating="Agree", worries=("Bullying", "Scams"), text="More"))
    client.post(url, _answers(survey, rating="Agree", worries=("Bullying",)))
    client.post(url, _answers(survey, rating="Disagree", worries=(), text="Less homework"))
    client.post(url, _answers(survey, rating="Strongly agree", worries=("Scams",), age=""))
    client.force_login(bu)
    page = client.get(reverse("assurance:survey-results", args=[survey.pk]))
    assert page.status_code == 200
    feel = next(r for r in page.context["results"].questions if r.question.text.startswith("I"))
    counts = {o.label: (o.count, o.percent) for o in feel.options}
    assert counts["Agree"] == (2, 50)
    assert counts["Disagree"] == (1, 25)
    assert counts["Strongly agree"] == (1, 25)
    assert counts["Strongly disagree"] == (0, 0)
    worry = next(
        r for r in page.context["results"].questions if r.question.text.startswith("What w")
    )
    assert worry.answered == 3  # one person chose nothing
    assert {o.label: o.count for o in worry.options} == {"Strangers": 0, "Bullying": 2, "Scams": 2}
    html = page.content.decode()
    assert "4 responses" in html
    assert "Less homework" in html and "More" in html
    assert "<svg" in html and "<table" in html  # a chart with the same numbers as a table
    export = client.get(reverse("assurance:survey-results-csv", args=[survey.pk]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == ["Question", "Answer", "Count", "Percentage of those who answered"]
    assert ["1.1 I feel safe online", "Agree", "2", "50"] in rows
    assert AuditEvent.objects.filter(event="assurance.survey.results_exported").exists()


def test_the_csv_export_neutralises_a_formula_typed_as_an_answer(client, open_survey):
    survey, bu = open_survey
    client.post(
        reverse("assurance:survey-public", args=[survey.token]),
        _answers(survey, text='=HYPERLINK("https://evil.example/","x")'),
    )
    client.force_login(bu)
    body = client.get(reverse("assurance:survey-results-csv", args=[survey.pk])).content.decode()
    assert "'=HYPERLINK" in body


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.AGENCY_LEAD])
def test_practitioners_and_agency_leads_cannot_see_results(client, open_survey, partnership, role):
    survey, _ = open_survey
    client.force_login(user_with_role(role, partnership=partnership))
    # Surveys are reached only through the staff's visible_to: to anyone else they do not exist.
    assert client.get(reverse("assurance:survey-results", args=[survey.pk])).status_code == 404
    assert client.get(reverse("assurance:survey-results-csv", args=[survey.pk])).status_code == 404
    assert client.get(reverse("assurance:survey-list")).status_code == 403


def test_another_partnerships_staff_cannot_see_the_survey_or_its_results(client, open_survey):
    survey, _ = open_survey
    other = PartnershipFactory()
    client.force_login(user_with_role(Role.BUSINESS_UNIT, partnership=other))
    assert client.get(reverse("assurance:survey-results", args=[survey.pk])).status_code == 404
    assert client.get(reverse("assurance:survey-detail", args=[survey.pk])).status_code == 404
    assert client.get(reverse("assurance:survey-results-csv", args=[survey.pk])).status_code == 404
    assert survey.title not in client.get(reverse("assurance:survey-list")).content.decode()


def test_the_business_unit_creates_a_consultation_with_the_sector_and_role_preset(
    signed_in, partnership
):
    client = signed_in(Role.BUSINESS_UNIT)
    today = timezone.localdate()
    response = client.post(
        reverse("assurance:survey-new"),
        {
            "title": "Exploitation consultation",
            "audience": "practitioners",
            "consent_text": "Your answers are anonymous.",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
            "preset": "practitioners",
        },
    )
    survey = Survey.objects.get(title="Exploitation consultation")
    assert response["Location"] == reverse("assurance:survey-detail", args=[survey.pk])
    assert survey.template.kind == "survey"
    texts = list(
        TemplateQuestion.objects.filter(version__template=survey.template).values_list(
            "text", flat=True
        )
    )
    assert "Which sector do you work in?" in texts and "What is your role?" in texts
    sector = _question(survey, "Which sector do you work in?")
    assert sector.answer_type == AnswerType.PICK_ONE
    assert "Police" in [level.label for level in sector.scale.levels.all()]
    # Adding the same preset again adds nothing twice.
    client.post(reverse("assurance:survey-preset", args=[survey.pk]), {"preset": "practitioners"})
    assert TemplateQuestion.objects.filter(version__template=survey.template).count() == 2
    detail = client.get(reverse("assurance:survey-detail", args=[survey.pk])).content.decode()
    assert "Questions not published" in detail
    assert survey.token in detail
    # The questions are edited on the template pages, by this partnership only.
    draft = survey.template.versions.get()
    editor = client.get(reverse("assurance:version-detail", args=[draft.pk]))
    assert "Which sector do you work in?" in editor.content.decode()
    client.force_login(user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    assert client.get(reverse("assurance:version-detail", args=[draft.pk])).status_code == 404
    listing = client.get(reverse("assurance:template-list")).content.decode()
    assert "Exploitation consultation" not in listing


def test_the_survey_form_refuses_a_closing_date_before_the_opening_date(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        reverse("assurance:survey-new"),
        {
            "title": "Backwards",
            "audience": "parents",
            "consent_text": "Anonymous.",
            "opens_on": "2024-05-01",
            "closes_on": "2024-04-01",
        },
    )
    assert "The closing date must be on or after the opening date." in response.content.decode()
    assert not Survey.objects.exists()
    assert not AuditTemplate.objects.filter(kind="survey").exists()


def test_list_questions_are_for_surveys_and_a_survey_takes_no_file_question(partnership):
    survey, bu = make_survey(partnership)
    from django.core.exceptions import ValidationError

    from safeguarding.assurance.tests.factories import small_template

    audit = small_template(status="draft")
    with pytest.raises(ValidationError, match="for surveys and consultations"):
        template_services.template_question_save(
            actor=bu,
            section=audit.sections.first(),
            reference="9.1",
            text="Pick one",
            answer_type=AnswerType.PICK_ONE,
            scale=audit.scales.first(),
        )
    draft = template_services.template_version_new_draft(actor=bu, template=survey.template)
    with pytest.raises(ValidationError, match="A survey asks for"):
        template_services.template_question_save(
            actor=bu,
            section=draft.sections.first(),
            reference="9.1",
            text="Upload a photo",
            answer_type=AnswerType.FILE,
        )


def test_the_results_page_offers_a_prefilled_you_said_we_did_entry(client, open_survey):
    survey, bu = open_survey
    client.post(reverse("assurance:survey-public", args=[survey.token]), _answers(survey))
    client.force_login(bu)
    page = client.get(reverse("assurance:survey-results", args=[survey.pk]))
    link = page.context["you_said_we_did_url"]
    assert link.startswith(reverse("library:you-said-we-did-new"))
    query = parse_qs(urlparse(link).query)
    assert query["source_label"] == ["Online safety survey"]
    assert query["source_url"][0].endswith(f"/surveys/{survey.token}/")
    form = client.get(link).content.decode()
    assert "Online safety survey" in form and survey.token in form


def test_the_survey_list_query_count_does_not_grow(
    signed_in, partnership, django_assert_max_num_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    make_survey(partnership, title="First")
    with django_assert_max_num_queries(40) as few:
        assert client.get(reverse("assurance:survey-list")).status_code == 200
    for n in range(5):
        survey, _ = make_survey(partnership, title=f"More {n}")
        SurveyResponse.objects.create(
            survey=survey,
            version=survey.template.versions.get(),
            submitted_on=timezone.localdate(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("assurance:survey-list"))
    assert response.content.decode().count("More ") >= 5


def test_the_dashboard_panel_shows_open_surveys_and_responses_this_week(
    client, open_survey, partnership
):
    survey, bu = open_survey
    version = survey.template.versions.get()
    SurveyResponse.objects.create(survey=survey, version=version, submitted_on=timezone.localdate())
    SurveyResponse.objects.create(
        survey=survey, version=version, submitted_on=timezone.localdate() - timedelta(days=20)
    )
    from safeguarding.assurance.selectors.surveys import survey_panel

    rows = survey_panel(user=bu)
    assert [(r["survey"].pk, r["this_week"], r["responses"]) for r in rows] == [(survey.pk, 1, 2)]
    client.force_login(bu)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Survey responses" in html and survey.title in html
    assert survey_panel(user=user_with_role(Role.PRACTITIONER, partnership=partnership)) == []
    assert not SurveyAnswer.objects.exists()


def _api_client(user):
    from rest_framework.test import APIClient

    from safeguarding.accounts.services import api_token_create

    _, raw = api_token_create(job="test", user=user, name="tests")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return api


def test_the_surveys_api_lists_the_partnerships_surveys_with_their_responses(
    client, open_survey, partnership
):
    survey, bu = open_survey
    client.post(reverse("assurance:survey-public", args=[survey.token]), _answers(survey))
    make_survey(PartnershipFactory(), title="Another partnership's survey")
    body = _api_client(bu).get("/api/v1/surveys/").json()
    assert [(s["title"], s["responses"], s["status"]) for s in body["results"]] == [
        ("Online safety survey", 1, "open")
    ]
    assert body["results"][0]["opens_on"] == survey.opens_on.isoformat()
    practitioner = user_with_role(Role.PRACTITIONER, partnership=partnership)
    assert _api_client(practitioner).get("/api/v1/surveys/").status_code == 403
