"""Writes for the catalogue: courses with their outcomes and fees, and the settings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Sector
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update
from safeguarding.training.models import (
    Course,
    CourseFee,
    LearningOutcome,
    TrainingSettings,
)
from safeguarding.training.services.common import COURSE_FIELDS

SETTINGS_FIELDS = [
    "offer_hours",
    "reminder_days",
    "late_cancellation_working_days",
    "no_show_fee",
    "refresher_notice_days",
    "booking_link_days",
]


def _clean_outcomes(outcomes: list[str] | str) -> list[str]:
    if isinstance(outcomes, str):
        outcomes = outcomes.splitlines()
    cleaned = []
    for line in outcomes:
        text = line.strip().lstrip("-•*").strip()
        if text and text not in cleaned:
            cleaned.append(text[:300])
    if not cleaned:
        raise ValidationError(
            {"outcomes": "Enter at least one learning outcome, one on each line."}
        )
    return cleaned


def _sync_outcomes(course: Course, texts: list[str]) -> None:
    """Keep outcomes whose text is unchanged (their ratings stay linked); retire the rest."""
    existing = {o.text: o for o in course.outcomes.all()}
    for order, text in enumerate(texts):
        outcome = existing.pop(text, None)
        if outcome is None:
            LearningOutcome.objects.create(course=course, text=text, order=order)
        elif outcome.order != order or not outcome.is_current:
            outcome.order = order
            outcome.is_current = True
            outcome.save(update_fields=["order", "is_current"])
    for outcome in existing.values():
        if outcome.is_current:
            outcome.is_current = False
            outcome.save(update_fields=["is_current"])


def _sync_fees(course: Course, sector_fees: dict[str, Decimal | None]) -> None:
    for sector, amount in sector_fees.items():
        if sector not in Sector.values:
            raise ValidationError({"fees": f"“{sector}” is not a sector."})
        if amount is None or amount == course.standard_fee:
            CourseFee.objects.filter(course=course, sector=sector).delete()
            continue
        if amount < 0:
            raise ValidationError({f"fee_{sector}": "A fee cannot be less than £0."})
        CourseFee.objects.update_or_create(
            course=course, sector=sector, defaults={"amount": amount}
        )


def _check(course: Course, *, prerequisites, discount_groups, themes) -> None:
    if course.audience_sectors and any(s not in Sector.values for s in course.audience_sectors):
        raise ValidationError({"audience_sectors": "Choose sectors from the list."})
    if course.priority_id and course.priority.partnership_id != course.partnership_id:
        raise ValidationError(
            {"priority": "Choose a priority from this partnership's business plan."}
        )
    for prerequisite in prerequisites:
        if course.pk and prerequisite.pk == course.pk:
            raise ValidationError({"prerequisites": "A course cannot be its own prerequisite."})
        if prerequisite.partnership_id != course.partnership_id:
            raise ValidationError(
                {"prerequisites": "Prerequisites must be courses of the same partnership."}
            )
    for group in discount_groups:
        if group.partnership_id != course.partnership_id:
            raise ValidationError(
                {"discount_groups": "Choose member groups of this course's partnership."}
            )
    if course.pk and prerequisites:
        # No cycles: a prerequisite must not itself need this course, however indirectly.
        seen, queue = set(), [p.pk for p in prerequisites]
        while queue:
            pk = queue.pop()
            if pk == course.pk:
                raise ValidationError(
                    {
                        "prerequisites": "These prerequisites would make a loop: one of them "
                        "already needs this course first."
                    }
                )
            if pk in seen:
                continue
            seen.add(pk)
            queue.extend(
                Course.prerequisites.through.objects.filter(from_course_id=pk).values_list(
                    "to_course_id", flat=True
                )
            )


def _relations_snapshot(course: Course) -> dict:
    return {
        "themes": sorted(t.name for t in course.themes.all()),
        "prerequisites": sorted(c.title for c in course.prerequisites.all()),
        "discount_groups": sorted(g.name for g in course.discount_groups.all()),
        "outcomes": [o.text for o in course.outcomes.filter(is_current=True)],
        "fees": {f.sector: str(f.amount) for f in course.fees.all()},
    }


@transaction.atomic
def course_create(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    outcomes: list[str] | str,
    themes=(),
    prerequisites=(),
    discount_groups=(),
    sector_fees: dict | None = None,
    **fields: Any,
) -> Course:
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} cannot be set on a course.")
    texts = _clean_outcomes(outcomes)
    course = Course(partnership=partnership, **fields)
    course.full_clean(exclude=["partnership"])
    _check(course, prerequisites=prerequisites, discount_groups=discount_groups, themes=themes)
    course.save()
    course.themes.set(themes)
    course.prerequisites.set(prerequisites)
    course.discount_groups.set(discount_groups)
    _sync_outcomes(course, texts)
    _sync_fees(course, sector_fees or {})
    audit_record(
        actor=actor,
        job=job,
        event="training.course.created",
        target=course,
        after={**snapshot(course, COURSE_FIELDS), **_relations_snapshot(course)},
    )
    return course


@transaction.atomic
def course_update(
    *,
    actor,
    course: Course,
    outcomes: list[str] | str | None = None,
    themes=None,
    prerequisites=None,
    discount_groups=None,
    sector_fees: dict | None = None,
    **fields: Any,
) -> Course:
    course = Course.objects.select_for_update().get(pk=course.pk)
    for name in fields:
        if name not in COURSE_FIELDS:
            raise ValidationError(f"{name} cannot be changed here.")
    related = {
        name: value
        for name, value in (
            ("themes", themes),
            ("prerequisites", prerequisites),
            ("discount_groups", discount_groups),
        )
        if value is not None
    }

    def check(record: Course) -> None:
        record.full_clean(exclude=["partnership"])
        _check(
            record,
            prerequisites=prerequisites
            if prerequisites is not None
            else record.prerequisites.all(),
            discount_groups=discount_groups
            if discount_groups is not None
            else record.discount_groups.all(),
            themes=themes or (),
        )

    def sync_children(record: Course) -> None:
        if outcomes is not None:
            _sync_outcomes(record, _clean_outcomes(outcomes))
        if sector_fees is not None:
            _sync_fees(record, sector_fees)

    course, _ = model_update(
        course,
        fields=[*COURSE_FIELDS, *related],
        data={**fields, **related},
        validate=check,
        full_clean=False,
        then=sync_children,
        always=True,
        describe=lambda record: {
            **snapshot(record, COURSE_FIELDS),
            **_relations_snapshot(record),
        },
        actor=actor,
        event="training.course.updated",
    )
    return course


@transaction.atomic
def training_settings_update(*, actor, partnership, **fields: Any) -> TrainingSettings:
    current, _ = TrainingSettings.objects.select_for_update().get_or_create(partnership=partnership)
    for name in fields:
        if name not in SETTINGS_FIELDS:
            raise ValidationError(f"{name} is not a training setting.")
    current, _ = model_update(
        current,
        fields=SETTINGS_FIELDS,
        data=fields,
        actor=actor,
        event="training.settings.updated",
    )
    return current
