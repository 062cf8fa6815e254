"""Suggesting practice themes for a piece of text, with the reasons, from the vocabulary.

Transparent rules, no model: a theme is suggested when its name or one of its synonyms
appears in the text (whole words, a plural ending allowed, case ignored — except short
abbreviations such as DA or TA, which must be written in capitals to count). Each match
adds to the theme's score — the name counts most, a longer phrase more than a single word —
and the reasons are the words that matched, so a person can see why and accept or reject
each one. Nothing is tagged until a person accepts it. ADR 0026 and
``docs/theme-suggestions.md`` describe how the rules were measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MIN_SCORE = 1.0
NAME_WEIGHT = 2.0
PHRASE_WEIGHT = 1.5
WORD_WEIGHT = 1.0
# Synonyms too common in safeguarding writing to say anything about a theme on their own.
TOO_COMMON = {
    "contact",
    "referral",
    "challenge",
    "school",
    "training",
    "police",
    "procedures",
    "delay",
    "culture",
    "faith",
    "absent",
    "consent",
    "evaluation",
    "attendance",
    "injuries",
    "governance",
    "exclusion",
    "curiosity",
    "escalation",
    "fathers",
}


@dataclass
class Suggestion:
    slug: str
    name: str
    score: float
    because: list[str] = field(default_factory=list)
    theme_id: int | None = None

    def as_dict(self) -> dict:
        return {"slug": self.slug, "score": round(self.score, 2), "because": self.because}


def _pattern(phrase: str) -> re.Pattern | None:
    words = re.findall(r"[^\W_]+", phrase)
    if not words:
        return None
    abbreviation = len(words) == 1 and phrase.isupper() and len(phrase) <= 6
    parts = []
    for word in words:
        plural = not abbreviation and len(word) > 3 and word.lower().endswith("s")
        stem = re.escape(word[:-1] if plural else word)
        parts.append(stem + (r"(?:s|es|'s)?" if not abbreviation else ""))
    body = r"[\s\-–/']+".join(parts)
    flags = 0 if abbreviation else re.IGNORECASE
    return re.compile(r"(?<![^\W_])" + body + r"(?![^\W_])", flags)


@dataclass
class _Rule:
    theme_id: int
    slug: str
    name: str
    phrases: list[tuple[str, re.Pattern, float]]


def build_rules(themes) -> list[_Rule]:
    rules = []
    for theme in themes:
        synonyms = [s.strip() for s in (theme.synonyms or "").splitlines() if s.strip()]
        phrases = []
        seen = set()
        for phrase, weight in [(theme.name, NAME_WEIGHT)] + [
            (s, PHRASE_WEIGHT if len(s.split()) > 1 else WORD_WEIGHT) for s in synonyms
        ]:
            key = phrase.lower()
            if key in seen or key in TOO_COMMON:
                continue
            seen.add(key)
            pattern = _pattern(phrase)
            if pattern is not None:
                phrases.append((phrase, pattern, weight))
        rules.append(_Rule(theme.pk, theme.slug, theme.name, phrases))
    return rules


def suggest_from_rules(text: str, rules: list[_Rule], *, limit: int = 6) -> list[Suggestion]:
    suggestions = []
    for rule in rules:
        score = 0.0
        because = []
        for _phrase, pattern, weight in rule.phrases:
            found = pattern.search(text)
            if found:
                score += weight
                because.append(found.group(0))
        if score >= MIN_SCORE:
            suggestions.append(Suggestion(rule.slug, rule.name, score, because, rule.theme_id))
    suggestions.sort(key=lambda s: (-s.score, s.name))
    return suggestions[:limit]


def suggest_themes(text: str, *, limit: int = 6, exclude_ids=()) -> list[Suggestion]:
    """Suggested active themes for ``text``, best first, each with the words that matched."""
    from safeguarding.planning.models import Theme

    themes = (
        Theme.objects.active().exclude(pk__in=list(exclude_ids)).only("name", "slug", "synonyms")
    )
    return suggest_from_rules(text or "", build_rules(themes), limit=limit)


SUGGEST_BUTTON = "suggest-themes"


def form_theme_suggestions(form, text_field: str, themes_field: str = "themes"):
    """Suggestions for the text a form holds (what was typed, or the saved record's), leaving
    out the themes already ticked. A form's "Suggest themes" button posts ``SUGGEST_BUTTON``
    so the view shows them without saving anything."""
    if form.is_bound:
        text = form.data.get(form.add_prefix(text_field), "")
        chosen = form.data.getlist(form.add_prefix(themes_field))
    else:
        instance = getattr(form, "instance", None)
        text = form.initial.get(text_field) or getattr(instance, text_field, "") or ""
        chosen = (
            [t.pk for t in instance.themes.all()]
            if instance is not None and instance.pk and hasattr(instance, "themes")
            else []
        )
    chosen_ids = [int(pk) for pk in chosen if str(pk).isdigit()]
    return suggest_themes(str(text), exclude_ids=chosen_ids) if text else []
