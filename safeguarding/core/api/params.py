"""Query parameters and ids in the API, checked in one place.

Every list filter that takes an id reads it through :func:`id_param`, so a value that is not a
whole number, or one too large for the database (PostgreSQL ``bigint`` and SQLite ``INTEGER``
are both signed 64-bit), is a 400 naming the parameter instead of a 500 from the database.
:func:`id_filter` documents the same range in the OpenAPI document.
"""

from __future__ import annotations

from collections.abc import Mapping

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

#: The largest id either database can hold (signed 64-bit).
MAX_ID = 2**63 - 1


def id_message(label: str) -> str:
    return f"Enter {label} as a whole number from 1 to {MAX_ID}, like 12."


def parse_id(raw: object, *, field: str, label: str = "an id") -> int:
    """``raw`` as an id, or a 400 naming ``field``."""
    text = str(raw).strip()
    # The length first: Python refuses to convert strings of more than 4,300 digits.
    if len(text) <= len(str(MAX_ID)) and looks_like_id(text) and 1 <= int(text) <= MAX_ID:
        return int(text)
    raise serializers.ValidationError({field: [id_message(label)]})


def looks_like_id(raw: str) -> bool:
    """Digits only (ASCII): the caller gave an id rather than a key or a slug."""
    text = raw.strip()
    return bool(text) and text.isascii() and text.isdigit()


def id_param(params: Mapping[str, str], name: str, *, label: str = "an id") -> int | None:
    """The query parameter ``name`` as an id; None when it is absent or empty."""
    raw = params.get(name, "")
    if not str(raw).strip():
        return None
    return parse_id(raw, field=name, label=label)


def id_filter(name: str, description: str = "") -> OpenApiParameter:
    """A list filter that takes an id, documented with the range :func:`id_param` accepts."""
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        description=description,
    )


class IdField(serializers.IntegerField):
    """An id in a request body: a whole number the database can hold, or a 400 naming it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
        message = id_message("an id")
        self.error_messages = {
            **self.error_messages,
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "max_string_length": message,
        }
