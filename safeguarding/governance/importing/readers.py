"""Readers: plain text, Markdown, HTML and Word documents, each turned into blocks."""

from __future__ import annotations

import re
from pathlib import Path

from safeguarding.governance.importing.blocks import (
    MAX_BYTES,
    MAX_TITLE_WORDS,
    Block,
    DocumentError,
    Seg,
    _as_item_if_marked,
    _list_marker,
    _normalise_space,
    plain,
)
from safeguarding.governance.importing.headings import _meeting_heading

# Plain text and Markdown -----------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")


def _markdown_segs(text: str) -> list[Seg]:
    """Inline Markdown (links and bold) as segments; other text as it is."""
    segs: list[Seg] = []
    pattern = re.compile(f"{_MD_LINK.pattern}|{_MD_STRONG.pattern}")
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            segs.append(Seg(text[last : match.start()]))
        if match.group(1) is not None:
            segs.append(Seg(match.group(1), href=match.group(2)))
        else:
            segs.append(Seg(match.group(3) or match.group(4), bold=True))
        last = match.end()
    if last < len(text):
        segs.append(Seg(text[last:]))
    return segs


def read_text(content: str, *, markdown: bool) -> list[Block]:
    """Paragraphs are separated by blank lines; lines of one paragraph are joined (hard
    wrapping), except list items and Markdown headings, which stand on their own line.
    Each block remembers the line it starts on."""
    inline = _markdown_segs if markdown else (lambda text: [Seg(text)])
    lines = [_normalise_space(line).rstrip() for line in content.replace("\r\n", "\n").split("\n")]
    blocks: list[Block] = []
    chunk: list[tuple[int, str]] = []

    def flush() -> None:
        if not chunk:
            return
        groups: list[list[tuple[int, str]]] = []
        for number, line in chunk:
            if _list_marker(line) is not None or not groups:
                groups.append([(number, line)])
            else:
                groups[-1].append((number, line))  # a wrapped paragraph, or an item's next line
        for group in groups:
            first_line = group[0][0]
            texts = [line for _, line in group]
            marker = _list_marker(texts[0])
            if marker is not None:
                ordered, number, length = marker
                text = " ".join([texts[0][length:].strip(), *(p.strip() for p in texts[1:])])
                blocks.append(
                    Block("item", inline(text), ordered=ordered, number=number, line=first_line)
                )
            else:
                text = " ".join(part.strip() for part in texts)
                for offset, block in enumerate(_paragraph_or_heading(texts, text, inline)):
                    block.line = first_line + offset
                    blocks.append(block)
        chunk.clear()

    for number, line in enumerate(lines, start=1):
        heading = _MD_HEADING.match(line) if markdown or line.lstrip().startswith("#") else None
        if heading and heading.group(2):
            flush()
            blocks.append(
                Block(
                    "heading",
                    inline(heading.group(2)),
                    explicit=True,
                    line=number,
                    level=len(heading.group(1)),
                )
            )
            continue
        if markdown and _SETEXT.match(line) and len(chunk) == 1:
            first, title = chunk.pop()
            level = 1 if line.strip().startswith("=") else 2
            blocks.append(
                Block("heading", inline(title.strip()), explicit=True, line=first, level=level)
            )
            continue
        if not line.strip():
            flush()
            continue
        chunk.append((number, line))
    flush()
    return blocks


def _paragraph_or_heading(group: list[str], text: str, inline) -> list[Block]:
    """A paragraph; but a short first line of a longer paragraph (no blank line between a
    heading and its text) becomes a heading of its own."""
    if len(group) >= 2:
        first = group[0].strip()
        rest_width = max(len(line.strip()) for line in group[1:])
        second = group[1].strip()
        looks_like_heading = (
            len(first.split()) <= MAX_TITLE_WORDS
            and not first.endswith((".", ",", ";", ":", "!"))
            and len(first) < 0.6 * max(rest_width, 1)
            and (second[:1].isupper() or second[:1].isdigit())
        )
        if looks_like_heading or _meeting_heading(first) is not None:
            rest = " ".join(line.strip() for line in group[1:])
            return [Block("paragraph", inline(first)), Block("paragraph", inline(rest))]
    return [Block("paragraph", inline(text))]


# HTML --------------------------------------------------------------------------------------

