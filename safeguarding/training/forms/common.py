"""Widgets and choices the training forms share."""

from __future__ import annotations

SCALE = [(str(n), str(n)) for n in range(1, 6)]
SCALE_HINT = "1 means not at all confident, 5 means very confident."


def choices_with_any(choices, label: str = "Any") -> list[tuple[str, str]]:
    return [("", label), *choices]
