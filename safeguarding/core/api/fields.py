"""Serializer fields the API shares, so that the OpenAPI document says what is returned."""

from __future__ import annotations

from rest_framework import serializers


class EmailOrNullField(serializers.EmailField):
    """An optional e-mail address, read only: null when none was given (never ``""``, which is
    not an e-mail address)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None