_HTML_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "head",
    "svg",
    "form",
    "button",
    "header",
    "footer",
    "aside",
}
_HTML_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
_HTML_CONTAINERS = {
    "html",
    "body",
    "main",
    "article",
    "section",
    "div",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "center",
}


def read_html(content: bytes) -> list[Block]:
    from bs4 import BeautifulSoup, NavigableString, Tag
    from bs4.element import Comment

    soup = BeautifulSoup(content, "html.parser")
    blocks: list[Block] = []

    def inline(node, bold=False, italic=False, href="") -> list[list[Seg]]:
        """Lines of segments (a <br> starts a new line)."""
        lines: list[list[Seg]] = [[]]
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                lines[-1].append(Seg(str(child).replace("\n", " "), href, bold, italic))
                continue
            if not isinstance(child, Tag) or child.name in _HTML_SKIP:
                continue
            if child.name == "br":
                lines.append([])
                continue
            link = href
            if child.name == "a":
                target = (child.get("href") or "").strip()
                link = target if re.match(r"^(https?:|mailto:)", target, re.I) else ""
            sub = inline(
                child,
                bold or child.name in {"strong", "b"},
                italic or child.name in {"em", "i"},
                link,
            )
            lines[-1].extend(sub[0])
            lines.extend(sub[1:])
        return lines

    def emit(kind: str, node, **extra) -> None:
        for segs in inline(node):
            if plain(segs):
                blocks.append(Block(kind, segs, **extra))
                kind = "paragraph" if kind == "item" else kind

    def walk(node) -> None:
        loose = soup.new_tag("span")
        for child in list(node.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, Tag) and child.name in _HTML_SKIP:
                continue
            is_block = isinstance(child, Tag) and (
                child.name in _HTML_HEADINGS
                or child.name in _HTML_CONTAINERS
                or child.name in {"p", "ul", "ol", "li", "pre", "hr"}
            )
            if not is_block:
                loose.append(child.extract())
                continue
            if loose.contents:
                emit("paragraph", loose)
                loose = soup.new_tag("span")
            if child.name in _HTML_HEADINGS:
                emit("heading", child, explicit=True, level=int(child.name[1]))
            elif child.name in {"p", "pre"}:
                emit("paragraph", child)
            elif child.name in {"ul", "ol"}:
                walk_list(child)
            elif child.name == "li":
                emit("item", child)
            elif child.name != "hr":
                walk(child)
        if loose.contents:
            emit("paragraph", loose)

    def walk_list(list_node) -> None:
        ordered = list_node.name == "ol"
        number = int(list_node.get("start", 1) or 1) if ordered else None
        for li in list_node.find_all("li", recursive=False):
            nested = [c for c in li.children if isinstance(c, Tag) and c.name in {"ul", "ol"}]
            for n in nested:
                n.extract()
            emit("item", li, ordered=ordered, number=number)
            if number is not None:
                number += 1
            for n in nested:
                walk_list(n)

    for node in soup.find_all(attrs={"role": True}):
        if str(node.get("role", "")).lower() in _HTML_SKIP_ROLES:
            node.decompose()
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    walk(main if main is not None else soup)
    return blocks


# Word ----------------------------------------------------------------------------------------


def read_docx(path: Path) -> list[Block]:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.hyperlink import Hyperlink
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks: list[Block] = []

    def paragraph_blocks(paragraph) -> None:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        lines: list[list[Seg]] = [[]]
        for piece in paragraph.iter_inner_content():
            if isinstance(piece, Hyperlink):
                address = piece.address or ""
                if not re.match(r"^(https?:|mailto:)", address, re.I):
                    address = ""
                lines[-1].append(Seg(piece.text, href=address))
                continue
            bold = bool(piece.bold) or bool(
                paragraph.style is not None and paragraph.style.font.bold
            )
            italic = bool(piece.italic)
            parts = piece.text.split("\n")
            lines[-1].append(Seg(parts[0], bold=bold, italic=italic))
            for part in parts[1:]:
                lines.append([Seg(part, bold=bold, italic=italic)])
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.find(qn("w:numPr")) is not None
        if style.startswith("Heading") or style == "Title":
            level_text = style.removeprefix("Heading").strip()
            level = int(level_text) if level_text.isdigit() else 1
            kind, extra = "heading", {"explicit": True, "level": level}
        elif "List" in style or numbered:
            kind = "item"
            extra = {"ordered": "Number" in style or _is_decimal_numbering(paragraph)}
        else:
            kind, extra = "paragraph", {}
        for segs in lines:
            if plain(segs):
                blocks.append(Block(kind, segs, **extra))
                if kind == "item":
                    kind, extra = "paragraph", {}

    def _is_decimal_numbering(paragraph) -> bool:
        try:
            num_pr = paragraph._p.pPr.find(qn("w:numPr"))
            num_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
            numbering = document.part.numbering_part.element
            num = numbering.xpath(f'./w:num[@w:numId="{num_id}"]')[0]
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
            abstract = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
            fmt = abstract.xpath("./w:lvl/w:numFmt")[0].get(qn("w:val"))
        except (AttributeError, IndexError, KeyError, NotImplementedError):
            return False
        return fmt not in {"bullet", "none"}

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraph_blocks(item)
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph_blocks(paragraph)
    return blocks


