"""From blocks to meetings and their messages, whatever format the blocks came from."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from safeguarding.governance.importing.blocks import (
    MAX_TITLE_WORDS,
    Block,
    DocumentError,
    Seg,
    _as_item_if_marked,
    _escape,
    to_markdown,
)
from safeguarding.governance.importing.headings import (
    MeetingHeading,
    _bold_lead,
    _derived_title,
    _is_heading,
    _is_title_text,
    _meeting_heading,
    find_date,
    inline_title,
    meeting_title_from,
)
from safeguarding.governance.importing.messages import ImportedMessage, title_key
from safeguarding.governance.importing.readers import read_document, read_text

# Structure -----------------------------------------------------------------------------------


@dataclass
class _Draft:
    title: str
    origin: str  # "heading", "inline", "intro" or "list"
    parts: list[tuple[str, bool, int | None, str]] = field(default_factory=list)
    fallback: tuple[str, list[Seg]] | None = None
    derived: bool = False
    line: int = 0

    def add_paragraph(self, markdown: str) -> None:
        if markdown:
            self.parts.append(("paragraph", False, None, markdown))

    def add_item(self, markdown: str, ordered: bool, number: int | None) -> None:
        if markdown:
            self.parts.append(("item", ordered, number, markdown))

    def body(self) -> str:
        out: list[str] = []
        previous = None
        counter = 0
        for kind, ordered, number, text in self.parts:
            if kind == "paragraph":
                out.append(("\n\n" if out else "") + text)
                previous = None
                continue
            style = "ol" if ordered else "ul"
            if previous != style:
                out.append("\n\n" if out else "")
                counter = number or 1
            else:
                out.append("\n")
                counter = number or counter + 1
            out.append(f"{counter}. {text}" if ordered else f"- {text}")
            previous = style
        return "".join(out).strip()


@dataclass
class ParsedMessage:
    title: str
    body: str
    derived: bool = False
    line: int = 0


@dataclass
class ParsedMeeting:
    heading: MeetingHeading
    messages: list[ParsedMessage] = field(default_factory=list)
    date_note: str = ""


@dataclass
class SourceLine:
    """One block of the document and what the reader made of it, for the review page."""

    line: int
    text: str
    role: str  # "meeting", "title", "body", "left_out" or "outside"
    note: str = ""
    message: tuple[int, int] | None = None  # (meeting index, message index)


@dataclass
class Reading:
    """What one document holds: its messages, each block's role, and notes on reading it."""

    messages: list[ImportedMessage]
    lines: list[dict]
    notes: list[str] = field(default_factory=list)
    where: str = "line"  # "line" for text files, "paragraph" for Word and web pages


# Lines that are not messages ------------------------------------------------------------------

NEXT_MEETING = "the date of the next meeting, not a message"
ATTENDANCE = "who attended or sent apologies, not a message"
CONTACT = "contact details, not a message"
PEOPLE = "a change of people (arrivals, departures, appointments), not a message"
READING_NOTE = "a note about reading or sharing the messages, not a message"
LEAD_IN = "introduces the messages that follow"
OUTSIDE_SECTION = "not in the board update or key messages section of the document"
EDITION_NOTE = "no meeting date in the document: the date of the edition is used"
SECTION_HEADING = "the heading of the key messages section, not a message"
BEFORE_MEETING = "before the first meeting heading (the document's title or introduction)"

