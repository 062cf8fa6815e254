"""Issue 15's "done when" for surveys: a young people's survey is answered anonymously and
its results become a "You said, we did" entry on the public site. Every page is checked
with axe (WCAG 2.2 AA): the public form (with its errors), the thank-you and closed pages,
the business unit's list, survey, results and the pre-filled entry form."""

from __future__ import annotations

from datetime import date

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.assurance.models import SurveyResponse
from safeguarding.assurance.tests.survey_factories import make_survey
from safeguarding.library.models import YouSaidWeDid


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 0345 603 7627",
        brand_colour="#5b2d6e",
    )


def test_a_young_persons_survey_answered_anonymously_becomes_you_said_we_did(browse, essex):
    survey, bu = make_survey(essex, title="Online safety survey")
    page = browse.page

    # A young person, not signed in, opens the link and forgets to agree first.
    browse.goto(f"/surveys/{survey.token}/")
    page.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    browse.check()
    assert "Tick the box to say you agree to take part." in page.locator("main").inner_text()
    assert not SurveyResponse.objects.exists()

    page.get_by_label("I agree to take part").check()
    page.get_by_label("11 to 13").check()
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("Bullying").check()
    page.get_by_label("Scams").check()
    page.get_by_label("What should we do?").fill("Teach our parents about the apps")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/thank-you/")
    browse.check()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1

    # The business unit reads the results and turns them into a "You said, we did" entry.
    browse.sign_in(bu)
    browse.goto("/assurance/surveys/")
    page.get_by_role("link", name="Online safety survey").click()
    browse.check()
    browse.goto("/assurance/surveys/new/")
    page.goto(browse.url(f"/assurance/surveys/{survey.pk}/"))
    page.get_by_role("link", name="See the results").click()
    browse.check()
    main = page.locator("main").inner_text()
    assert "1 response" in main and "Teach our parents about the apps" in main
    page.get_by_role("link", name="Create a “You said, we did” entry").click()
    browse.check()
    assert page.get_by_label("Where it came from (optional)", exact=True).input_value() == (
        "Online safety survey"
    )
    page.get_by_label("You said", exact=True).fill("Adults don't understand the apps we use.")
    page.get_by_label("We did", exact=True).fill(
        "Ran a campaign for parents about the apps you named."
    )
    page.get_by_label("Done", exact=True).check()
    page.get_by_label("Show it on the public “You said, we did” page now").check()
    page.get_by_role("button", name="Save the entry").click()
    page.wait_for_url("**/you-said-we-did/")
    browse.check()
    entry = YouSaidWeDid.objects.get()
    assert entry.source_url.endswith(f"/surveys/{survey.token}/")

    # The public sees it, linked to the survey.
    browse.sign_out()
    browse.goto("/you-said-we-did/")
    assert "Ran a campaign for parents" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Online safety survey").count() == 1


def test_a_closed_survey_says_so_accessibly(browse, essex):
    survey, _ = make_survey(
        essex, title="Last year's survey", opens_on=date(2023, 1, 9), closes_on=date(2023, 3, 31)
    )
    browse.goto(f"/surveys/{survey.token}/")
    assert "This survey is closed" in browse.page.locator("main").inner_text()


def test_results_across_two_versions_of_the_questions_pass_axe(browse, essex):
    """Answers to an earlier version count: a reworded question's earlier version is shown
    on its own, marked, with its chart and table."""
    from django.utils import timezone

    from safeguarding.assurance.models import SurveyAnswer
    from safeguarding.assurance.services import templates as template_services

    survey, bu = make_survey(essex, title="Online safety survey")
    first = survey.template.versions.get()
    feel = first.questions.get(text="I feel safe online")
    response = SurveyResponse.objects.create(
        survey=survey, version=first, submitted_on=timezone.localdate()
    )
    SurveyAnswer.objects.create(
        response=response, question=feel, level=feel.scale.levels.get(label="Agree")
    )
    draft = template_services.template_version_new_draft(actor=bu, template=survey.template)
    reworded = draft.questions.get(text="I feel safe online")
    template_services.template_question_save(
        actor=bu, section=reworded.section, question=reworded, text="I feel safe when online"
    )
    template_services.template_version_publish(actor=bu, version=draft)

    browse.sign_in(bu)
    browse.goto(f"/assurance/surveys/{survey.pk}/results/")
    main = browse.page.locator("main").inner_text()
    assert "Earlier version 1" in main and "I feel safe when online" in main