# Reading a file ------------------------------------------------------------------------------

READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
UNSUPPORTED = {
    ".doc": "it is in the old Word .doc format; open it in Word and save it as .docx",
    ".pdf": "PDF files are not supported; save the document as Word (.docx), HTML or text",
    ".rtf": "RTF files are not supported; save the document as Word (.docx) or text",
    ".odt": "OpenDocument files are not supported; save the document as Word (.docx)",
}


def _decode(raw: bytes, notes: list[str] | None = None) -> str:
    if b"\x00" in raw[:4096]:
        raise DocumentError("it is not a text file (it contains binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentError(
            "its text is not in a known encoding: save it as UTF-8 (in Word: Save As, "
            "Plain Text, Unicode (UTF-8))"
        ) from None
    if notes is not None:
        notes.append(
            "The file is not UTF-8; it was read as Windows-1252 (the usual encoding of text "
            "saved from older Word). Check the quotes and dashes in the review."
        )
    return text


def read_document(path: Path, notes: list[str] | None = None) -> list[Block]:
    """The blocks of one file, or DocumentError with the reason it cannot be read. Notes
    about how it was read (such as its encoding) are appended to ``notes``."""
    blocks = _read_document(path, notes)
    if not any(b.text for b in blocks):
        raise DocumentError("there is no text in it")
    for number, block in enumerate(blocks, start=1):
        if not block.line:
            block.line = number
    return blocks


def _read_document(path: Path, notes: list[str] | None) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise DocumentError(UNSUPPORTED[suffix])
    if suffix and suffix not in READERS and len(suffix) <= 6:
        raise DocumentError(
            f"files ending {suffix} are not a format the importer reads; save the document "
            "as Word (.docx), web page (.html), Markdown (.md) or plain text (.txt)"
        )
    if not path.exists():
        raise DocumentError("the file does not exist")
    if path.is_dir():
        raise DocumentError("it is a folder, not a file")
    try:
        size = path.stat().st_size
        if size == 0:
            raise DocumentError("the file is empty")
        if size > MAX_BYTES:
            raise DocumentError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
        kind = READERS.get(suffix)
        if kind == "docx":
            return _read_docx_safely(path)
        raw = path.read_bytes()
    except PermissionError:
        raise DocumentError("permission denied: the file cannot be opened") from None
    except OSError as error:
        raise DocumentError(f"the file cannot be opened ({error.strerror or error})") from None
    if kind is None:
        if raw.startswith(b"PK\x03\x04"):
            return _read_docx_safely(path)
        kind = "html" if re.search(rb"<(html|body|p|h[1-6])[\s>]", raw[:4096], re.I) else "text"
    if kind == "html":
        return [_as_item_if_marked(b) for b in read_html(raw)]
    text = _decode(raw, notes)
    return [_as_item_if_marked(b) for b in read_text(text, markdown=kind == "markdown")]


def _read_docx_safely(path: Path) -> list[Block]:
    from zipfile import BadZipFile

    from docx.opc.exceptions import PackageNotFoundError

    try:
        blocks = read_docx(path)
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        detail = str(error) or type(error).__name__
        raise DocumentError(f"it is not a readable Word .docx document ({detail})") from None
    return [_as_item_if_marked(b) for b in blocks]