_NEXT_MEETING = re.compile(
    r"^(date\s+(and\s+time\s+)?of\s+)?(the\s+)?next\s+([\w-]+\s+){0,3}meeting\b"
    r"|\bnext\s+([\w-]+\s+){0,3}meeting\s+(will\s+be|is)\b|\bwill\s+(next\s+)?meet\s+again\b"
    r"|^future\s+meeting\s+dates?\b",
    re.I,
)
_ATTENDANCE = re.compile(
    r"^(apologies|apologies\s+for\s+absence|present|attendees|attendance|in\s+attendance|"
    r"members\s+present|chaired\s+by|chair)\s*[:\-–]?(\s|$)",
    re.I,
)
_CONTACT_START = re.compile(
    r"^(contact(\s+us|\s+details)?|get\s+in\s+touch|for\s+(more|further)\s+information|"
    r"further\s+information|enquiries|address|telephone|tel|email|e-mail|website|"
    r"follow\s+us|find\s+us)\b",
    re.I,
)
_CONTACT_ANYWHERE = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\b(tel|telephone|phone)\b\.?:?\s*[\d(+]|"
    r"\b0\d{2,4}\s?\d{3}\s?\d{3,4}\b",
    re.I,
)
_PEOPLE = re.compile(
    r"^(welcome\s+to\s+(our\s+)?new|farewell|goodbye|thank\s+you\s+and\s+goodbye)\b|"
    r"\b(retir(ed|es|ing|ement)|stepp(ed|ing|s)\s+down|(has|have)\s+left\s+(the|us|her|his|their)|"
    r"(is|are)\s+leaving\s+the|(has|have)\s+joined\s+(us|the\s+(board|partnership|executive|team))|"
    r"(has|have)\s+been\s+appointed|new\s+(independent\s+)?(chair|scrutineer|business\s+manager|"
    r"members?\s+of\s+the\s+(board|executive)))\b",
    re.I,
)
_READING_NOTE = re.compile(
    r"^(please\s+)?(read|share|cascade|circulate|disseminate|discuss)\b.{0,80}"
    r"\b(key\s+messages|these\s+messages|this\s+(briefing|newsletter|update|bulletin)|"
    r"(your|their)\s+(teams?|staff|colleagues|organisations?))\b|"
    r"^(managers|practitioners|staff|partners|colleagues)\s+(are\s+asked|should|must)\s+(to\s+)?"
    r"(read|share|cascade|circulate|discuss)\b|"
    r"^(these|the)\s+key\s+messages\s+(are|should|must|will|can|may)\b|"
    r"^(please\s+note|note)\s*[:\-–]|"
    r"^(this|these)\s+(briefing|key\s+messages?|update|summary)s?\s+(is|are)\s+(for|intended|"
    r"not\s+minutes|a\s+summary)\b",
    re.I,
)
_LEAD_IN = re.compile(
    r"\b(key\s+messages|the\s+following|following\s+(points|messages|items|areas|matters)|"
    r"agreed|discussed|considered|heard|received|highlights?|main\s+points|"
    r"summary\s+of|updates?\s+(were|was)\s+(given|received))\b",
    re.I,
)
_DATE_OF_MEETING = re.compile(
    r"^(date\s+of\s+(the\s+)?meeting|meeting\s+date|date\s+of\s+(the\s+)?board|"
    r"meeting\s+held|date)\s*[:\-–]\s*(?P<rest>.+)$",
    re.I,
)


def left_out_reason(block: Block) -> str | None:
    """Why a block is not a key message (contact details, the next meeting's date, who
    attended, a change of people, a note about reading the messages), or None."""
    text = block.text
    words = len(text.split())
    if _NEXT_MEETING.search(text) and words <= 40:
        return NEXT_MEETING
    if _ATTENDANCE.match(text):
        return ATTENDANCE
    if _CONTACT_START.match(text) and words <= 40:
        return CONTACT
    if _CONTACT_ANYWHERE.search(text) and words <= 25:
        return CONTACT
    if _PEOPLE.search(text) and words <= 60:
        return PEOPLE
    if _READING_NOTE.search(text) and words <= 60:
        return READING_NOTE
    return None


# Newsletters: the section with the board's messages, the edition, dates in sentences -----------

