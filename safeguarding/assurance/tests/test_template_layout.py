"""Removing and reordering sections and standards of a draft template version."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.assurance.models import TemplateQuestion, TemplateSection
from safeguarding.assurance.services import template_layout as services
from safeguarding.assurance.services.templates import (
    template_question_save,
    template_section_save,
)
from safeguarding.assurance.tests.factories import small_template
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db

FROZEN = (
    "This version is published and frozen: campaigns use it as it is. Start a new draft "
    "version to make changes."
)


@pytest.fixture
def actor(make_user):
    return make_user(Role.BUSINESS_UNIT)


@pytest.fixture
def draft(actor):
    """A draft with three sections: Leadership (1.1, 1.2, 1.3), About you (2.1, 2.2…), Training."""
    version = small_template(status="draft")
    leadership = version.sections.get(number=1)
    template_question_save(
        actor=actor,
        section=leadership,
        text="Audit is regular.",
        reference="1.3",
        answer_type="yes_no",
    )
    training = template_section_save(actor=actor, version=version, title="Training")
    template_question_save(
        actor=actor,
        section=training,
        text="Staff are trained.",
        reference="3.1",
        answer_type="yes_no",
    )
    return version


def sections(version) -> list[tuple[int, str]]:
    return list(version.sections.order_by("number").values_list("number", "title"))


def references(section) -> list[tuple[int, str]]:
    return list(section.questions.order_by("order").values_list("order", "reference"))


# Services ---------------------------------------------------------------------------------


def test_removing_a_section_removes_its_standards_and_renumbers_the_rest(actor, draft):
    about = draft.sections.get(title="About you")
    removed = list(about.questions.values_list("pk", flat=True))
    assert removed

    services.template_section_remove(actor=actor, section=about)

    assert sections(draft) == [(1, "Leadership"), (2, "Training")]
    assert not TemplateQuestion.objects.filter(pk__in=removed).exists()
    assert draft.questions.filter(section__title="Training").count() == 1
    event = AuditEvent.objects.get(event="assurance.audit_template.section_removed")
    assert event.actor == actor and event.target_id == str(draft.pk)
    assert event.before["title"] == "About you" and event.before["number"] == 2
    assert [q["reference"] for q in event.before["questions"]][0] == "2.1"
    assert event.after == {"sections": ["Leadership", "Training"]}


def test_removing_a_standard_keeps_the_order_contiguous(actor, draft):
    leadership = draft.sections.get(title="Leadership")
    middle = leadership.questions.get(reference="1.2")

    services.template_question_remove(actor=actor, question=middle)

    assert references(leadership) == [(1, "1.1"), (2, "1.3")]
    event = AuditEvent.objects.get(event="assurance.audit_template.question_removed")
    assert event.before["reference"] == "1.2" and event.before["order"] == 2
    assert event.after == {"section": "Leadership", "questions": ["1.1", "1.3"]}


def test_moving_sections_up_and_down(actor, draft):
    training = draft.sections.get(title="Training")
    services.template_section_move(actor=actor, section=training, direction="up")
    assert sections(draft) == [(1, "Leadership"), (2, "Training"), (3, "About you")]
    services.template_section_move(actor=actor, section=training, direction="up")
    assert sections(draft) == [(1, "Training"), (2, "Leadership"), (3, "About you")]
    leadership = draft.sections.get(title="Leadership")
    services.template_section_move(actor=actor, section=leadership, direction="down")
    assert sections(draft) == [(1, "Training"), (2, "About you"), (3, "Leadership")]
    # Questions go with their section; their references are left as they were.
    assert references(draft.sections.get(number=3)) == [(1, "1.1"), (2, "1.2"), (3, "1.3")]
    moves = AuditEvent.objects.filter(event="assurance.audit_template.section_moved").order_by("pk")
    assert [(e.before["number"], e.after["number"]) for e in moves] == [(3, 2), (2, 1), (2, 3)]


def test_moving_standards_up_and_down(actor, draft):
    leadership = draft.sections.get(title="Leadership")
    last = leadership.questions.get(reference="1.3")
    services.template_question_move(actor=actor, question=last, direction="up")
    assert references(leadership) == [(1, "1.1"), (2, "1.3"), (3, "1.2")]
    first = leadership.questions.get(reference="1.1")
    services.template_question_move(actor=actor, question=first, direction="down")
    assert references(leadership) == [(1, "1.3"), (2, "1.1"), (3, "1.2")]
    event = AuditEvent.objects.filter(event="assurance.audit_template.question_moved").latest("pk")
    assert event.before["order"] == 1 and event.after["order"] == 2
    # Other sections are untouched.
    assert references(draft.sections.get(title="Training")) == [(1, "3.1")]


def test_moves_past_the_ends_are_refused(actor, draft):
    leadership = draft.sections.get(number=1)
    with pytest.raises(ValidationError, match="“Leadership” is already the first section."):
        services.template_section_move(actor=actor, section=leadership, direction="up")
    training = draft.sections.get(title="Training")
    with pytest.raises(ValidationError, match="“Training” is already the last section."):
        services.template_section_move(actor=actor, section=training, direction="down")
    first = leadership.questions.get(reference="1.1")
    with pytest.raises(ValidationError, match="Standard 1.1 is already the first in its section"):
        services.template_question_move(actor=actor, question=first, direction="up")
    with pytest.raises(ValidationError, match="Choose to move it up or down."):
        services.template_question_move(actor=actor, question=first, direction="sideways")
    assert sections(draft) == [(1, "Leadership"), (2, "About you"), (3, "Training")]
    assert not AuditEvent.objects.filter(event__endswith="_moved").exists()


def test_gaps_left_by_older_data_are_closed_on_the_next_move(actor, draft):
    leadership = draft.sections.get(title="Leadership")
    TemplateQuestion.objects.filter(section=leadership, reference="1.2").update(order=7)
    TemplateQuestion.objects.filter(section=leadership, reference="1.3").update(order=9)
    last = leadership.questions.get(reference="1.3")
    services.template_question_move(actor=actor, question=last, direction="up")
    assert references(leadership) == [(1, "1.1"), (2, "1.3"), (3, "1.2")]


@pytest.mark.parametrize("status", ["published", "retired"])
def test_a_frozen_version_refuses_every_change(actor, status):
    version = small_template(status=status)
    section = version.sections.get(number=2)
    question = version.questions.get(reference="1.2")
    calls = [
        lambda: services.template_section_remove(actor=actor, section=section),
        lambda: services.template_question_remove(actor=actor, question=question),
        lambda: services.template_section_move(actor=actor, section=section, direction="up"),
        lambda: services.template_question_move(actor=actor, question=question, direction="up"),
    ]
    for call in calls:
        with pytest.raises(ValidationError) as refused:
            call()
        if status == "published":
            assert refused.value.messages == [FROZEN]
        else:
            assert "retired" in refused.value.messages[0]
    assert sections(version) == [(1, "Leadership"), (2, "About you")]
    assert references(version.sections.get(number=1)) == [(1, "1.1"), (2, "1.2")]
    assert not AuditEvent.objects.filter(event__startswith="assurance.audit_template.").exists()


# Pages ------------------------------------------------------------------------------------


@pytest.fixture
def bu(signed_in):
    return signed_in(Role.BUSINESS_UNIT)


def test_the_version_page_offers_removal_and_moves_on_a_draft_only(bu, draft):
    page = bu.get(reverse("assurance:version-detail", args=[draft.pk])).content.decode()
    leadership = draft.sections.get(title="Leadership")
    assert reverse("assurance:section-remove", args=[draft.pk, leadership.pk]) in page
    assert 'Move down<span class="govuk-visually-hidden"> section Leadership</span>' in page
    assert 'Move up<span class="govuk-visually-hidden"> section Leadership</span>' not in page
    assert 'Move up<span class="govuk-visually-hidden"> standard 1.2</span>' in page
    assert 'Move down<span class="govuk-visually-hidden"> standard 1.3</span>' not in page
    assert 'Remove<span class="govuk-visually-hidden"> standard 1.1</span>' in page

    published = small_template()
    page = bu.get(reverse("assurance:version-detail", args=[published.pk])).content.decode()
    assert "Move up" not in page and "Remove section" not in page


def test_removing_a_section_through_its_confirmation_page(bu, draft):
    about = draft.sections.get(title="About you")
    url = reverse("assurance:section-remove", args=[draft.pk, about.pk])
    page = bu.get(url).content.decode()
    assert "Remove section 2. About you" in page
    assert "Its 4 standards will be removed too." in page
    assert "2.1 Is there a policy?" in page
    assert draft.sections.filter(pk=about.pk).exists()

    response = bu.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("assurance:version-detail", args=[draft.pk])
    assert "Section “About you” and its standards have been removed." in response.content.decode()
    assert sections(draft) == [(1, "Leadership"), (2, "Training")]


def test_removing_a_standard_through_its_confirmation_page(bu, draft):
    question = draft.questions.get(reference="1.2")
    url = reverse("assurance:question-remove", args=[draft.pk, question.pk])
    page = bu.get(url).content.decode()
    assert "Remove standard 1.2" in page and "Contracts include safeguarding clauses." in page
    response = bu.post(url, follow=True)
    assert "Standard 1.2 has been removed." in response.content.decode()
    assert references(draft.sections.get(number=1)) == [(1, "1.1"), (2, "1.3")]


def test_move_buttons_reorder_and_come_back_to_the_item(bu, draft):
    question = draft.questions.get(reference="1.3")
    url = reverse("assurance:question-move", args=[draft.pk, question.pk])
    response = bu.post(url, {"direction": "up"})
    version_url = reverse("assurance:version-detail", args=[draft.pk])
    assert response["Location"] == f"{version_url}#question-{question.pk}"
    assert references(draft.sections.get(number=1)) == [(1, "1.1"), (2, "1.3"), (3, "1.2")]
    page = bu.get(response["Location"]).content.decode()
    assert "Standard 1.3 has been moved up in “Leadership”." in page
    assert page.index("Audit is regular.") < page.index("Contracts include safeguarding clauses.")

    training = draft.sections.get(title="Training")
    response = bu.post(
        reverse("assurance:section-move", args=[draft.pk, training.pk]),
        {"direction": "down"},
        follow=True,
    )
    assert "“Training” is already the last section." in response.content.decode()
    response = bu.post(
        reverse("assurance:section-move", args=[draft.pk, training.pk]), {"direction": "left"}
    )
    assert response.status_code == 400
    assert sections(draft) == [(1, "Leadership"), (2, "About you"), (3, "Training")]


def test_a_published_version_refuses_removal_and_moves_with_the_reason(bu):
    version = small_template()
    section = version.sections.get(number=2)
    question = version.questions.get(reference="1.2")
    remove_section = reverse("assurance:section-remove", args=[version.pk, section.pk])
    remove_question = reverse("assurance:question-remove", args=[version.pk, question.pk])

    page = bu.get(remove_section).content.decode()
    assert "is published and frozen" in page and "Remove the section" not in page
    page = bu.get(remove_question).content.decode()
    assert "is published and frozen" in page and "Remove the standard" not in page

    response = bu.post(remove_section)
    assert response.status_code == 200 and FROZEN in response.content.decode()
    response = bu.post(remove_question)
    assert response.status_code == 200 and FROZEN in response.content.decode()
    response = bu.post(
        reverse("assurance:question-move", args=[version.pk, question.pk]),
        {"direction": "up"},
        follow=True,
    )
    assert FROZEN in response.content.decode()
    assert TemplateSection.objects.filter(pk=section.pk).exists()
    assert references(version.sections.get(number=1)) == [(1, "1.1"), (2, "1.2")]


def test_a_section_of_another_version_is_not_found(bu, draft):
    other = small_template(status="draft")
    section = other.sections.get(number=1)
    url = reverse("assurance:section-remove", args=[draft.pk, section.pk])
    assert bu.get(url).status_code == 404
    assert bu.post(url).status_code == 404
    assert TemplateSection.objects.filter(pk=section.pk).exists()


@pytest.mark.parametrize("role", [Role.CHAIR, Role.SAFEGUARDING_PARTNER, Role.AGENCY_LEAD])
def test_only_the_business_unit_changes_the_layout(signed_in, draft, role):
    client = signed_in(role)
    section = draft.sections.get(number=1)
    question = draft.questions.get(reference="1.1")
    assert client.post(
        reverse("assurance:section-move", args=[draft.pk, section.pk]), {"direction": "down"}
    ).status_code in (403, 404)
    assert client.post(
        reverse("assurance:question-remove", args=[draft.pk, question.pk])
    ).status_code in (403, 404)
    assert sections(draft)[0] == (1, "Leadership")
    assert draft.questions.filter(pk=question.pk).exists()
