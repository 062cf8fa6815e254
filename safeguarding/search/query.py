"""Reading what a person typed into the search box, whatever it is.

The text becomes a small tree both backends render in their own syntax: a list of clauses
that must all match, each a list of alternatives (a word or a phrase), some clauses negated.
Quotes make phrases, ``OR`` joins alternatives, a leading ``-`` leaves a word out; every
other character is only a separator, so no input can break the database's query syntax.
Abbreviations (CSE, NAI, SUDI, MASH…) are expanded through the theme vocabulary's synonyms:
an abbreviation also matches the synonym whose initials spell it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_LENGTH = 200
MAX_WORDS = 30
WORD = re.compile(r"[^\W_]+", re.UNICODE)
TOKEN = re.compile(r'"([^"]*)"|(\S+)')
SMALL_WORDS = {"of", "in", "and", "the", "for", "to", "a", "on", "with"}


class QueryError(ValueError):
    """The query cannot be searched; the message says why and how to fix it."""


@dataclass
class Clause:
    alternatives: list[tuple[str, ...]]  # each a word or a phrase (several words)
    negated: bool = False


@dataclass
class ParsedQuery:
    text: str
    clauses: list[Clause]
    notes: list[str] = field(default_factory=list)
    expansions: dict[str, list[str]] = field(default_factory=dict)

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in WORD.findall(text))


def initials(text: str) -> str:
    parts = [p for p in re.split(r"[\s\-–/]+", text) if p]
    return "".join(p[0] for p in parts if p.lower() not in SMALL_WORDS).upper()


def abbreviation_map(themes) -> dict[str, list[str]]:
    """``{"NAI": ["non-accidental injury"], ...}`` from theme names and synonyms.

    An abbreviation is a synonym written in capitals (2 to 6 letters); it expands to the
    theme's synonyms or name whose initials spell it, or to the theme's name otherwise."""
    mapping: dict[str, list[str]] = {}
    for theme in themes:
        synonyms = [line.strip() for line in (theme.synonyms or "").splitlines() if line.strip()]
        candidates = [theme.name, *synonyms]
        for synonym in synonyms:
            if not re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", synonym):
                continue
            spelled = [c for c in candidates if c != synonym and initials(c) == synonym]
            if not spelled and synonym not in theme.name.upper().split():
                spelled = [theme.name]
            for expansion in spelled:
                bucket = mapping.setdefault(synonym, [])
                if expansion.lower() not in bucket:
                    bucket.append(expansion.lower())
    return mapping


def parse(text: str | None, abbreviations: dict[str, list[str]] | None = None) -> ParsedQuery:
    text = " ".join((text or "").split())
    if not text:
        raise QueryError("Enter what you are looking for, for example “safer sleep”.")
    if len(text) > MAX_LENGTH:
        raise QueryError(
            f"Your search is {len(text)} characters long. Shorten it to {MAX_LENGTH} "
            "characters or fewer, keeping the most telling words."
        )
    notes = []
    if text.count('"') % 2:
        notes.append(
            "The quotation marks did not pair up, so we searched for the words on their own."
        )
        text_for_tokens = text.replace('"', " ")
    else:
        text_for_tokens = text
    clauses: list[Clause] = []
    join_next = False
    word_count = 0
    for match in TOKEN.finditer(text_for_tokens):
        phrase, bare = match.group(1), match.group(2)
        negated = False
        if bare is not None:
            if bare == "OR" or bare == "|":
                join_next = bool(clauses)
                continue
            if bare.startswith("-") and len(bare) > 1:
                negated = True
                bare = bare[1:]
            words = _words(bare)
            if not words:
                continue
            # A hyphenated or punctuated word ("non-accidental") is a phrase of its parts.
            alternative = words
        else:
            alternative = _words(phrase)
            if not alternative:
                continue
        word_count += len(alternative)
        if join_next and clauses and not negated and not clauses[-1].negated:
            clauses[-1].alternatives.append(alternative)
        else:
            clauses.append(Clause([alternative], negated=negated))
        join_next = False
    if word_count > MAX_WORDS:
        raise QueryError(
            f"Your search has {word_count} words. Use {MAX_WORDS} words or fewer, "
            "keeping the most telling ones."
        )
    if not clauses:
        raise QueryError(
            "Your search has no letters or numbers in it. Enter words to look for, "
            "for example “neglect”."
        )
    if not any(not c.negated for c in clauses):
        raise QueryError(
            "Add at least one word to look for, not only words to leave out "
            "(a minus sign before a word leaves it out)."
        )
    parsed = ParsedQuery(text=text, clauses=clauses, notes=notes)
    if abbreviations:
        for clause in clauses:
            extra = []
            for alternative in clause.alternatives:
                if len(alternative) != 1:
                    continue
                for expansion in abbreviations.get(alternative[0].upper(), []):
                    words = _words(expansion)
                    if words and words not in clause.alternatives and words not in extra:
                        extra.append(words)
                        parsed.expansions.setdefault(alternative[0].upper(), []).append(expansion)
            clause.alternatives.extend(extra)
    return parsed


def fts5_expression(parsed: ParsedQuery) -> str:
    """The query in SQLite FTS5 syntax; every word is quoted, so nothing is an operator."""

    def alternative(words: tuple[str, ...]) -> str:
        return '"' + " ".join(words) + '"'

    def clause(c: Clause) -> str:
        if len(c.alternatives) == 1:
            return alternative(c.alternatives[0])
        return "(" + " OR ".join(alternative(a) for a in c.alternatives) + ")"

    positive = " AND ".join(clause(c) for c in parsed.clauses if not c.negated)
    negative = [clause(c) for c in parsed.clauses if c.negated]
    if negative:
        return "(" + positive + ") NOT (" + " OR ".join(negative) + ")"
    return positive