_SECTION = re.compile(
    r"\b(board\s+update|update\s+from\s+the\s+([\w-]+\s+){0,3}(board|partnership|executive)|"
    r"(partnership|executive|board)\s+(news|update|updates|briefing|round-?up)|key\s+messages?|"
    r"news\s+from\s+the\s+([\w-]+\s+){0,3}(board|partnership|executive)|from\s+the\s+board|"
    r"board\s+highlights|chair'?s\s+(update|message|report))\b",
    re.I,
)
_OTHER_SECTION = re.compile(
    r"^(training|events?|dates\s+for\s+(your\s+)?diary|diary\s+dates|learning|resources|"
    r"other\s+news|news\s+in\s+brief|in\s+this\s+(issue|edition)|contact|useful\s+links|courses|"
    r"upcoming|vacancies|spotlight|case\s+study|podcasts?|and\s+finally|feedback|"
    r"safeguarding\s+adults\s+week|campaigns?|practice\s+(tips?|guidance)|research|"
    r"national\s+(news|updates?)|multi-agency\s+training)\b",
    re.I,
)
_EDITION = re.compile(
    r"\b(newsletter|edition|issue|digest|bulletin|briefing|update|round-?up|news)\b", re.I
)
_SEASON = re.compile(r"\b(spring|summer|autumn|winter)\s+(?P<year>(?:19|20)\d{2})\b", re.I)
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_MET = re.compile(r"\b(met|meeting|meetings|convened|meet)\b", re.I)
_MEETING_NAME = re.compile(
    r"((?:[A-Z][\w’'-]+\s+){0,5}(?:Board|Executive|Partnership|Committee|Group|Forum|Panel))"
    r"(?:\s+\([A-Z]+\))?\s+(?:met|meeting)\b"
)


def _style(block: Block) -> tuple | None:
    """How a section heading looks, so the next heading that looks the same ends it."""
    text = block.text
    if block.explicit and block.level:
        return ("level", block.level)
    if text.isupper() and any(c.isalpha() for c in text):
        return ("caps",)
    if block.all_bold:
        return ("bold",)
    return None


def _heading_like(block: Block) -> bool:
    return block.kind != "item" and (block.kind == "heading" or _is_heading(block))


def _ends_section(block: Block, style: tuple | None) -> bool:
    """A heading that starts another part of a newsletter: one of the same level, for formats
    with levels; otherwise a short heading naming a usual newsletter section (training,
    events, resources, contact…)."""
    if not _heading_like(block) or _meeting_heading(block.text) or _SECTION.search(block.text):
        return False
    if style is not None and style[0] == "level":
        return block.explicit and 0 < block.level <= style[1]
    return len(block.text.split()) <= 4 and bool(_OTHER_SECTION.match(block.text))


def _in_sections(blocks: list[Block]) -> list[bool] | None:
    """Which blocks are in a “board update” or “key messages” section, when the document is a
    newsletter with such a section among others; None when the whole document is read."""
    starts = [
        i
        for i, b in enumerate(blocks)
        if _heading_like(b) and _SECTION.search(b.text) and i + 1 < len(blocks)
    ]
    if not starts:
        return None
    inside = [False] * len(blocks)
    style = None
    on = False
    ended_any = False
    for i, block in enumerate(blocks):
        if i in starts and not on:
            on = True
            style = _style(block)
        elif on and _ends_section(block, style):
            on = False
            ended_any = True
        inside[i] = on
    before = any(b.text for b in blocks[: starts[0]] if _heading_like(b))
    if not ended_any and not before:
        return None  # a key-messages document with a title: read it all
    return inside


def edition_date(blocks: list[Block]) -> tuple[int, MeetingHeading] | None:
    """The date of a newsletter's edition, from its first lines (“Spring 2025”, “Issue 12 –
    March 2025”, “Newsletter, 14 May 2025”)."""
    for index, block in enumerate(blocks[:8]):
        text = block.text
        if len(text.split()) > 20:
            continue
        season = _SEASON.search(text)
        if season:
            month = _SEASON_MONTH[season.group(1).lower()]
            date = datetime.date(int(season.group("year")), month, 1)
            return index, MeetingHeading(date, "month", "")
        if _EDITION.search(text):
            found = find_date(text)
            if found:
                return index, MeetingHeading(found[0], found[1], "")
    return None


