"""Periods that figures are counted over: financial, reporting and academic years, quarters,
months and snapshot dates.

Pure functions, no database: :func:`parse_period` reads what people and files write
("2022-23", "FY2022-23", "RY2024", "2023/24", "Q1 2023-24", "March 2024", "31/03/2024")
and answers a :class:`PeriodSpec` with its dates, code and labels, or raises ``ValueError``
with a message that says what would have been understood.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models

from safeguarding.core.periods import financial_year_label, financial_year_of


class PeriodType(models.TextChoices):
    FINANCIAL_YEAR = "financial_year", "Financial year (April to March)"
    REPORTING_YEAR = "reporting_year", "DfE reporting year (year ending 31 March)"
    ACADEMIC_YEAR = "academic_year", "Academic year (September to August)"
    QUARTER = "quarter", "Quarter of the financial year"
    MONTH = "month", "Month"
    SNAPSHOT = "snapshot", "Snapshot date (a count on one day)"


ANNUAL_TYPES = frozenset(
    {
        PeriodType.FINANCIAL_YEAR,
        PeriodType.REPORTING_YEAR,
        PeriodType.ACADEMIC_YEAR,
        PeriodType.SNAPSHOT,
    }
)

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})

# How the periods are written in codes (the API's ``period=`` filter and import files).
EXAMPLES = {
    PeriodType.FINANCIAL_YEAR: "FY2023-24 (or 2023-24)",
    PeriodType.REPORTING_YEAR: "RY2024 (the year ending 31 March 2024)",
    PeriodType.ACADEMIC_YEAR: "AY2023-24 (or 2023/24)",
    PeriodType.QUARTER: "FY2023-24-Q1 (April to June 2023)",
    PeriodType.MONTH: "2024-03 (or March 2024)",
    PeriodType.SNAPSHOT: "2024-03-31 (or 31/03/2024)",
}


def year_label(start_year: int, separator: str = "–") -> str:
    """A year column's label with the given separator: ``FY2023-24`` codes, ``2023/24``
    academic years; financial years shown to people use ``core.periods``' one label."""
    if separator == "–":
        return financial_year_label(start_year)
    return f"{start_year}{separator}{str(start_year + 1)[-2:]}"


@dataclass(frozen=True)
class PeriodSpec:
    type: str
    start: datetime.date
    end: datetime.date

    @property
    def year(self) -> int:
        """The start year of the year column this period falls in (2023 for 2023–24)."""
        if self.type in (PeriodType.FINANCIAL_YEAR, PeriodType.REPORTING_YEAR):
            return self.start.year
        if self.type == PeriodType.ACADEMIC_YEAR:
            return self.start.year
        return financial_year_of(self.end)

    @property
    def code(self) -> str:
        if self.type == PeriodType.FINANCIAL_YEAR:
            return f"FY{year_label(self.start.year, '-')}"
        if self.type == PeriodType.REPORTING_YEAR:
            return f"RY{self.end.year}"
        if self.type == PeriodType.ACADEMIC_YEAR:
            return f"AY{year_label(self.start.year, '-')}"
        if self.type == PeriodType.QUARTER:
            quarter = (self.start.month - 4) % 12 // 3 + 1
            return f"FY{year_label(financial_year_of(self.start), '-')}-Q{quarter}"
        if self.type == PeriodType.MONTH:
            return f"{self.start:%Y-%m}"
        return self.end.isoformat()

    @property
    def label(self) -> str:
        if self.type == PeriodType.FINANCIAL_YEAR:
            return f"{year_label(self.start.year)} financial year"
        if self.type == PeriodType.REPORTING_YEAR:
            return f"Year ending 31 March {self.end.year}"
        if self.type == PeriodType.ACADEMIC_YEAR:
            return f"{year_label(self.start.year, '/')} academic year"
        if self.type == PeriodType.QUARTER:
            quarter = self.code[-1]
            return (
                f"Quarter {quarter} {year_label(financial_year_of(self.start))} "
                f"({self.start:%B} to {self.end:%B %Y})"
            )
        if self.type == PeriodType.MONTH:
            return f"{self.start:%B %Y}"
        return f"{self.end.day} {self.end:%B %Y}"

    @property
    def short_label(self) -> str:
        if self.type in (PeriodType.FINANCIAL_YEAR, PeriodType.REPORTING_YEAR):
            return year_label(self.start.year)
        if self.type == PeriodType.ACADEMIC_YEAR:
            return year_label(self.start.year, "/")
        if self.type == PeriodType.QUARTER:
            return f"Q{self.code[-1]} {year_label(financial_year_of(self.start))}"
        if self.type == PeriodType.MONTH:
            return f"{self.start:%b %Y}"
        return f"{self.end.day} {self.end:%b %Y}"


def financial_year(start_year: int) -> PeriodSpec:
    return PeriodSpec(
        PeriodType.FINANCIAL_YEAR,
        datetime.date(start_year, 4, 1),
        datetime.date(start_year + 1, 3, 31),
    )


def reporting_year(end_year: int) -> PeriodSpec:
    return PeriodSpec(
        PeriodType.REPORTING_YEAR,
        datetime.date(end_year - 1, 4, 1),
        datetime.date(end_year, 3, 31),
    )


def academic_year(start_year: int) -> PeriodSpec:
    return PeriodSpec(
        PeriodType.ACADEMIC_YEAR,
        datetime.date(start_year, 9, 1),
        datetime.date(start_year + 1, 8, 31),
    )


