"""The surveys' demo data: a closed youth survey with 120 responses across age bands, an open
practitioner consultation with 40, and a "You said, we did" entry linked to the survey."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.assurance.models import Survey
from safeguarding.assurance.selectors.surveys import survey_results, survey_status
from safeguarding.demo.surveys import CONSULTATION, YOUTH_SURVEY
from safeguarding.library.models import YouSaidWeDid


def test_demo_surveys_have_their_responses_and_a_you_said_we_did_entry(client):
    youth = Survey.objects.get(title=YOUTH_SURVEY)
    consultation = Survey.objects.get(title=CONSULTATION)
    assert survey_status(youth) == "closed"
    assert survey_status(consultation) == "open"
    results = survey_results(survey=youth)
    assert results.responses == 120
    ages = next(r for r in results.questions if r.question.text == "How old are you?")
    assert sum(o.count for o in ages.options) == 120
    assert sum(1 for o in ages.options if o.count) >= 4  # spread across the age bands
    assert any(r.texts for r in results.questions)  # some free-text answers
    consulted = survey_results(survey=consultation)
    assert consulted.responses == 40
    sectors = {o.label for r in consulted.questions for o in r.options if o.count}
    assert "Police" in sectors and "Health" in sectors
    entry = YouSaidWeDid.objects.get(source_label=YOUTH_SURVEY)
    assert entry.source_url.endswith(reverse("assurance:survey-public", args=[youth.token]))
    page = client.get(reverse("library:you-said-we-did")).content.decode()
    assert YOUTH_SURVEY in page