def meeting_in_sentence(text: str) -> tuple[MeetingHeading, str] | None:
    """A meeting date inside a sentence (“at its meeting on 5 March 2025”, “The Board met on
    5 March 2025”), with the text that follows the sentence."""
    if len(text.split()) <= 3:
        return None
    found = find_date(text)
    while found is not None:
        date, precision, match = found
        before = text[max(0, match.start() - 70) : match.start()]
        after = text[match.end() : match.end() + 40]
        sentence_before = re.split(r"[.!?]\s", before)[-1]
        sentence_after = re.split(r"[.!?](\s|$)", after)[0]
        if (_MET.search(sentence_before) or _MET.search(sentence_after)) and not re.search(
            r"\bnext\b|\bwill\b", sentence_before + " " + sentence_after, re.I
        ):
            name = _MEETING_NAME.search(sentence_before + text[match.end() :][:60])
            title = meeting_title_from(name.group(1)) if name else ""
            end = re.search(r"[.!?:](\s|$)", text[match.end() :])
            rest = text[match.end() + end.end() :].strip() if end else ""
            return MeetingHeading(date, precision, title), rest
        found = find_date(text, match.end())
    return None


# Structure ------------------------------------------------------------------------------------


def _looks_like_title_item(block: Block, previous: Block | None, following: Block | None) -> bool:
    """“1. Online harm” on its own, with its text in the paragraph under it."""
    text = block.text
    return (
        block.kind == "item"
        and (previous is None or previous.kind != "item")
        and following is not None
        and following.kind == "paragraph"
        and not _is_heading(following)
        and _meeting_heading(following.text) is None
        and _is_title_text(text)
        and not text.endswith(":")
        and inline_title(block) is None
    )


