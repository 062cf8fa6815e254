"""Reading a published review summary — text, Markdown, Word, PDF or HTML — into its parts.

``read_text(name, data)`` turns the file into plain lines (list items keep a ``- `` mark);
``parse(text)`` finds the title, the publishing partnership, the year, the type (a
Safeguarding Adults Review is marked as adult), the summary, and the learning points and
recommendations as separate items ("Recommendation 1:", "1.", bullets, or "Recommendations
include …; …; …"). A file that is not a review summary raises ``SummaryError`` with the reason.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

MAX_BYTES = 5 * 1024 * 1024


class SummaryError(ValueError):
    pass


@dataclass
class ParsedSummary:
    title: str
    publisher: str = ""
    year: int | None = None
    review_type: str = "local_cspr"
    is_adult: bool = False
    summary: str = ""
    learning: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    link: str = ""


def read_text(name: str, data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise SummaryError("the file is larger than 5 MB; save the summary on its own.")
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else "txt"
    if suffix in {"txt", "md", "markdown", "text"}:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SummaryError("the text is not UTF-8; save it as UTF-8 text.") from None
    if suffix == "docx":
        import docx

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - any unreadable Word file gets the same reason
            raise SummaryError("it is not a readable Word (.docx) document.") from None
        lines = []
        for paragraph in document.paragraphs:
            style = (paragraph.style.name or "").lower() if paragraph.style else ""
            text = paragraph.text.strip()
            if not text:
                continue
            if style.startswith("heading") or style == "title":
                lines.append("# " + text)
            elif "list" in style:
                lines.append("- " + text)
            else:
                lines.append(text)
        return "\n".join(lines)
    if suffix == "pdf":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(data))
            return "\n".join(page.extract_text() or "" for page in reader.pages)
        except (PdfReadError, ValueError, KeyError):
            raise SummaryError("it is not a readable PDF.") from None
    if suffix in {"html", "htm"}:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(data, "html.parser")
        for tag in soup(["script", "style", "nav", "footer"]):
            tag.decompose()
        lines = []
        for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "title"]):
            text = " ".join(element.get_text(" ").split())
            if not text or (element.name == "title" and soup.find("h1")):
                continue
            if element.name in {"h1", "h2", "h3", "h4", "title"}:
                lines.append("# " + text)
            elif element.name == "li":
                lines.append("- " + text)
            elif element.find_parent("li") is None:
                lines.append(text)
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"]
            # href is not a multi-valued attribute, so BeautifulSoup gives a string.
            if isinstance(href, str) and href.startswith("http"):
                lines.append("Link: " + href)
                break
        return "\n".join(lines)
    raise SummaryError(
        f"files ending .{suffix} cannot be read; use text, Markdown, Word, PDF or HTML."
    )


HEADING = re.compile(r"^\s*#{1,6}\s*(.+?)\s*#*\s*$")
FIELD = re.compile(
    r"^\s*(title|partnership|published by|publisher|year|published|type|link|url)\s*:\s*(.+)$",
    re.I,
)
ITEM = re.compile(
    r"^\s*(?:[-*•‣–]\s+|\(?\d{1,2}[.)]\s+|recommendation\s+\d{1,2}\s*[:.)–-]\s*|"
    r"learning point\s+\d{1,2}\s*[:.)–-]\s*|finding\s+\d{1,2}\s*[:.)–-]\s*)(.+)$",
    re.I,
)
RECOMMENDATION_LABEL = re.compile(r"^\s*recommendation\s+\d{1,2}\s*[:.)–-]", re.I)
INCLUDE = re.compile(r"recommendations?\s+(?:include|are|were)\s*:?\s*(.+)", re.I)
URL = re.compile(r"https?://\S+[^\s.,;)]")
YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")

SECTION_WORDS = {
    "summary": "summary",
    "overview": "summary",
    "background": "summary",
    "introduction": "summary",
    "the review": "summary",
    "learning": "learning",
    "key learning": "learning",
    "learning points": "learning",
    "findings": "learning",
    "key findings": "learning",
    "what we learned": "learning",
    "lessons learned": "learning",
    "recommendations": "recommendations",
    "recommendation": "recommendations",
    "what needs to change": "recommendations",
}


def _section_for(heading: str) -> str | None:
    key = re.sub(r"[^a-z ]", "", heading.lower()).strip()
    if key in SECTION_WORDS:
        return SECTION_WORDS[key]
    for words, section in SECTION_WORDS.items():
        if key.startswith(words) and len(key.split()) <= 5:
            return section
    return None


def review_type(text: str) -> tuple[str, bool]:
    lowered = text.lower()
    if "safeguarding adults review" in lowered or re.search(r"\bSAR\b", text):
        return "sar", True
    if "serious case review" in lowered:
        return "scr", False
    if "rapid review" in lowered:
        return "rapid", False
    if "national review" in lowered or "national panel" in lowered and "thematic" not in lowered:
        return "national", False
    if "thematic" in lowered:
        return "thematic", False
    return "local_cspr", False


def _split_include(sentence: str) -> list[str]:
    parts = [p.strip(" .;") for p in re.split(r";", sentence) if p.strip(" .;")]
    if len(parts) > 1 and parts[-1].lower().startswith("and "):
        parts[-1] = parts[-1][4:]
    return [p[0].upper() + p[1:] for p in parts if p]


def parse(text: str) -> ParsedSummary:
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    if not any(line.strip() for line in lines):
        raise SummaryError("the file is empty.")
    fields: dict[str, str] = {}
    title = ""
    section = "summary"
    paragraphs: dict[str, list[str]] = {"summary": [], "learning": [], "recommendations": []}
    items: dict[str, list[str]] = {"learning": [], "recommendations": []}
    last_item_section = None
    for raw in lines:
        line = raw.strip()
        if not line:
            last_item_section = None
            continue
        field_match = FIELD.match(line)
        if field_match and not title.startswith(line):
            key = field_match.group(1).lower()
            fields[
                {
                    "published by": "publisher",
                    "partnership": "publisher",
                    "url": "link",
                    "published": "year",
                }.get(key, key)
            ] = field_match.group(2).strip()
            continue
        heading = HEADING.match(line)
        bare_heading = (
            not heading
            and len(line.split()) <= 5
            and line.rstrip(":") != line
            or (not heading and _section_for(line) and len(line.split()) <= 4)
        )
        if heading or bare_heading:
            text_of = heading.group(1) if heading else line.rstrip(":")
            found = _section_for(text_of)
            if found:
                section = found
                last_item_section = None
                continue
            if heading and not title:
                title = text_of
                continue
        if not title:
            title = line
            continue
        include = INCLUDE.match(line)
        if include and ";" in include.group(1):
            items["recommendations"].extend(_split_include(include.group(1)))
            continue
        item = ITEM.match(line)
        if RECOMMENDATION_LABEL.match(line):
            items["recommendations"].append(item.group(1).strip() if item else line)
            last_item_section = "recommendations"
            continue
        if item and section in items:
            items[section].append(item.group(1).strip())
            last_item_section = section
            continue
        if last_item_section and raw.startswith((" ", "\t")):
            items[last_item_section][-1] += " " + line
            continue
        paragraphs[section].append(line)
    for section_name in ("learning", "recommendations"):
        if not items[section_name] and paragraphs[section_name]:
            items[section_name] = [p for p in paragraphs[section_name] if len(p.split()) > 3]
    title = title.strip(" #")
    if not title:
        raise SummaryError("no title was found; put the review's title on the first line.")
    if not items["learning"] and not items["recommendations"]:
        raise SummaryError(
            "no learning points or recommendations were found, so it does not look like a "
            "review summary. Put them under headings “Learning” and “Recommendations”."
        )
    kind, adult = review_type(fields.get("type", "") + " " + title + " " + text[:2000])
    year_text = fields.get("year") or " ".join(paragraphs["summary"][:3]) + " " + title
    year = YEAR.search(year_text)
    link = fields.get("link") or ""
    if not link:
        url = URL.search(text)
        link = url.group(0) if url else ""
    return ParsedSummary(
        title=title[:300],
        publisher=fields.get("publisher", "")[:200],
        year=int(year.group(1)) if year else None,
        review_type=kind,
        is_adult=adult,
        summary="\n\n".join(paragraphs["summary"]),
        learning=items["learning"],
        recommendations=items["recommendations"],
        link=link[:500] if link.startswith(("http://", "https://")) else "",
    )
