"""Inline text as segments (keeping links and bold) and the blocks readers produce."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TITLE_WORDS = 14
MAX_TITLE_CHARS = 120
MAX_BYTES = 20 * 1024 * 1024


class DocumentError(Exception):
    """The file cannot be read as a key-messages document; the message says why."""


# Inline text -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Seg:
    text: str
    href: str = ""
    bold: bool = False
    italic: bool = False


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")


def _escape(text: str) -> str:
    """Plain text made safe for Markdown; bare web addresses become links."""
    out, last = [], 0
    for match in _URL.finditer(text):
        out.append(_MD_SPECIAL.sub(r"\\\1", text[last : match.start()]))
        out.append(f"<{match.group(0)}>")
        last = match.end()
    out.append(_MD_SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(out)


def _normalise_space(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", text)


def plain(segs: list[Seg]) -> str:
    return _normalise_space("".join(s.text for s in segs)).strip()


def to_markdown(segs: list[Seg]) -> str:
    """Segments as Markdown, joining neighbours that share a link or emphasis."""
    parts: list[str] = []
    merged: list[Seg] = []
    for seg in segs:
        if merged and (merged[-1].href, merged[-1].bold, merged[-1].italic) == (
            seg.href,
            seg.bold,
            seg.italic,
        ):
            merged[-1] = Seg(merged[-1].text + seg.text, seg.href, seg.bold, seg.italic)
        else:
            merged.append(seg)
    for seg in merged:
        text = _normalise_space(seg.text)
        if not text.strip():
            parts.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        core = _escape(text.strip()) if not seg.href else text.strip().replace("]", "\\]")
        if seg.bold:
            core = f"**{core}**"
        elif seg.italic:
            core = f"*{core}*"
        if seg.href:
            core = f"[{core}]({seg.href.replace(')', '%29').replace(' ', '%20')})"
        parts.append(f"{lead}{core}{trail}")
    return " ".join("".join(parts).split())


def _split_segs(segs: list[Seg], start: int, end: int) -> tuple[list[Seg], list[Seg]]:
    """Segments before ``start`` and after ``end`` (offsets in the un-normalised text)."""
    before, after, offset = [], [], 0
    for seg in segs:
        seg_start, seg_end = offset, offset + len(seg.text)
        if seg_start < start:
            before.append(Seg(seg.text[: start - seg_start], seg.href, seg.bold, seg.italic))
        if seg_end > end:
            after.append(Seg(seg.text[max(0, end - seg_start) :], seg.href, seg.bold, seg.italic))
        offset = seg_end
    return [s for s in before if s.text], [s for s in after if s.text]


# Blocks ------------------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "item"
    segs: list[Seg]
    explicit: bool = False  # marked as a heading by the format (h2, Heading 2, ##)
    ordered: bool = False
    number: int | None = None
    line: int = 0  # where it starts: the line of a text file, else the paragraph's number
    level: int = 0  # a heading's level (1 for h1 or #), 0 when the format does not say

    @property
    def text(self) -> str:
        return plain(self.segs)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def all_bold(self) -> bool:
        visible = [s for s in self.segs if s.text.strip()]
        return bool(visible) and all(s.bold for s in visible)


_BULLET = re.compile(r"^\s*([•●▪■◦‣∙·*+\-–—o§])\s+(?=\S)")
_NUMBER = re.compile(r"^\s*(?:\(?(\d{1,2})[.)]|\(?([a-z])\)|([ivx]{1,4})[.)])\s+(?=\S)")


def _list_marker(text: str) -> tuple[bool, int | None, int] | None:
    """(ordered, number, length of the marker) when a line starts like a list item."""
    match = _NUMBER.match(text)
    if match:
        number = int(match.group(1)) if match.group(1) else None
        return True, number, match.end()
    match = _BULLET.match(text)
    if match and not (match.group(1) == "o" and not text.lstrip().startswith("o ")):
        return False, None, match.end()
    return None


def _strip_prefix(segs: list[Seg], length: int) -> list[Seg]:
    return _split_segs(segs, 0, length)[1]


def _as_item_if_marked(block: Block) -> Block:
    if block.kind != "paragraph":
        return block
    raw = "".join(s.text for s in block.segs)
    marker = _list_marker(raw)
    if marker is None:
        return block
    ordered, number, length = marker
    return Block(
        "item",
        _strip_prefix(block.segs, length),
        ordered=ordered,
        number=number,
        line=block.line,
    )