class _Reader:
    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.meetings: list[ParsedMeeting] = []
        self.meeting: ParsedMeeting | None = None
        self.draft: _Draft | None = None
        self.roles: dict[int, tuple[str, str]] = {}
        self.owner: dict[int, _Draft] = {}
        self.placed: dict[int, tuple[int, int]] = {}  # id(draft) → (meeting, message)
        self.split_items = False
        self.skipping: str | None = None

    def role(self, index: int, role: str, note: str = "", draft: _Draft | None = None) -> None:
        self.roles[index] = (role, note)
        if draft is not None:
            self.owner[index] = draft

    def close(self) -> None:
        draft, meeting = self.draft, self.meeting
        self.draft = None
        if draft is None or meeting is None:
            return
        body = draft.body()
        title = draft.title
        if not body and draft.fallback is not None:
            title, segs = draft.fallback
            body = to_markdown(segs)
        if not body and draft.origin == "heading":
            return
        if not (body and title):
            return
        key = title_key(title)
        meeting_index = self.meetings.index(meeting)
        for index, existing in enumerate(meeting.messages):
            if title_key(existing.title) == key:
                existing.body = f"{existing.body}\n\n{body}"
                self.placed[id(draft)] = (meeting_index, index)
                return
        meeting.messages.append(
            ParsedMessage(title.rstrip(":").strip(), body, draft.derived, draft.line)
        )
        self.placed[id(draft)] = (meeting_index, len(meeting.messages) - 1)

    def start_meeting(self, heading: MeetingHeading, note: str = "") -> None:
        self.close()
        found = next((m for m in self.meetings if m.heading == heading), None)
        if found is None:
            found = ParsedMeeting(heading, date_note=note)
            self.meetings.append(found)
        self.meeting = found
        self.split_items = False
        self.skipping = None

    def new_draft(self, index: int, title: str, origin: str, *, derived=False, fallback=None):
        self.close()
        self.draft = _Draft(title, origin, fallback=fallback)
        self.draft.derived = derived
        self.draft.line = self.blocks[index].line
        return self.draft

    def read(self) -> list[ParsedMeeting]:
        blocks = self.blocks
        inside = _in_sections(blocks)
        has_meeting = any(
            (inside is None or inside[i])
            and (
                (b.kind != "item" and _meeting_heading(b.text))
                or (b.kind == "paragraph" and meeting_in_sentence(b.text))
            )
            and left_out_reason(b) is None
            for i, b in enumerate(blocks)
        )
        edition = None if has_meeting else edition_date(blocks)
        for index, block in enumerate(blocks):
            if edition is not None and index == edition[0]:
                self.start_meeting(edition[1], EDITION_NOTE)
                self.role(index, "meeting", EDITION_NOTE)
                continue
            if inside is not None and not inside[index]:
                self.close()
                self.role(index, "outside", OUTSIDE_SECTION)
                continue
            self.read_block(index, block, edition[1] if edition else None)
        self.close()
        return [m for m in self.meetings if m.messages]

    def read_block(self, index: int, block: Block, edition: MeetingHeading | None) -> None:
        blocks = self.blocks
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous = blocks[index - 1] if index else None
        text = block.text
        if not text:
            return
        reason = left_out_reason(block)
        date_line = _DATE_OF_MEETING.match(text)
        if date_line and reason is None:
            found = find_date(date_line.group("rest"))
            if found:
                if self.meeting is not None and self.meeting.heading.date == found[0]:
                    self.role(index, "meeting", "the meeting's date, as in its heading")
                    return
                title = self.meeting.heading.title if self.meeting else ""
                self.start_meeting(MeetingHeading(found[0], found[1], title))
                self.role(index, "meeting", "the meeting's date")
                return
        if reason is not None:
            self.close()
            self.role(index, "left_out", reason)
            if _heading_like(block) and block.kind == "heading" or block.all_bold:
                self.skipping = reason
            return
        heading = _meeting_heading(text) if block.kind != "item" else None
        if heading is not None:
            self.start_meeting(heading)
            self.role(index, "meeting")
            return
        if block.kind == "paragraph" and not _is_heading(block):
            in_sentence = meeting_in_sentence(text)
            if in_sentence is not None:
                heading, rest = in_sentence
                self.start_meeting(heading, "the meeting date was read from a sentence")
                self.role(index, "meeting", "the meeting date was read from a sentence")
                self.split_items = True
                if len(rest.split()) >= 8:
                    draft = self.new_draft(index, _derived_title(rest), "inline", derived=True)
                    draft.add_paragraph(to_markdown([Seg(rest)]))
                    self.role(
                        index,
                        "meeting",
                        "the meeting date was read from a sentence; "
                        "the rest of the paragraph is a message",
                        draft,
                    )
                return
        if self.meeting is None:
            if edition is None:
                self.role(index, "outside", BEFORE_MEETING)
                return
            self.start_meeting(edition, EDITION_NOTE)
        if self.skipping is not None:
            if block.kind == "heading" or (_is_heading(block) and block.all_bold):
                self.skipping = None
            else:
                self.role(index, "left_out", self.skipping)
                return
        if (
            self.draft is None
            and block.kind == "paragraph"
            and text.endswith(":")
            and _LEAD_IN.search(text)
            and (following is not None and following.kind == "item")
        ):
            self.close()
            self.role(index, "left_out", LEAD_IN)
            self.split_items = True
            return
        draft = self.draft
        if _heading_like(block) and _SECTION.fullmatch(text.rstrip(":").strip()):
            self.close()
            self.role(index, "left_out", SECTION_HEADING)
            return
        if _is_heading(block) or _looks_like_title_item(block, previous, following):
            self.new_draft(index, text.rstrip(":"), "heading", fallback=inline_title(block))
            self.split_items = False
            self.role(index, "title", "", self.draft)
            return
        if block.kind == "paragraph":
            titled = inline_title(block)
            if titled and (
                draft is None or draft.origin != "heading" or _bold_lead(block) or draft.parts
            ):
                self.new_draft(index, titled[0], "inline")
                self.draft.add_paragraph(to_markdown(titled[1]))
                self.role(index, "title", "title and text on one line", self.draft)
                return
            introduces_list = (
                text.endswith(":")
                and len(text.split()) <= MAX_TITLE_WORDS
                and following is not None
                and following.kind == "item"
            )
            if introduces_list and (draft is None or draft.origin != "heading"):
                self.new_draft(index, text.rstrip(":").strip(), "intro")
                self.role(index, "title", "a short line introducing a list", self.draft)
                return
            if draft is None:
                draft = self.new_draft(index, _derived_title(text), "inline", derived=True)
                self.role(index, "body", "no title: one is made from its first words", draft)
            else:
                self.role(index, "body", "", draft)
            draft.add_paragraph(to_markdown(block.segs))
            return
        # a list item
        titled = inline_title(block)
        if draft is None or draft.origin == "list" or self.split_items:
            if titled:
                self.new_draft(index, titled[0], "list")
                self.draft.add_paragraph(to_markdown(titled[1]))
                self.role(index, "title", "a list item with its own title", self.draft)
            else:
                self.new_draft(index, _derived_title(text), "list", derived=True)
                self.draft.add_paragraph(to_markdown(block.segs))
                self.role(
                    index, "body", "a list item: its title is made from its first words", self.draft
                )
            self.split_items = False
            return
        if titled:
            item_text = f"**{_escape(titled[0])}** – {to_markdown(titled[1])}"
        else:
            item_text = to_markdown(block.segs)
        draft.add_item(item_text, block.ordered, block.number)
        self.role(index, "body", "", draft)

    def source_lines(self) -> list[dict]:
        out = []
        for index, block in enumerate(self.blocks):
            if not block.text:
                continue
            role, note = self.roles.get(index, ("left_out", "not read as part of a message"))
            draft = self.owner.get(index)
            placed = self.placed.get(id(draft)) if draft is not None else None
            if draft is not None and placed is None and role in {"title", "body"}:
                role, note = "left_out", "a title with no text under it"
            out.append(
                {
                    "line": block.line,
                    "text": block.text,
                    "role": role,
                    "note": note,
                    "message": list(placed) if placed else None,
                }
            )
        return out


