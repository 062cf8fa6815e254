"""Reading import files into plain tables: a header and rows of text, each row with the line
(or spreadsheet row) number it came from, so every problem can be reported by line.

CSV files may start with a ``SOURCE:`` line (our extracts of official statistics carry one);
it is kept as the table's source and the line numbers still count it. Nothing here touches
the database.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 200 * 1024 * 1024


class FileProblem(Exception):
    """The file cannot be read at all; the message says why and what to do."""


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_line: int = 1
    source: str = ""
    container: str = "csv"  # csv or xlsx


def _decode(data: bytes, name: str) -> str:
    if data[:4] == b"PK\x03\x04":
        raise FileProblem(
            f"{name} is a spreadsheet (Excel .xlsx), not a CSV file: import it as Excel "
            "(on the command line, --format xlsx)."
        )
    if b"\x00" in data[:4096]:
        raise FileProblem(f"{name} is not a text file: save it as CSV (UTF-8) and try again.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem(f"{name} is not a readable text file: save it as CSV (UTF-8).")


def read_csv_bytes(data: bytes, name: str) -> Table:
    text = _decode(data, name)
    offset = 0
    source = ""
    first_line, _, rest = text.partition("\n")
    if first_line.strip().upper().startswith("SOURCE:"):
        source = first_line.strip()[len("SOURCE:") :].strip()
        text = rest
        offset = 1
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    table = Table(name=name, header=[], source=source)
    try:
        for row in reader:
            line = reader.line_num + offset
            if header is None:
                if not any(cell.strip() for cell in row):
                    continue
                header = [cell.strip() for cell in row]
                table.header = header
                table.header_line = line
                continue
            if not any(cell.strip() for cell in row):
                continue
            table.rows.append((line, row))
    except csv.Error as error:
        raise FileProblem(f"{name} is not a well-formed CSV file: {error}.") from None
    if header is None:
        raise FileProblem(f"{name} is empty: it has no header row and no data.")
    return table


def read_xlsx_bytes(data: bytes, name: str, *, header_only: bool = False) -> Table:
    from openpyxl import load_workbook

    if data[:4] != b"PK\x03\x04":
        raise FileProblem(
            f"{name} is not an Excel .xlsx workbook: import a CSV file as the partnership's "
            "template, or as official statistics (on the command line, --format csv or "
            "--format ees)."
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise FileProblem(f"{name} could not be opened as an Excel workbook ({error}).") from None
    sheet = workbook.worksheets[0]
    # Read-only mode trusts the sheet's <dimension> element, which the program that wrote
    # the file may have got wrong (too small): the rows outside it would be silently left
    # out. Forget it and read every row the sheet really has.
    sheet.reset_dimensions()
    table = Table(name=name, header=[], container="xlsx")
    header: list[str] | None = None
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else _cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if header is None and cells[0].strip().upper().startswith("SOURCE:"):
            table.source = cells[0].strip()[len("SOURCE:") :].strip()
            continue
        if header is None:
            header = [c.strip() for c in cells]
            table.header = header
            table.header_line = number
            if header_only:
                break
            continue
        table.rows.append((number, cells))
    workbook.close()
    if header is None:
        raise FileProblem(f"{name} is empty: its first sheet has no header row and no data.")
    return table


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)


def read_table(path: Path, container: str) -> Table:
    """Read a file from disk as a table; ``container`` is csv or xlsx."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileProblem(
                f"{path.name} is {size // (1024 * 1024)} MB; files up to "
                f"{MAX_BYTES // (1024 * 1024)} MB can be imported. Split it into smaller files."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(f"{path} does not exist: check the file name and folder.") from None
    except IsADirectoryError:
        raise FileProblem(f"{path} is a folder, not a file.") from None
    except PermissionError:
        raise FileProblem(
            f"{path} cannot be read: you do not have permission to open it."
        ) from None
    except OSError as error:
        raise FileProblem(f"{path} cannot be read ({error.strerror}).") from None
    return read_bytes(data, path.name, container)


def read_bytes(data: bytes, name: str, container: str) -> Table:
    if container == "xlsx":
        return read_xlsx_bytes(data, name)
    return read_csv_bytes(data, name)


HEADER_BYTES = 64 * 1024


def read_header_bytes(data: bytes, name: str, container: str) -> Table:
    """Only the header (and any source line) of a file, without its rows: enough to tell
    what the file holds before the whole of it is read in the background."""
    if container == "xlsx":
        return read_xlsx_bytes(data, name, header_only=True)
    head = data[:HEADER_BYTES]
    if len(data) > len(head) and b"\n" in head:
        head = head[: head.rfind(b"\n") + 1]
    table = read_csv_bytes(head, name)
    table.rows = []
    return table


def container_for(name: str, requested: str | None) -> str:
    """csv or xlsx: from --format when given, otherwise from the file name."""
    if requested == "xlsx":
        return "xlsx"
    if requested in ("csv", "ees"):
        return "csv"
    return "xlsx" if name.lower().endswith((".xlsx", ".xlsm")) else "csv"
