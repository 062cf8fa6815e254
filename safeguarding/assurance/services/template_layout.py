"""Writes that shape a draft template version: removing and reordering its sections and
standards (questions). Published and retired versions are frozen, as for every other edit.

Section numbers stay 1, 2, 3… and each section's standards keep the order 1, 2, 3… with
no gaps after a removal or a move. Standards keep the reference the business unit gave
them (such as “2.3”): numbers in references are text, and are never rewritten.
Nothing in a draft is used by a campaign or a case audit (both need a published version),
so removing from a draft loses no answers.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from safeguarding.assurance import workflow
from safeguarding.assurance.models import TemplateQuestion, TemplateSection, TemplateVersion
from safeguarding.core.audit import audit_record

UP, DOWN = "up", "down"
DIRECTIONS = (UP, DOWN)


def _locked_draft(version_id: int) -> TemplateVersion:
    version = TemplateVersion.objects.select_for_update().get(pk=version_id)
    workflow.VERSIONS.check(version.status, "edit")
    return version


def _current_section(section: TemplateSection) -> TemplateSection:
    found = TemplateSection.objects.filter(pk=section.pk).first()
    if found is None:
        raise ValidationError("That section has already been removed.")
    return found


def _current_question(question: TemplateQuestion) -> TemplateQuestion:
    found = TemplateQuestion.objects.filter(pk=question.pk).select_related("section").first()
    if found is None:
        raise ValidationError("That standard has already been removed.")
    return found


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValidationError("Choose to move it up or down.")


def _renumber_sections(version: TemplateVersion) -> None:
    """Number the sections 1, 2, 3… in their current order. Rows are changed one at a time,
    lowest first, so no two sections ever share a number (the database refuses that)."""
    for number, section in enumerate(version.sections.order_by("number", "pk"), start=1):
        if section.number != number:
            section.number = number
            section.save(update_fields=["number"])


def _reorder_questions(section: TemplateSection) -> list[TemplateQuestion]:
    """Order the section's standards 1, 2, 3… as they are shown; returns them in order."""
    questions = list(section.questions.order_by("order", "pk"))
    for order, question in enumerate(questions, start=1):
        if question.order != order:
            question.order = order
            question.save(update_fields=["order"])
    return questions


def _question_summary(question: TemplateQuestion) -> dict:
    return {"reference": question.reference, "key": question.key, "text": question.text}


def _delete(instance, what: str) -> None:
    try:
        instance.delete()
    except ProtectedError as error:  # only a published version is ever used; a safety net
        raise ValidationError(f"This {what} is in use and cannot be removed.") from error


@transaction.atomic
def template_section_remove(*, actor, section: TemplateSection) -> TemplateVersion:
    """Remove a section of a draft version with its standards; later sections move up."""
    version = _locked_draft(section.version_id)
    section = _current_section(section)
    questions = list(section.questions.order_by("order", "pk"))
    before = {
        "number": section.number,
        "title": section.title,
        "questions": [_question_summary(q) for q in questions],
    }
    _delete(section, "section")
    _renumber_sections(version)
    audit_record(
        actor=actor,
        event="assurance.audit_template.section_removed",
        target=version,
        before=before,
        after={"sections": [s.title for s in version.sections.order_by("number")]},
    )
    return version


@transaction.atomic
def template_question_remove(*, actor, question: TemplateQuestion) -> TemplateVersion:
    """Remove a standard from a draft version; the ones after it in its section move up."""
    version = _locked_draft(question.version_id)
    question = _current_question(question)
    section = question.section
    before = {"section": section.title, "order": question.order, **_question_summary(question)}
    _delete(question, "standard")
    remaining = _reorder_questions(section)
    audit_record(
        actor=actor,
        event="assurance.audit_template.question_removed",
        target=version,
        before=before,
        after={"section": section.title, "questions": [q.reference for q in remaining]},
    )
    return version


@transaction.atomic
def template_section_move(*, actor, section: TemplateSection, direction: str) -> TemplateSection:
    """Swap a draft version's section with the one before (up) or after it (down)."""
    _check_direction(direction)
    version = _locked_draft(section.version_id)
    _renumber_sections(version)
    section = _current_section(section)
    sections = list(version.sections.order_by("number"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index - 1 if direction == UP else index + 1
    if other < 0:
        raise ValidationError(f"“{section.title}” is already the first section.")
    if other >= len(sections):
        raise ValidationError(f"“{section.title}” is already the last section.")
    neighbour = sections[other]
    old, new = section.number, neighbour.number
    # Through 0 (never a section's number), so no two sections ever share a number.
    section.number = 0
    section.save(update_fields=["number"])
    neighbour.number = old
    neighbour.save(update_fields=["number"])
    section.number = new
    section.save(update_fields=["number"])
    audit_record(
        actor=actor,
        event="assurance.audit_template.section_moved",
        target=version,
        before={"title": section.title, "number": old},
        after={"title": section.title, "number": new},
    )
    return section


@transaction.atomic
def template_question_move(
    *, actor, question: TemplateQuestion, direction: str
) -> TemplateQuestion:
    """Swap a standard with the one before (up) or after it (down) in its section."""
    _check_direction(direction)
    version = _locked_draft(question.version_id)
    question = _current_question(question)
    questions = _reorder_questions(question.section)
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    question = questions[index]
    other = index - 1 if direction == UP else index + 1
    if other < 0:
        raise ValidationError(f"Standard {question.reference} is already the first in its section.")
    if other >= len(questions):
        raise ValidationError(f"Standard {question.reference} is already the last in its section.")
    neighbour = questions[other]
    old, new = question.order, neighbour.order
    question.order, neighbour.order = new, old
    question.save(update_fields=["order"])
    neighbour.save(update_fields=["order"])
    audit_record(
        actor=actor,
        event="assurance.audit_template.question_moved",
        target=version,
        before={"section": question.section.title, "reference": question.reference, "order": old},
        after={"section": question.section.title, "reference": question.reference, "order": new},
    )
    return question
