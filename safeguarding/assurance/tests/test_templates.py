"""Audit templates: the shipped library, versions frozen once published, editing a draft."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.assurance.models import (
    AuditTemplate,
    TemplateQuestion,
    TemplateVersion,
)
from safeguarding.assurance.services import templates as services
from safeguarding.assurance.tests.factories import campaign, small_template
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def _load() -> dict:
    out = StringIO()
    call_command("load-audit-templates", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_command_ships_five_published_tools_and_is_idempotent():
    first = _load()
    assert sorted(first["created"]) == [
        "multi-agency-case-audit",
        "schools-175-157",
        "section-11",
        "thematic-audit-neglect",
        "yearly-report-contribution",
    ]
    assert AuditEvent.objects.filter(event="assurance.audit_template.loaded").count() == 5
    second = _load()
    assert second["created"] == [] and len(second["skipped"]) == 5
    assert AuditTemplate.objects.count() == 5
    assert TemplateVersion.objects.filter(status="published").count() == 5


def test_the_yearly_report_contribution_asks_five_text_questions():
    _load()
    version = TemplateVersion.objects.get(template__slug="yearly-report-contribution")
    assert version.template.kind == "yearly_report"
    questions = list(version.questions.order_by("order", "pk"))
    assert [q.answer_type for q in questions] == ["text"] * 5
    assert [q.required for q in questions] == [True, True, True, True, False]


def test_the_section_11_tool_has_the_eleven_standards_with_the_met_scale():
    _load()
    version = TemplateVersion.objects.get(template__slug="section-11")
    titles = [s.title for s in version.sections.order_by("number")]
    assert titles[0] == "About your organisation"
    assert titles[1] == "Standard 1: Leadership, governance and accountability"
    assert titles[-1] == "Standard 11: Equality, diversity and a culture of safety"
    assert len(titles) == 12
    scale = version.scales.get()
    assert [(lvl.value, lvl.label, lvl.colour) for lvl in scale.levels.all()] == [
        (1, "Not met", "red"),
        (2, "Partly met", "amber"),
        (3, "Fully met", "green"),
    ]
    rated = version.questions.filter(answer_type="rating")
    assert rated.count() >= 25
    assert all(q.moderated and q.allows_not_applicable and q.evidence_expected for q in rated)
    kinds = set(version.questions.values_list("answer_type", flat=True))
    assert kinds == {"rating", "text", "number", "file"}


def test_the_schools_tool_has_the_thirteen_essex_sections_after_school_details():
    _load()
    version = TemplateVersion.objects.get(template__slug="schools-175-157")
    titles = [s.title for s in version.sections.order_by("number")]
    assert titles[0] == "School details"
    assert titles[1:] == [
        "Safeguarding governance",
        "Designated safeguarding leads",
        "Safeguarding policies",
        "Safer recruitment",
        "What staff need to know",
        "Inter-agency working",
        "Allegations against staff and whistleblowing",
        "Helping pupils and students keep themselves safe",
        "Record keeping and information sharing",
        "Child sexual exploitation",
        "Prevention of extremism and radicalisation",
        "Honour-based abuse, female genital mutilation and forced marriage",
        "Positive mental health and emotional wellbeing",
    ]
    assert version.questions.filter(answer_type="yes_no").exists()


def test_the_case_audit_tool_grades_nine_domains_outstanding_to_inadequate():
    _load()
    version = TemplateVersion.objects.get(template__slug="multi-agency-case-audit")
    domains = list(version.sections.filter(is_domain=True).values_list("title", flat=True))
    assert len(domains) == 9
    assert "Voice of the child" in domains and "Lived experience of the child" in domains
    assert list(version.scales.get().levels.values_list("label", flat=True)) == [
        "Inadequate",
        "Requires improvement",
        "Good",
        "Outstanding",
    ]


def test_a_published_version_is_frozen_and_a_new_draft_copies_it(make_user):
    version = small_template()
    actor = make_user(Role.BUSINESS_UNIT)
    question = version.questions.get(key="lead")
    with pytest.raises(ValidationError) as refused:
        services.template_question_save(
            actor=actor, section=question.section, question=question, text="Changed"
        )
    assert "published and frozen" in refused.value.messages[0]
    assert TemplateQuestion.objects.get(pk=question.pk).text == "A named lead is accountable."

    draft = services.template_version_new_draft(actor=actor, template=version.template)
    assert draft.number == 2 and draft.status == "draft"
    assert set(draft.questions.values_list("key", flat=True)) == set(
        version.questions.values_list("key", flat=True)
    )
    copied = draft.questions.get(key="lead")
    assert copied.scale.version == draft  # the scale is copied and frozen with the version
    services.template_question_save(
        actor=actor, section=copied.section, question=copied, text="A board-level lead."
    )
    assert version.questions.get(key="lead").text == "A named lead is accountable."

    with pytest.raises(ValidationError, match="already has a draft"):
        services.template_version_new_draft(actor=actor, template=version.template)

    services.template_version_publish(actor=actor, version=draft)
    version.refresh_from_db()
    assert version.status == "retired"
    assert AuditEvent.objects.filter(event="assurance.audit_template.published").exists()


def test_a_campaign_keeps_answering_the_version_it_was_launched_with(make_user):
    version = small_template()
    partnership = PartnershipFactory()
    AgencyFactory(partnerships=[partnership])
    running = campaign(version=version, partnership=partnership)
    actor = make_user(Role.BUSINESS_UNIT)
    draft = services.template_version_new_draft(actor=actor, template=version.template)
    services.template_question_save(
        actor=actor,
        section=draft.sections.get(number=1),
        text="New standard",
        reference="1.3",
        answer_type="yes_no",
    )
    services.template_version_publish(actor=actor, version=draft)
    running.refresh_from_db()
    assert running.version == version
    assert running.version.questions.count() == 6


def test_a_rated_standard_needs_a_scale_of_its_own_version(make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    draft = small_template(status="draft")
    other = small_template()
    section = draft.sections.get(number=1)
    with pytest.raises(ValidationError) as refused:
        services.template_question_save(
            actor=actor, section=section, text="Rated", reference="1.9", answer_type="rating"
        )
    assert "Choose the rating scale" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.template_question_save(
            actor=actor,
            section=section,
            text="Rated",
            reference="1.9",
            answer_type="rating",
            scale=other.scales.get(),
        )
    assert "scale of this template version" in str(refused.value)
    assert not draft.questions.filter(reference="1.9").exists()


def test_publishing_refuses_an_empty_section(make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    draft = small_template(status="draft")
    services.template_section_save(actor=actor, version=draft, title="Empty")
    with pytest.raises(ValidationError, match="These sections have no questions: Empty"):
        services.template_version_publish(actor=actor, version=draft)
    draft.refresh_from_db()
    assert draft.status == "draft"


# Pages ---------------------------------------------------------------------------------


def test_partnership_staff_read_templates_and_agency_leads_do_not(signed_in, client):
    version = small_template()
    chair = signed_in(Role.CHAIR)
    response = chair.get(reverse("assurance:template-list"))
    assert response.status_code == 200
    assert version.template.name in response.content.decode()
    response = chair.get(reverse("assurance:version-detail", args=[version.pk]))
    assert "A named lead is accountable." in response.content.decode()
    assert "Start a new draft version" not in response.content.decode()
    lead = signed_in(Role.AGENCY_LEAD)
    assert lead.get(reverse("assurance:template-list")).status_code == 403


def test_the_business_unit_edits_a_draft_through_the_pages(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    version = small_template()
    response = client.post(reverse("assurance:template-new-draft", args=[version.template.pk]))
    draft = version.template.versions.get(status="draft")
    assert response.status_code == 302 and str(draft.pk) in response["Location"]
    question = draft.questions.get(key="lead")
    url = reverse("assurance:question-edit", args=[draft.pk, question.pk])
    response = client.post(
        url,
        {
            "reference": "1.1",
            "text": "A board-level lead is accountable.",
            "answer_type": "rating",
            "scale": question.scale_id,
            "required": "on",
            "moderated": "on",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "A board-level lead is accountable."
    assert not question.allows_not_applicable
    level = draft.scales.get().levels.get(value=2)
    response = client.post(
        reverse("assurance:level-edit", args=[draft.pk, level.pk]),
        {"value": 2, "label": "Partially met", "colour": "amber", "outcome": "partly"},
    )
    assert response.status_code == 302
    level.refresh_from_db()
    assert level.label == "Partially met"
    response = client.post(reverse("assurance:version-publish", args=[draft.pk]), follow=True)
    assert "is published" in response.content.decode()
    # Once published, the edit page refuses with the reason and nothing changes.
    response = client.post(
        url,
        {
            "reference": "1.1",
            "text": "Sneaky change",
            "answer_type": "rating",
            "scale": question.scale_id,
        },
    )
    assert response.status_code == 200
    assert "published and frozen" in response.content.decode()
    question.refresh_from_db()
    assert question.text == "A board-level lead is accountable."


def test_creating_a_template_starts_a_draft_with_the_met_scale(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        reverse("assurance:template-new"),
        {"name": "Early years audit", "kind": "thematic", "description": ""},
    )
    assert response.status_code == 302
    template = AuditTemplate.objects.get(name="Early years audit")
    draft = template.versions.get()
    assert draft.status == "draft"
    assert draft.scales.get().levels.count() == 3
    response = client.post(
        reverse("assurance:template-new"), {"name": "early years audit", "kind": "thematic"}
    )
    assert "There is already a template called" in response.content.decode()


def test_the_template_list_query_count_does_not_grow_with_templates(
    signed_in, django_assert_max_num_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    for _ in range(3):
        small_template()
    # 13: the page shell reads the partnership's "Concerned about a child?" numbers once.
    with django_assert_max_num_queries(13) as few:
        assert client.get(reverse("assurance:template-list")).status_code == 200
    for _ in range(27):
        small_template()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("assurance:template-list"))
    assert response.content.decode().count("Version 1") == 30