def messages_from_blocks(blocks: list[Block]) -> list[ParsedMeeting]:
    return _Reader(blocks).read()


def read_key_messages(path: Path) -> Reading:
    """Everything the review page needs from one file: the messages, what each block of the
    document became, and notes on how the file was read. DocumentError when it cannot be
    read or holds no messages."""
    notes: list[str] = []
    blocks = read_document(path, notes)
    where = (
        "line"
        if path.suffix.lower() in {".txt", ".text", ".md", ".markdown", ""}
        else ("paragraph")
    )
    return _reading_of(blocks, notes, where)


def parse_document(path: Path) -> list[ImportedMessage]:
    """The key messages in one file, in document order. DocumentError if it cannot be read
    or holds no meeting headings with messages under them."""
    return read_key_messages(path).messages


def parse_text(content: str, *, markdown: bool = False) -> list[ImportedMessage]:
    """The key messages in a plain text (or Markdown) string."""
    return read_text_messages(content, markdown=markdown).messages


def read_text_messages(content: str, *, markdown: bool = False) -> Reading:
    blocks = [_as_item_if_marked(b) for b in read_text(content, markdown=markdown)]
    return _reading_of(blocks, [], "line")


def _reading_of(blocks: list[Block], notes: list[str], where: str) -> Reading:
    if not any(b.text for b in blocks):
        raise DocumentError("there is no text in it")
    reader = _Reader(blocks)
    meetings = reader.read()
    if not meetings:
        if not any(_meeting_heading(b.text) for b in blocks if b.kind != "item"):
            raise DocumentError(
                "no meeting headings were found: put a line with the meeting's month and year "
                "(like “March 2024” or “Executive meeting – 12 March 2024”) above its messages"
            )
        raise DocumentError("no key messages were found under the meeting headings")
    found: list[ImportedMessage] = []
    for meeting in meetings:
        for position, message in enumerate(meeting.messages):
            found.append(
                ImportedMessage(
                    meeting_date=meeting.heading.date,
                    meeting_date_precision=meeting.heading.precision,
                    meeting_title=meeting.heading.title,
                    title=message.title,
                    body=message.body,
                    position=position,
                    title_derived=message.derived,
                    date_note=meeting.date_note,
                    line=message.line,
                )
            )
    # message references become indexes into the flat list of messages
    offsets, total = [], 0
    for meeting in meetings:
        offsets.append(total)
        total += len(meeting.messages)
    kept = {id(m): i for i, m in enumerate(reader.meetings) if m.messages}
    lines = reader.source_lines()
    for line in lines:
        ref = line.pop("message")
        line["item"] = None
        if ref is not None:
            meeting = reader.meetings[ref[0]]
            if id(meeting) in kept:
                line["item"] = offsets[meetings.index(meeting)] + ref[1]
    return Reading(found, lines, notes, where)