def quarter(start_year: int, number: int) -> PeriodSpec:
    if number not in (1, 2, 3, 4):
        raise ValueError(f"There is no quarter {number}: quarters are 1 to 4.")
    month = 4 + (number - 1) * 3
    year = start_year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    start = datetime.date(year, month, 1)
    end_month = month + 2
    end = datetime.date(year, end_month, calendar.monthrange(year, end_month)[1])
    return PeriodSpec(PeriodType.QUARTER, start, end)


def month(year: int, number: int) -> PeriodSpec:
    if not 1 <= number <= 12:
        raise ValueError(f"There is no month {number}.")
    start = datetime.date(year, number, 1)
    end = datetime.date(year, number, calendar.monthrange(year, number)[1])
    return PeriodSpec(PeriodType.MONTH, start, end)


def snapshot(day: datetime.date) -> PeriodSpec:
    return PeriodSpec(PeriodType.SNAPSHOT, day, day)


_YEAR_PAIR = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")
_YEAR_PAIR_COMPACT = re.compile(r"^(\d{4})(\d{2})$")  # EES writes 2023-24 as 202324


def start_of_year_pair(text: str) -> int | None:
    match = _YEAR_PAIR.match(text) or _YEAR_PAIR_COMPACT.match(text)
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    expected = str(first + 1)[-len(second) :]
    if second != expected:
        raise ValueError(f"“{text}” is not two consecutive years (like {first}-{expected}).")
    return first


def _year(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _parse_date(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _parse_month(text: str) -> PeriodSpec | None:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if match:
        return month(int(match.group(1)), int(match.group(2)))
    match = re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", text)
    if match and match.group(1).lower() in MONTHS:
        return month(int(match.group(2)), MONTHS[match.group(1).lower()])
    return None


def _parse_quarter(text: str) -> PeriodSpec | None:
    upper = text.upper().replace("FY", "").strip()
    match = re.fullmatch(r"(.+?)\s*[-\s]\s*Q([1-4])", upper) or re.fullmatch(
        r"Q([1-4])\s+(.+)", upper
    )
    if not match:
        return None
    if upper.startswith("Q"):
        number, year_text = int(match.group(1)), match.group(2)
    else:
        year_text, number = match.group(1), int(match.group(2))
    start_year = start_of_year_pair(year_text.strip())
    if start_year is None:
        return None
    return quarter(start_year, number)


def parse_period(text: str, expected_type: str | None = None) -> PeriodSpec:
    """Read a period as written in a file or form.

    ``expected_type`` (the indicator's period type) settles ambiguous forms: “2023-24” is a
    financial year for a financial-year indicator and an academic year for an academic one.
    A period that is clearly of another type than expected is refused.
    """
    raw = " ".join((text or "").split())
    if not raw:
        raise ValueError("No period given.")
    spec = _parse_any(raw, expected_type)
    if spec is None:
        hint = EXAMPLES.get(expected_type) if expected_type else "; ".join(EXAMPLES.values())
        raise ValueError(
            f"“{raw}” is not a period this platform understands. Write it like {hint}."
        )
    if expected_type and spec.type != expected_type:
        raise ValueError(
            f"“{raw}” is a {PeriodType(spec.type).label.lower()} period, but this indicator "
            f"is counted by {PeriodType(expected_type).label.lower()}. Write it like "
            f"{EXAMPLES[expected_type]}."
        )
    return spec


def _parse_any(raw: str, expected: str | None) -> PeriodSpec | None:
    upper = raw.upper()
    prefixes = {
        "FY": PeriodType.FINANCIAL_YEAR,
        "AY": PeriodType.ACADEMIC_YEAR,
        "RY": PeriodType.REPORTING_YEAR,
    }
    if "Q" in upper:
        found = _parse_quarter(raw)
        if found:
            return found
    for prefix, kind in prefixes.items():
        if upper.startswith(prefix):
            rest = raw[len(prefix) :].strip()
            if kind == PeriodType.REPORTING_YEAR:
                year = _year(rest)
                if year is None:
                    start = start_of_year_pair(rest)
                    year = start + 1 if start is not None else None
                return reporting_year(year) if year else None
            start = start_of_year_pair(rest)
            if start is None:
                return None
            return (
                financial_year(start) if kind == PeriodType.FINANCIAL_YEAR else academic_year(start)
            )
    dashed = re.fullmatch(r"(\d{4})-(\d{2})", raw)
    if dashed:
        first, second = int(dashed.group(1)), dashed.group(2)
        is_pair = second == str(first + 1)[-2:]
        if (expected == PeriodType.MONTH or not is_pair) and 1 <= int(second) <= 12:
            return month(first, int(second))
    start = start_of_year_pair(raw)
    if start is not None:
        if expected == PeriodType.ACADEMIC_YEAR or (expected is None and "/" in raw):
            return academic_year(start)
        if expected == PeriodType.REPORTING_YEAR:
            return reporting_year(start + 1)
        return financial_year(start)
    year = _year(raw)
    if year is not None:
        if expected in (None, PeriodType.REPORTING_YEAR):
            return reporting_year(year)
        if expected == PeriodType.FINANCIAL_YEAR:
            raise ValueError(
                f"“{raw}” could be 2023-24 or 2024-25: write the financial year like "
                f"{year - 1}-{str(year)[-2:]}."
            )
        return None
    day = _parse_date(raw)
    if day is not None:
        return snapshot(day)
    return _parse_month(raw)
