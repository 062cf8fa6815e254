"""Turn an uploaded file into rows of cells, whatever its format, or refuse it clearly.

A file is recognised by its content, not its name: Excel and Word files are zip packages
(``xl/workbook.xml`` or ``word/document.xml`` inside); anything else must be UTF-8 text
(CSV). A Windows-1252 export, an old binary ``.xls``/``.doc``, an empty file or a file with
no rows is refused with a message saying how to fix it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError

MAX_BYTES = 5 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass
class Row:
    """One row of a table: where it came from (for error messages) and its cells."""

    where: str
    cells: list[str]


@dataclass
class Paragraph:
    """One paragraph of a Word document, with whether Word calls it a heading or a list item."""

    where: str
    text: str
    heading: bool = False
    numbered: bool = False


@dataclass
class Document:
    """What a file holds: its format, its table rows (header first) and, for Word files
    without a table, its paragraphs."""

    format: str
    rows: list[Row] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str = ""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"\s+", " ", str(value)).strip()


def detect(content: bytes, name: str = "") -> str:
    if not content or not content.strip():
        raise ValidationError("The file is empty. Choose the file that holds the rows to import.")
    if len(content) > MAX_BYTES:
        raise ValidationError("The file is larger than 5 MB. Split it into smaller files.")
    if content.startswith(OLE_MAGIC):
        raise ValidationError(
            "This is an old Excel 97-2003 (.xls) or Word 97-2003 (.doc) file, which cannot be "
            "read. Open it and save it as .xlsx, .docx or CSV UTF-8, then import that."
        )
    if content.startswith(b"PK"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        raise ValidationError(
            "This file is not a format that can be imported. Use CSV (UTF-8), Excel (.xlsx) "
            "or Word (.docx)."
        )
    if b"\x00" in content[:4096] or content.lstrip().startswith((b"%PDF", b"{\\rtf")):
        raise ValidationError(
            "This file is not a format that can be imported. Use CSV (UTF-8), Excel (.xlsx) "
            "or Word (.docx)."
        )
    return "csv"


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ValidationError(
            f"The file is not UTF-8 text (line {line} has a character from another encoding, "
            "usually a Windows-1252 export). Save it again as “CSV UTF-8” and import that "
            "file."
        ) from None


def _csv(content: bytes) -> Document:
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [
        Row(f"line {number}", [_cell(c) for c in cells])
        for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1)
        if any(c.strip() for c in cells)
    ]
    return Document("csv", rows=rows)


def _xlsx(content: bytes) -> Document:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            "The Excel file could not be opened: it may be damaged or password protected. "
            "Save it again as .xlsx without a password."
        ) from None
    sheet = workbook.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell(v) for v in values]
        if any(cells):
            rows.append(Row(f"row {number}", cells))
    workbook.close()
    return Document("xlsx", rows=rows, title=sheet.title)


def _docx(content: bytes) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception:  # python-docx raises many kinds for a damaged file
        raise ValidationError(
            "The Word file could not be opened: it may be damaged. Save it again as .docx."
        ) from None
    rows = []
    for table in document.tables:
        table_rows = []
        for number, row in enumerate(table.rows, start=1):
            cells = []
            for cell in row.cells:
                text = _cell(cell.text)
                cells.append(text)
            if any(cells):
                table_rows.append(Row(f"table row {number}", cells))
        if len(table_rows) > 1:
            rows = table_rows
            break
    paragraphs = []
    title = ""
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text = _cell(paragraph.text)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        if style == "title" and not title:
            title = text
            continue
        numbered = (
            "list number" in style
            or paragraph._p.pPr is not None
            and (paragraph._p.pPr.numPr is not None)
        )
        paragraphs.append(
            Paragraph(
                f"paragraph {number}", text, heading=style.startswith("heading"), numbered=numbered
            )
        )
    return Document("docx", rows=rows, paragraphs=paragraphs, title=title)


def read(content: bytes, name: str = "") -> Document:
    """The file's rows (and paragraphs), or a ValidationError saying what is wrong."""
    kind = detect(content, name)
    document = {"csv": _csv, "xlsx": _xlsx, "docx": _docx}[kind](content)
    if not document.rows and not document.paragraphs:
        raise ValidationError(
            "The file has no rows to import. Check it is the right file and that the table "
            "is on the first sheet."
        )
    return document


def header_map(header: Row, columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """{column name: index} for the header cells that match a column's accepted names."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header.cells):
        word = re.sub(r"[^a-z0-9 ]", "", cell.lower()).strip()
        word = re.sub(r"\s+", " ", word)
        for column, names in columns.items():
            if column not in found and word in names:
                found[column] = index
                break
    return found


def find_header(
    rows: list[Row], columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[int, dict[str, int]] | None:
    """The first row (of the first ten) that names every required column."""
    for index, row in enumerate(rows[:10]):
        found = header_map(row, columns)
        if all(column in found for column in required):
            return index, found
    return None
