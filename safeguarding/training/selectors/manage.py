"""Reads the business unit's forms need: its partnerships and the choices they offer."""

from __future__ import annotations

from django.db.models import QuerySet

from safeguarding.accounts.models import Partnership
from safeguarding.planning.models import Priority, Theme
from safeguarding.training.models import Course, MemberGroup, TrainingSettings
from safeguarding.training.scoping import managed_partnership_ids

__all__ = [
    "course_form_choices",
    "managed_partnerships",
    "other_partnerships",
    "training_settings_get",
]


def managed_partnerships(*, user) -> list[Partnership]:
    return list(Partnership.objects.filter(pk__in=managed_partnership_ids(user)).order_by("name"))


def other_partnerships(*, partnership_id: int) -> QuerySet[Partnership]:
    """Partnerships a session may be run jointly with."""
    return Partnership.objects.exclude(pk=partnership_id).order_by("name")


def course_form_choices(*, user, exclude_course: Course | None = None) -> dict:
    partnerships = managed_partnerships(user=user)
    ids = [p.pk for p in partnerships]
    courses = Course.objects.filter(partnership_id__in=ids).order_by("level", "title")
    if exclude_course is not None:
        courses = courses.exclude(pk=exclude_course.pk)
    return {
        "partnerships": partnerships,
        "themes": Theme.objects.active().order_by("name"),
        "priorities": list(
            Priority.objects.filter(plan__partnership_id__in=ids)
            .select_related("plan")
            .order_by("plan__starts_on", "order", "title")
        ),
        "courses": list(courses),
        "member_groups": list(MemberGroup.objects.filter(partnership_id__in=ids).order_by("name")),
    }


def training_settings_get(*, partnership: Partnership) -> TrainingSettings:
    found = TrainingSettings.objects.filter(partnership=partnership).first()
    return found or TrainingSettings(partnership=partnership)
