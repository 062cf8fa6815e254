"""Checks of one value that the case-review services and the workflow's step validators
share: a date not in the future, a date not before another, a value given. Each raises a
``ValidationError`` naming the field and saying what is wrong."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from safeguarding.core.templatetags.govuk import uk_date


def today() -> date:
    return timezone.localdate()


def not_in_future(value: date | None, field: str, what: str) -> None:
    if value is not None and value > today():
        raise ValidationError({field: f"{what} cannot be in the future."})


def not_before(value: date | None, earlier: date | None, field: str, message: str) -> None:
    if value is not None and earlier is not None and value < earlier:
        raise ValidationError({field: message.format(earlier=uk_date(earlier))})


def required(value, field: str, message: str) -> None:
    if value in (None, "", [], ()):
        raise ValidationError({field: message})
