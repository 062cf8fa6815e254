"""From blocks to meetings and their messages, whatever format the blocks came from."""

from __future__ import annotations

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
    _meeting_heading,
    inline_title,
)
from safeguarding.governance.importing.readers import read_document, read_text
from safeguarding.governance.services.key_messages import ImportedMessage, title_key

# Structure -----------------------------------------------------------------------------------


@dataclass
class _Draft:
    title: str
    origin: str  # "heading", "inline", "intro" or "list"
    parts: list[tuple[str, bool, int | None, str]] = field(default_factory=list)
    fallback: tuple[str, list[Seg]] | None = None

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
class ParsedMeeting:
    heading: MeetingHeading
    messages: list[tuple[str, str]] = field(default_factory=list)  # (title, body)


def messages_from_blocks(blocks: list[Block]) -> list[ParsedMeeting]:
    meetings: list[ParsedMeeting] = []
    meeting: ParsedMeeting | None = None
    draft: _Draft | None = None

    def close() -> None:
        nonlocal draft
        if draft is None or meeting is None:
            draft = None
            return
        body = draft.body()
        title = draft.title
        if not body and draft.fallback is not None:
            title, segs = draft.fallback
            body = to_markdown(segs)
        if body and title:
            key = title_key(title)
            for index, (existing_title, existing_body) in enumerate(meeting.messages):
                if title_key(existing_title) == key:
                    meeting.messages[index] = (existing_title, f"{existing_body}\n\n{body}")
                    break
            else:
                meeting.messages.append((title.rstrip(":").strip(), body))
        draft = None

    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        heading = _meeting_heading(block.text) if block.kind != "item" else None
        if heading is not None:
            close()
            meeting = next(
                (m for m in meetings if m.heading == heading),
                None,
            ) or ParsedMeeting(heading)
            if meeting not in meetings:
                meetings.append(meeting)
            continue
        if meeting is None:
            continue  # the document's own title and introduction
        if _is_heading(block):
            close()
            draft = _Draft(block.text.rstrip(":"), "heading", fallback=inline_title(block))
            continue
        if block.kind == "paragraph":
            titled = inline_title(block)
            if titled and (draft is None or draft.origin != "heading" or _bold_lead(block)):
                close()
                draft = _Draft(titled[0], "inline")
                draft.add_paragraph(to_markdown(titled[1]))
                continue
            introduces_list = (
                block.text.endswith(":")
                and len(block.text.split()) <= MAX_TITLE_WORDS
                and following is not None
                and following.kind == "item"
            )
            if introduces_list and (draft is None or draft.origin != "heading"):
                close()
                draft = _Draft(block.text.rstrip(":").strip(), "intro")
                continue
            if draft is None:
                draft = _Draft(_derived_title(block.text), "inline")
            draft.add_paragraph(to_markdown(block.segs))
            continue
        # a list item
        titled = inline_title(block)
        if draft is None or draft.origin == "list":
            close()
            if titled:
                draft = _Draft(titled[0], "list")
                draft.add_paragraph(to_markdown(titled[1]))
            else:
                draft = _Draft(_derived_title(block.text), "list")
                draft.add_paragraph(to_markdown(block.segs))
            continue
        if titled:
            text = f"**{_escape(titled[0])}** – {to_markdown(titled[1])}"
        else:
            text = to_markdown(block.segs)
        draft.add_item(text, block.ordered, block.number)
    close()
    return [m for m in meetings if m.messages]


def parse_document(path: Path) -> list[ImportedMessage]:
    """The key messages in one file, in document order. DocumentError if it cannot be read
    or holds no meeting headings with messages under them."""
    return _messages_of(read_document(path))


def parse_text(content: str, *, markdown: bool = False) -> list[ImportedMessage]:
    """The key messages in a plain text (or Markdown) string."""
    return _messages_of([_as_item_if_marked(b) for b in read_text(content, markdown=markdown)])


def _messages_of(blocks: list[Block]) -> list[ImportedMessage]:
    if not any(b.text for b in blocks):
        raise DocumentError("there is no text in it")
    meetings = messages_from_blocks(blocks)
    if not meetings:
        if not any(_meeting_heading(b.text) for b in blocks if b.kind != "item"):
            raise DocumentError(
                "no meeting headings were found: put a line with the meeting's month and year "
                "(like “March 2024” or “Executive meeting – 12 March 2024”) above its messages"
            )
        raise DocumentError("no key messages were found under the meeting headings")
    found: list[ImportedMessage] = []
    for meeting in meetings:
        for position, (title, body) in enumerate(meeting.messages):
            found.append(
                ImportedMessage(
                    meeting_date=meeting.heading.date,
                    meeting_date_precision=meeting.heading.precision,
                    meeting_title=meeting.heading.title,
                    title=title,
                    body=body,
                    position=position,
                )
            )
    return found
