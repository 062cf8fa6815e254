"""Small helpers shared by the assurance services."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def required(value, field: str, message: str) -> None:
    if value in (None, "", [], ()):
        raise ValidationError({field: message})
