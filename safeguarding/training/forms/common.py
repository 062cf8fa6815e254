"""Widgets and choices the training forms share."""

from __future__ import annotations

from django import forms

SCALE = [(str(n), str(n)) for n in range(1, 6)]
SCALE_HINT = "1 means not at all confident, 5 means very confident."


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input--width-5", **(attrs or {})}, format="%H:%M")


def choices_with_any(choices, label: str = "Any") -> list[tuple[str, str]]:
    return [("", label), *choices]
