"""Rating scales written as text: ``0=Not in place; 1=Emerging; 2=Established; 3=Embedded``.

Used by the question-set importer (``--scale`` and the import page) so a business unit can
bring any scale: any number of levels, with or without 0, a maturity continuum with a
descriptor per level, or a yes/no checklist. Each level is ``VALUE=LABEL``, optionally followed
by ``: descriptor`` and an outcome in square brackets (``[met]``, ``[partly]``, ``[not met]``);
levels are separated by semicolons or new lines. Without outcomes, the lowest level counts as
not met, the highest as met and the ones between as partly met.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from safeguarding.assurance.library import MET_SCALE
from safeguarding.assurance.models import ScaleKind

COLOURS = {"met": "green", "partly": "amber", "not_met": "red"}
OUTCOME_WORDS = {
    "met": "met",
    "fully met": "met",
    "partly": "partly",
    "partly met": "partly",
    "partial": "partly",
    "not met": "not_met",
    "not_met": "not_met",
}

PRESETS: dict[str, dict] = {
    "met": {**MET_SCALE, "kind": ScaleKind.SCORE},
    "yes-no": {
        "name": "Yes or no",
        "description": "A checklist item: yes, or no (with evidence).",
        "kind": ScaleKind.YES_NO,
        "levels": [
            (0, "No", "red", "not_met", "Not in place."),
            (1, "Yes", "green", "met", "In place, with evidence."),
        ],
    },
    "yes-no-partly": {
        "name": "Yes, partly or no",
        "description": "A checklist item: yes, partly or no (with evidence).",
        "kind": ScaleKind.YES_NO_PARTLY,
        "levels": [
            (0, "No", "red", "not_met", "Not in place."),
            (1, "Partly", "amber", "partly", "Partly in place."),
            (2, "Yes", "green", "met", "In place, with evidence."),
        ],
    },
}

LEVEL = re.compile(r"^\s*(-?\d+)\s*[=:\-–]\s*(.+?)\s*$")
OUTCOME = re.compile(r"\[\s*([a-z_ ]+?)\s*\]\s*$", re.IGNORECASE)


def parse_scale(text: str, *, name: str = "Rating scale") -> dict:
    """The scale spec (as in library.py) from its text, or a preset's name. Refuses duplicate
    levels or labels, fewer than two levels and unreadable parts, saying how to fix them."""
    text = (text or "").strip()
    if text.lower() in PRESETS:
        return PRESETS[text.lower()]
    parts = [p for p in re.split(r"[;\n]", text) if p.strip()]
    if len(parts) < 2:
        raise ValidationError(
            {
                "scale": "Give at least two levels, like “0=Not met; 1=Partly met; 2=Met”, or "
                "one of: " + ", ".join(PRESETS) + "."
            }
        )
    levels, seen_values, seen_labels, problems = [], set(), set(), []
    for part in parts:
        outcome = None
        match = OUTCOME.search(part)
        if match:
            outcome = OUTCOME_WORDS.get(match.group(1).lower())
            if outcome is None:
                problems.append(
                    f"“{part.strip()}”: the outcome in brackets must be [met], [partly] or "
                    "[not met]."
                )
                continue
            part = part[: match.start()]
        found = LEVEL.match(part)
        if not found:
            problems.append(
                f"“{part.strip()}” is not a level: write it as a number, “=” and the label, "
                "like “2=Good”."
            )
            continue
        value = int(found.group(1))
        label, _, description = found.group(2).partition(":")
        label, description = label.strip()[:60], description.strip()
        if value in seen_values:
            problems.append(f"The scale has level {value} twice: give each level its own number.")
            continue
        if label.lower() in seen_labels:
            problems.append(
                f"The scale has the label “{label}” twice: give each level its own label."
            )
            continue
        seen_values.add(value)
        seen_labels.add(label.lower())
        levels.append([value, label, outcome, description])
    if problems:
        raise ValidationError({"scale": problems})
    levels.sort(key=lambda level: level[0])
    for index, level in enumerate(levels):
        if level[2] is None:
            level[2] = "not_met" if index == 0 else "met" if index == len(levels) - 1 else "partly"
    kind = ScaleKind.MATURITY if any(level[3] for level in levels) else ScaleKind.SCORE
    return {
        "name": name,
        "description": "; ".join(f"{v} {label}" for v, label, _, _ in levels),
        "kind": kind,
        "levels": [
            (value, label, COLOURS[outcome], outcome, description)
            for value, label, outcome, description in levels
        ],
    }
