"""The one export helper: text a spreadsheet would run as a formula is written inert."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from safeguarding.core.exports import spreadsheet_safe

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("https://evil.example/","Click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_text_that_starts_a_formula_gets_a_leading_quote(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize(
    "value", [-12.5, -3, Decimal("-100.00"), "-100.00", "+44", "1e5", "Oakfield", "", None]
)
def test_numbers_and_plain_text_are_unchanged(value):
    assert spreadsheet_safe(value) == value


def test_every_csv_and_excel_writer_goes_through_the_helper():
    """csv.writer and openpyxl's sheet.append are used only in core/exports.py."""
    offenders = []
    for path in PROJECT.rglob("*.py"):
        if "tests" in path.parts or path.name == "exports.py" and path.parent.name == "core":
            continue
        text = path.read_text()
        if re.search(r"csv\.(writer|DictWriter)\(|\bsheet\.append\(|returns\.append\(\[", text):
            offenders.append(str(path.relative_to(PROJECT)))
    assert offenders == []
