"""Recognising meeting headings (a date on a short line) and message titles."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from safeguarding.governance.importing.blocks import (
    MAX_TITLE_CHARS,
    MAX_TITLE_WORDS,
    Block,
    Seg,
    _normalise_space,
    _split_segs,
    plain,
)

# Meeting headings ----------------------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = [
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_MEETING_WORDS = re.compile(
    r"\b(meetings?|board|executive|committee|sub-?committee|sub-?group|group|partnership|"
    r"partners|panel|forum|held|session|assembly|key messages?|conference|summit|"
    r"steering|strategic|council|network)\b",
    re.I,
)
_FILLER = re.compile(
    r"\b(on|the|of|from|at|dated|date|held|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b",
    re.I,
)
_SENTENCE_VERBS = re.compile(
    r"\b(agreed|discussed|considered|received|heard|noted|approved|met|following|were|was)\b",
    re.I,
)
_SEPARATORS = " \t-–—:,;|()[]/"


@dataclass(frozen=True)
class MeetingHeading:
    date: datetime.date
    precision: str  # "day" or "month"
    title: str


def find_date(text: str, start: int = 0) -> tuple[datetime.date, str, re.Match] | None:
    """The first date in the text from ``start`` (the earliest match of any pattern), with
    its precision ("day" or "month") and the match."""
    found = []
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text, start)
        if match is None:
            continue
        parts = match.groupdict()
        month_text = parts["month"].lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        try:
            year = int(parts["year"])
            day = int(parts["day"]) if parts.get("day") else 1
            date = datetime.date(year, month, day)
        except (TypeError, ValueError):
            continue
        found.append((match.start(), -len(match.group(0)), date, parts, match))
    if not found:
        return None
    _, _, date, parts, match = min(found, key=lambda f: (f[0], f[1]))
    return date, "day" if parts.get("day") else "month", match


def _meeting_heading(text: str) -> MeetingHeading | None:
    text = text.strip()
    if not text or len(text) > MAX_TITLE_CHARS or len(text.split()) > MAX_TITLE_WORDS:
        return None
    if text.endswith((".", "!", "?", ";")) and not re.search(r"\b[A-Z][a-z]{2}\.$", text):
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        parts = match.groupdict()
        month_text = parts["month"].lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        try:
            year = int(parts["year"])
            day = int(parts["day"]) if parts.get("day") else 1
            date = datetime.date(year, month, day)
        except (TypeError, ValueError):
            return None
        precision = "day" if parts.get("day") else "month"
        leftover = (text[: match.start()] + " " + text[match.end() :]).strip(_SEPARATORS + " ")
        if leftover and not _MEETING_WORDS.search(leftover):
            return None
        if _SENTENCE_VERBS.search(leftover):
            return None  # “At its meeting on 5 March 2025 the Board agreed:” is a sentence
        return MeetingHeading(date, precision, meeting_title_from(leftover))
    return None


def meeting_title_from(leftover: str) -> str:
    """“Key messages from the Executive meeting held on” → “Executive meeting”."""
    title = re.sub(r"^key messages?\s+(from|of)\s+(the\s+)?", "", leftover, flags=re.I)
    words = title.strip(_SEPARATORS + " ").split()
    while words and _FILLER.fullmatch(words[-1].strip(_SEPARATORS)):
        words.pop()
    while words and _FILLER.fullmatch(words[0].strip(_SEPARATORS)):
        words.pop(0)
    title = " ".join(words).strip(_SEPARATORS + " ")
    return title[:1].upper() + title[1:]


# Titles --------------------------------------------------------------------------------------

_INLINE_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[–—]\s+|:\s+")
_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}


def _is_title_text(text: str) -> bool:
    text = text.strip()
    return (
        bool(text)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "‘“'\"(")
        and len(text.split()) <= MAX_TITLE_WORDS
        and len(text) <= MAX_TITLE_CHARS
        and not re.search(r"[.!?]\s", text)
        and not text.endswith((".", ","))
    )


def _is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’']*", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[0].isupper() for w in words)


def inline_title(block: Block) -> tuple[str, list[Seg]] | None:
    """(title, body segments) when a block starts with a title: a bold lead-in, or a short
    phrase followed by a dash or a colon and more text."""
    raw = "".join(s.text for s in block.segs)
    visible = [s for s in block.segs if s.text.strip()]
    if visible and visible[0].bold and not block.all_bold:
        lead_length = 0
        for seg in block.segs:
            if seg.text.strip() and not seg.bold:
                break
            lead_length += len(seg.text)
        lead = raw[:lead_length]
        rest = raw[lead_length:]
        separator = re.match(r"^\s*([-–—:]\s*)?", rest)
        title = _normalise_space(lead).strip().rstrip(":–—-. ").strip()
        if _is_title_text(title) and plain(block.segs)[len(title) :].strip(" -–—:"):
            body = _split_segs(block.segs, 0, lead_length + separator.end())[1]
            return title, body
    separators = list(_INLINE_SEPARATOR.finditer(raw))
    if not separators:
        return None
    first = separators[0]
    title = raw[: first.start()]
    if not _is_title_text(_normalise_space(title)):
        return None
    chosen = first
    for following in separators[1:]:
        segment = raw[chosen.end() : following.start()]
        candidate = raw[: following.start()]
        if (
            len(segment.split()) <= 6
            and _is_title_case(segment)
            and _is_title_text(_normalise_space(candidate))
        ):
            chosen = following
        else:
            break
    body = _split_segs(block.segs, 0, chosen.end())[1]
    if len(plain(body).split()) < 2:
        return None
    return _normalise_space(raw[: chosen.start()]).strip(), body


def _bold_lead(block: Block) -> bool:
    """The block opens with bold words and goes on in normal text (a bold lead-in title)."""
    visible = [s for s in block.segs if s.text.strip()]
    return bool(visible) and visible[0].bold and not block.all_bold


def _is_heading(block: Block) -> bool:
    text = block.text
    if block.kind == "heading":
        return bool(text)
    if block.kind != "paragraph":
        return False
    if len(text.split()) > MAX_TITLE_WORDS or len(text) > MAX_TITLE_CHARS:
        return False
    if block.all_bold:
        return not text.endswith((".", ","))
    return _is_title_text(text) and not text.endswith((":", ";", "!"))


def _derived_title(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].rstrip(".!?")
    words = sentence.split()
    if len(words) <= 12:
        return sentence
    return " ".join(words[:8]) + "…"
