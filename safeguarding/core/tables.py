"""Reading an uploaded CSV or Excel file into a plain table: a header and rows of text, each
row with the line (or spreadsheet row) number it came from, so every problem can be reported
by row. CSV files may be UTF-8 (with or without a byte-order mark) or Windows-1252/latin-1,
as exported by Excel and by Get Information About Schools. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024


class TableProblem(Exception):
    """The file cannot be read at all; the message says why and what to do."""


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """Each row as ``{column: text}``, with its line number."""
        width = len(self.header)
        return [
            (
                line,
                {
                    self.header[i]: (cells[i] if i < len(cells) else "").strip()
                    for i in range(width)
                },
            )
            for line, cells in self.rows
        ]


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252 (a superset of latin-1
    for printable characters), then latin-1 (which decodes any byte)."""
    if b"\x00" in data[:4096]:
        raise TableProblem(f"{name} is not a text file: save it as CSV and try again.")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableProblem(f"{name} is not a readable text file: save it as CSV (UTF-8).")


def read_csv_bytes(data: bytes, name: str) -> Table:
    if data[:4] == b"PK\x03\x04":
        return read_xlsx_bytes(data, name)
    reader = csv.reader(io.StringIO(decode_text(data, name), newline=""))
    table: Table | None = None
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if table is None:
                table = Table(name=name, header=[cell.strip() for cell in row])
                continue
            table.rows.append((reader.line_num, row))
    except csv.Error as error:
        raise TableProblem(f"{name} is not a well-formed CSV file: {error}.") from None
    if table is None:
        raise TableProblem(f"{name} is empty: it has no header row and no data.")
    return table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)


def read_xlsx_bytes(data: bytes, name: str) -> Table:
    from openpyxl import load_workbook

    if data[:4] != b"PK\x03\x04":
        raise TableProblem(f"{name} is not an Excel .xlsx workbook: save it as .xlsx or CSV.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise TableProblem(f"{name} could not be opened as an Excel workbook ({error}).") from None
    table: Table | None = None
    for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
        cells = [_cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if table is None:
            table = Table(name=name, header=[c.strip() for c in cells])
            continue
        table.rows.append((number, cells))
    workbook.close()
    if table is None:
        raise TableProblem(f"{name} is empty: its first sheet has no header row and no data.")
    return table


def read_table_bytes(data: bytes, name: str) -> Table:
    """A CSV or Excel file, told apart by its content (an .xlsx file is a zip archive)."""
    if len(data) > MAX_BYTES:
        raise TableProblem(
            f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
        )
    if data[:4] == b"PK\x03\x04":
        return read_xlsx_bytes(data, name)
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise TableProblem(f"{name} is not an Excel .xlsx workbook: save it as .xlsx or CSV.")
    return read_csv_bytes(data, name)


def read_table_file(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TableProblem(f"{path} does not exist: check the file name and folder.") from None
    except IsADirectoryError:
        raise TableProblem(f"{path} is a folder, not a file.") from None
    except OSError as error:
        raise TableProblem(f"{path} cannot be read ({error.strerror}).") from None
    return read_table_bytes(data, path.name)
