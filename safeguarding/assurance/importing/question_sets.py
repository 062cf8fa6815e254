"""Read a question set (standards and questions with section headings) from a file.

Tables (CSV, the first Excel sheet, the first Word table) need a ``reference`` and a
``question`` column; ``section``, ``type``, ``guidance``, ``evidence``, ``moderated`` and
``required`` are optional. A table row with only its first cell filled is a section heading.
A Word document without a table is read as a numbered list: headings (or unnumbered lines
before the first numbered one of a group) are sections, ``1.2 Text`` / ``3) Text`` lines are
questions, and a line starting ``Evidence:`` or ``Guidance:`` belongs to the question above.
A question ending ``(yes/no)`` or ``(yes/no/partly)`` is a checklist item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from safeguarding.assurance.importing.files import Document, Row, find_header, read

COLUMNS = {
    "section": ("section", "section title", "area", "theme", "domain", "heading"),
    "reference": ("reference", "ref", "number", "no", "standard number", "question number", "id"),
    "text": ("question", "standard", "text", "requirement", "statement", "question text"),
    "type": ("type", "answer type", "question type", "response type", "answer"),
    "guidance": ("guidance", "descriptor", "what good looks like", "notes", "help"),
    "evidence": ("evidence", "evidence expected", "examples of evidence", "suggested evidence"),
    "moderated": ("moderated", "moderate", "moderation"),
    "required": ("required", "mandatory"),
}
REQUIRED = ("reference", "text")

# The kinds a question can be; "rating" uses the set's scale, the checklists their own.
TYPES = {
    "": "rating",
    "rating": "rating",
    "score": "rating",
    "scale": "rating",
    "rated": "rating",
    "grade": "rating",
    "yes/no": "yes_no",
    "yes no": "yes_no",
    "y/n": "yes_no",
    "yesno": "yes_no",
    "yes/no/partly": "yes_no_partly",
    "yes/partly/no": "yes_no_partly",
    "yes no partly": "yes_no_partly",
    "yes/no/partial": "yes_no_partly",
    "text": "text",
    "free text": "text",
    "number": "number",
    "numeric": "number",
}
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0", ""}
NUMBERED = re.compile(r"^(?:(?:standard|question|q)\s*)?(\d+(?:\.\d+)*)[.):]?\s+(\S.*)$", re.I)
CHECKLIST_MARK = re.compile(r"\s*\((yes\s*/\s*no(?:\s*/\s*partly)?|y/n)\)\s*$", re.I)
FOLLOWER = re.compile(r"^(evidence|guidance)\s*:\s*(.+)$", re.I)


@dataclass
class ParsedQuestion:
    where: str
    section: str
    reference: str
    text: str
    kind: str = "rating"
    guidance: str = ""
    evidence_expected: str = ""
    moderated: bool = True
    required: bool = True


@dataclass
class ParsedSet:
    format: str
    title: str
    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def _flag(value: str, default: bool, where: str, column: str, errors: list) -> bool:
    word = value.strip().lower()
    if not word:
        return default
    if word in YES:
        return True
    if word in NO:
        return False
    errors.append({"row": where, "reason": f"{column} must be yes or no, not “{value}”."})
    return default


def _kind(value: str, where: str, errors: list) -> str:
    word = re.sub(r"\s*/\s*", "/", value.strip().lower())
    if word in TYPES:
        return TYPES[word]
    errors.append(
        {
            "row": where,
            "reason": f"the type “{value}” is not known: use rating, yes/no, yes/no/partly, "
            "text or number.",
        }
    )
    return "rating"


def _from_table(document: Document, parsed: ParsedSet) -> None:
    header = find_header(document.rows, COLUMNS, REQUIRED)
    if header is None:
        first = document.rows[0].cells if document.rows else []
        raise ValidationError(
            "The table needs a “Reference” column and a “Question” (or “Standard”) column. "
            f"The first row has: {', '.join(c for c in first if c) or 'nothing'}. Add the "
            "missing column headings and import again."
        )
    start, columns = header

    def get(row: Row, column: str) -> str:
        index = columns.get(column)
        return row.cells[index] if index is not None and index < len(row.cells) else ""

    section = ""
    for row in document.rows[start + 1 :]:
        filled = [c for c in row.cells if c]
        if len(set(filled)) == 1 and not get(row, "text"):
            section = filled[0]  # a heading row (merged cells repeat their text in Word)
            continue
        reference, text = get(row, "reference"), get(row, "text")
        if not text:
            parsed.errors.append(
                {"row": row.where, "reason": "the question is empty: fill it in or delete the row."}
            )
            continue
        if not reference:
            parsed.errors.append(
                {"row": row.where, "reason": "the reference is empty: give it a number like 1.2."}
            )
            continue
        kind = _kind(get(row, "type"), row.where, parsed.errors)
        text, kind = _checklist_mark(text, kind)
        parsed.questions.append(
            ParsedQuestion(
                where=row.where,
                section=get(row, "section") or section or "Questions",
                reference=reference[:20],
                text=text,
                kind=kind,
                guidance=get(row, "guidance"),
                evidence_expected=get(row, "evidence"),
                moderated=_flag(
                    get(row, "moderated"), kind != "text", row.where, "Moderated", parsed.errors
                ),
                required=_flag(get(row, "required"), True, row.where, "Required", parsed.errors),
            )
        )


def _checklist_mark(text: str, kind: str) -> tuple[str, str]:
    match = CHECKLIST_MARK.search(text)
    if not match:
        return text, kind
    mark = match.group(1).lower()
    return text[: match.start()].strip(), "yes_no_partly" if "partly" in mark else "yes_no"


def _from_paragraphs(document: Document, parsed: ParsedSet) -> None:
    section, auto = "Questions", 0
    section_number = 0
    last: ParsedQuestion | None = None
    for paragraph in document.paragraphs:
        follower = FOLLOWER.match(paragraph.text)
        if follower and last is not None:
            if follower.group(1).lower() == "evidence":
                last.evidence_expected = follower.group(2).strip()
            else:
                last.guidance = follower.group(2).strip()
            continue
        match = NUMBERED.match(paragraph.text) if not paragraph.heading else None
        if paragraph.heading or (match is None and not paragraph.numbered):
            if paragraph.heading or len(paragraph.text) <= 120:
                section = re.sub(r"^\d+[.)]?\s+", "", paragraph.text) or paragraph.text
                section_number, auto, last = section_number + 1, 0, None
            continue
        if match is not None:
            reference, text = match.group(1), match.group(2).strip()
        else:  # a Word auto-numbered list item: the number is not in the text
            auto += 1
            reference, text = f"{max(section_number, 1)}.{auto}", paragraph.text
        text, kind = _checklist_mark(text, "rating")
        last = ParsedQuestion(
            where=paragraph.where, section=section, reference=reference[:20], text=text, kind=kind
        )
        parsed.questions.append(last)
    if not parsed.questions:
        raise ValidationError(
            "No questions were found. Put them in a table with “Reference” and “Question” "
            "columns, or as a numbered list (like “1.1 The organisation has…”) under section "
            "headings."
        )


def parse_question_set(content: bytes, name: str = "") -> ParsedSet:
    """The questions in the file, with every row's problems (nothing is written here)."""
    document = read(content, name)
    parsed = ParsedSet(format=document.format, title=document.title)
    if document.rows:
        _from_table(document, parsed)
    else:
        _from_paragraphs(document, parsed)
    seen: dict[str, str] = {}
    for question in parsed.questions:
        if question.reference in seen:
            parsed.errors.append(
                {
                    "row": question.where,
                    "reason": f"the reference {question.reference} is used twice (also at "
                    f"{seen[question.reference]}): give each question its own reference.",
                }
            )
        seen.setdefault(question.reference, question.where)
    return parsed
