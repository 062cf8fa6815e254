"""Understanding what a table holds: official statistics in the Explore Education Statistics
tidy layout, the DfE statistical neighbour model, or the partnership's own template.

Each layout turns rows into :class:`Figure` records (one indicator, area, period and value)
and collects a :class:`RowError` for every cell that cannot be read, naming its line, column
and the reason. Nothing here touches the database; the import service resolves indicators
and areas and writes.

The partnership's template comes in two shapes:

* long — columns ``indicator, area, period, value`` and optionally ``flag, note``;
* wide — columns ``area, period`` and then one column per indicator (its key or name).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from safeguarding.performance.models.indicators import NO_FIGURE_FLAGS, SUPPRESSION_SYMBOLS, Flag
from safeguarding.performance.periods import (
    MONTHS,
    PeriodSpec,
    academic_year,
    financial_year,
    month,
    quarter,
    reporting_year,
    start_of_year_pair,
)

from .catalogue import FILTER_INDEPENDENT
from .tables import Table

EES_TIME = ("time_period", "time_identifier")
EES_GEOGRAPHY = {
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "lad_code",
    "lad_name",
    "pcon_code",
    "pcon_name",
    "lsip_code",
    "lsip_name",
    "local_enterprise_partnership_code",
    "local_enterprise_partnership_name",
    "english_devolved_area_code",
    "english_devolved_area_name",
    "opportunity_area_code",
    "opportunity_area_name",
    "ward_code",
    "ward_name",
    "trust_id",
    "trust_name",
    "school_urn",
    "school_laestab",
    "school_name",
    "provider_ukprn",
    "provider_name",
    "institution_id",
    "institution_name",
    "planning_area_code",
    "planning_area_name",
}
KNOWN_FILTERS = re.compile(
    r"^(category|population_type|characteristic.*|breakdown.*|.*_type|.*_group|age.*|gender|"
    r"sex|ethnicity.*|phase.*|school_type|reason.*|placement.*|legal_status)$"
)
FIGURE_MARKERS = {
    "[p]": Flag.PROVISIONAL,
    "[r]": Flag.REVISED,
    "[e]": Flag.ESTIMATED,
    "[i]": Flag.INCOMPLETE,
    "*": Flag.INCOMPLETE,
}
FLAG_WORDS: dict[str, str] = {
    **{choice.value: choice.value for choice in Flag if choice.value},
    **{choice.label.lower(): choice.value for choice in Flag if choice.value},
    "p": Flag.PROVISIONAL,
    "r": Flag.REVISED,
    "e": Flag.ESTIMATED,
    "[p]": Flag.PROVISIONAL,
    "[r]": Flag.REVISED,
    "[e]": Flag.ESTIMATED,
    "incomplete": Flag.INCOMPLETE,
    "suppressed": Flag.SUPPRESSED,
    "not available": Flag.NOT_AVAILABLE,
    "not applicable": Flag.NOT_APPLICABLE,
    "low reliability": Flag.LOW_RELIABILITY,
    **{symbol: flag for symbol, flag in SUPPRESSION_SYMBOLS.items()},
}
SYMBOL_HELP = "c, k, low, u, x or z"


@dataclass(frozen=True)
class RowError:
    file: str
    line: int | None
    reason: str
    column: str = ""

    def as_dict(self) -> dict:
        return {
            "file": self.file or None,
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
        }

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class AreaRef:
    """An area as a file names it: by code (official statistics) or by name."""

    kind: str
    name: str
    code: str = ""
    la_code: str = ""
    parent: AreaRef | None = None


@dataclass
class Figure:
    line: int
    column: str
    indicator: str  # the column (official statistics, wide template) or the cell (long)
    filter_value: str
    area: AreaRef
    period: PeriodSpec | str  # a template's period is read with the indicator's type
    value: Decimal | None
    flag: str
    symbol: str = ""
    note: str = ""
    label: str = ""  # the filter values that vary in the file (they name new indicators)


@dataclass
class NeighbourRow:
    line: int
    area: AreaRef
    neighbours: list[tuple[int, str, str]]  # (rank, la_code, closeness)


@dataclass
class Contents:
    layout: str  # ees, neighbours, long, wide
    source: str = ""
    figures: list[Figure] = field(default_factory=list)
    neighbours: list[NeighbourRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    measures: list[str] = field(default_factory=list)


def read_figure(text: str, *, markers: bool = True) -> tuple[Decimal | None, str, str]:
    """(value, flag, symbol) from a cell: a number, a suppression symbol, or a number with a
    marker such as ``[p]`` (provisional). Raises ValueError saying what was expected."""
    raw = (text or "").strip()
    if not raw:
        raise ValueError(
            f"no figure: enter a number, or a symbol ({SYMBOL_HELP}) for a figure that is "
            "suppressed or not available"
        )
    lowered = raw.lower()
    if lowered in SUPPRESSION_SYMBOLS:
        return None, SUPPRESSION_SYMBOLS[lowered], raw
    flag = ""
    if markers:
        for marker, marked in FIGURE_MARKERS.items():
            if lowered.endswith(marker):
                flag = marked
                raw = raw[: -len(marker)].strip()
                break
    number = raw.replace(",", "").replace("£", "").strip()
    if number.endswith("%"):
        number = number[:-1].strip()
    try:
        value = Decimal(number)
    except InvalidOperation:
        raise ValueError(
            f"“{text.strip()}” is not a number or a suppression symbol ({SYMBOL_HELP})"
        ) from None
    if not value.is_finite():
        raise ValueError(f"“{text.strip()}” is not a number")
    return value, flag, ""


def read_flag(text: str) -> str:
    raw = (text or "").strip().lower()
    if not raw:
        return ""
    if raw in FLAG_WORDS:
        return FLAG_WORDS[raw]
    choices = ", ".join(choice.value for choice in Flag if choice.value)
    raise ValueError(f"“{text.strip()}” is not a flag; use one of: {choices}")


def _index(header: list[str]) -> dict[str, int]:
    return {name.strip().lower(): position for position, name in enumerate(header)}


def _cell(row: list[str], position: int | None) -> str:
    if position is None or position >= len(row):
        return ""
    return (row[position] or "").strip()


def detect_layout(table: Table) -> str | None:
    columns = _index(table.header)
    if all(c in columns for c in (*EES_TIME, "geographic_level")):
        return "ees"
    if "old_la_code" in columns and "sn_1" in columns:
        return "neighbours"
    if all(c in columns for c in ("indicator", "area", "period", "value")):
        return "long"
    if "area" in columns and "period" in columns:
        return "wide"
    return None


LAYOUT_NAMES = {
    "ees": "DfE Explore Education Statistics data",
    "neighbours": "the DfE statistical neighbour model",
    "long": "the partnership's import template (one figure per row)",
    "wide": "the partnership's import template (one column per indicator)",
}


def read_contents(table: Table, layout: str) -> Contents:
    if layout == "ees":
        return _read_ees(table)
    if layout == "neighbours":
        return _read_neighbours(table)
    if layout == "long":
        return _read_long(table)
    return _read_wide(table)


# Official statistics (tidy) -----------------------------------------------------------------


def ees_period(time_period: str, time_identifier: str) -> PeriodSpec:
    identifier = " ".join(time_identifier.lower().split())
    text = time_period.strip()
    if identifier == "reporting year":
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError(f"time_period “{text}” is not a year such as 2024")
        return reporting_year(int(text))
    if identifier in ("financial year", "academic year") or identifier.startswith(
        "financial year q"
    ):
        start = start_of_year_pair(text)
        if start is None:
            raise ValueError(f"time_period “{text}” is not a year pair such as 202324")
        if identifier == "financial year":
            return financial_year(start)
        if identifier == "academic year":
            return academic_year(start)
        return quarter(start, int(identifier[-1]))
    if identifier in MONTHS and re.fullmatch(r"\d{4}", text):
        return month(int(text), MONTHS[identifier])
    raise ValueError(
        f"time_identifier “{time_identifier.strip()}” is not supported: this platform holds "
        "reporting, financial and academic years, financial quarters and months"
    )


def ees_area(row: list[str], columns: dict[str, int]) -> AreaRef:
    level = " ".join(_cell(row, columns.get("geographic_level")).lower().split())
    country = AreaRef(
        "national",
        _cell(row, columns.get("country_name")) or "England",
        _cell(row, columns.get("country_code")),
    )
    if level == "national":
        return country
    region = AreaRef(
        "regional",
        _cell(row, columns.get("region_name")),
        _cell(row, columns.get("region_code")),
        parent=country,
    )
    if level == "regional":
        if not region.name:
            raise ValueError("a regional row needs region_name")
        return region
    if level == "local authority":
        name = _cell(row, columns.get("la_name"))
        code = _cell(row, columns.get("new_la_code"))
        old = _cell(row, columns.get("old_la_code"))
        if not name or not (code or old):
            raise ValueError("a local authority row needs la_name and new_la_code or old_la_code")
        return AreaRef("local_authority", name, code, old, parent=region if region.name else None)
    raise ValueError(
        f"geographic level “{level or 'blank'}” is not supported: this platform holds "
        "England, regions and local authorities"
    )


def _is_figure_text(text: str) -> bool:
    raw = text.strip()
    if not raw or raw.lower() in SUPPRESSION_SYMBOLS:
        return True
    try:
        Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return False
    return True


def _split_columns(table: Table, columns: dict[str, int]) -> tuple[list[str], list[str]]:
    """(filters, measures): a column of mostly words is a filter, of numbers a measure."""
    filters, measures = [], []
    skip = set(EES_TIME) | EES_GEOGRAPHY
    for name in table.header:
        lower = name.strip().lower()
        if not lower or lower in skip:
            continue
        if KNOWN_FILTERS.match(lower):
            filters.append(name)
            continue
        position = columns[lower]
        texts = [_cell(row, position) for _, row in table.rows]
        words = sum(1 for t in texts if t and not _is_figure_text(t))
        filled = sum(1 for t in texts if t)
        if filled and words * 2 > filled:
            filters.append(name)
        else:
            measures.append(name)
    return filters, measures


def _read_ees(table: Table) -> Contents:
    columns = _index(table.header)
    contents = Contents(layout="ees", source=table.source, rows=len(table.rows))
    filters, measures = _split_columns(table, columns)
    contents.measures = measures
    varying = [
        f for f in filters if len({_cell(row, columns[f.lower()]) for _, row in table.rows}) > 1
    ]
    for line, row in table.rows:
        try:
            period = ees_period(
                _cell(row, columns["time_period"]), _cell(row, columns["time_identifier"])
            )
            area = ees_area(row, columns)
        except ValueError as error:
            contents.errors.append(RowError(table.name, line, str(error)))
            continue
        filter_value = " / ".join(_cell(row, columns[f.lower()]) for f in filters)
        label = " / ".join(_cell(row, columns[f.lower()]) for f in varying)
        for measure in measures:
            text = _cell(row, columns[measure.lower()])
            if not text:
                value, flag, symbol = None, Flag.NOT_AVAILABLE, ""
            else:
                try:
                    value, flag, symbol = read_figure(text, markers=False)
                except ValueError as error:
                    contents.errors.append(RowError(table.name, line, str(error), measure))
                    continue
            contents.figures.append(
                Figure(
                    line=line,
                    column=measure,
                    indicator=measure,
                    filter_value="" if measure.lower() in FILTER_INDEPENDENT else filter_value,
                    label="" if measure.lower() in FILTER_INDEPENDENT else label,
                    area=area,
                    period=period,
                    value=value,
                    flag=flag,
                    symbol=symbol,
                    note="Blank in the source file" if not text else "",
                )
            )
    return contents


# Statistical neighbours ----------------------------------------------------------------------


def _read_neighbours(table: Table) -> Contents:
    columns = _index(table.header)
    contents = Contents(layout="neighbours", source=table.source, rows=len(table.rows))
    ranks = sorted(
        int(match.group(1)) for name in columns if (match := re.fullmatch(r"sn_(\d+)", name))
    )
    for line, row in table.rows:
        code = _cell(row, columns.get("old_la_code"))
        name = _cell(row, columns.get("la_name"))
        if not re.fullmatch(r"\d{3}", code) or not name:
            contents.errors.append(
                RowError(table.name, line, "needs old_la_code (three digits) and la_name")
            )
            continue
        region_name = _cell(row, columns.get("region_name"))
        region = AreaRef("regional", region_name) if region_name else None
        neighbours = []
        for rank in ranks:
            neighbour = _cell(row, columns.get(f"sn_{rank}"))
            if not neighbour:
                continue
            if not re.fullmatch(r"\d{3}", neighbour):
                contents.errors.append(
                    RowError(
                        table.name,
                        line,
                        f"“{neighbour}” is not a local authority number (three digits)",
                        f"SN_{rank}",
                    )
                )
                continue
            closeness = _cell(row, columns.get(f"sn_{rank}p"))
            neighbours.append((rank, neighbour, closeness))
        contents.neighbours.append(
            NeighbourRow(
                line, AreaRef("local_authority", name, la_code=code, parent=region), neighbours
            )
        )
    return contents


# The partnership's template -----------------------------------------------------------------


def _read_long(table: Table) -> Contents:
    columns = _index(table.header)
    contents = Contents(layout="long", source=table.source, rows=len(table.rows))
    for line, row in table.rows:
        indicator = _cell(row, columns["indicator"])
        area = _cell(row, columns["area"])
        period = _cell(row, columns["period"])
        missing = [
            n for n, v in (("indicator", indicator), ("area", area), ("period", period)) if not v
        ]
        if missing:
            contents.errors.append(
                RowError(table.name, line, f"no {' or '.join(missing)} given", missing[0])
            )
            continue
        try:
            flag = read_flag(_cell(row, columns.get("flag")))
        except ValueError as error:
            contents.errors.append(RowError(table.name, line, str(error), "flag"))
            continue
        text = _cell(row, columns["value"])
        if not text and flag in NO_FIGURE_FLAGS:
            value, symbol = None, ""
        else:
            try:
                value, marked, symbol = read_figure(text)
            except ValueError as error:
                contents.errors.append(RowError(table.name, line, str(error), "value"))
                continue
            if value is None:
                flag = marked
            elif marked and flag and marked != flag:
                contents.errors.append(
                    RowError(table.name, line, "the value's marker and the flag disagree", "flag")
                )
                continue
            else:
                flag = flag or marked
        if value is not None and flag in NO_FIGURE_FLAGS:
            contents.errors.append(
                RowError(
                    table.name,
                    line,
                    f"a figure flagged “{Flag(flag).label}” cannot have a value: leave the value "
                    "empty or change the flag",
                    "flag",
                )
            )
            continue
        contents.figures.append(
            Figure(
                line=line,
                column="value",
                indicator=indicator,
                filter_value="",
                area=AreaRef("", area),
                period=period,
                value=value,
                flag=flag,
                symbol=symbol,
                note=_cell(row, columns.get("note")),
            )
        )
    return contents


def _read_wide(table: Table) -> Contents:
    columns = _index(table.header)
    contents = Contents(layout="wide", source=table.source, rows=len(table.rows))
    reserved = {"area", "period", "note", "notes"}
    measures = [
        name for name in table.header if name.strip() and name.strip().lower() not in reserved
    ]
    duplicates = [name for name, count in Counter(m.lower() for m in measures).items() if count > 1]
    for name in duplicates:
        contents.errors.append(
            RowError(table.name, table.header_line, "this column appears more than once", name)
        )
    contents.measures = measures
    for line, row in table.rows:
        area = _cell(row, columns["area"])
        period = _cell(row, columns["period"])
        if not area or not period:
            contents.errors.append(RowError(table.name, line, "no area or period given"))
            continue
        for measure in measures:
            text = _cell(row, table.header.index(measure))
            if not text:
                continue  # an empty cell in a wide sheet means no figure for that indicator
            try:
                value, flag, symbol = read_figure(text)
            except ValueError as error:
                contents.errors.append(RowError(table.name, line, str(error), measure))
                continue
            contents.figures.append(
                Figure(
                    line=line,
                    column=measure,
                    indicator=measure,
                    filter_value="",
                    area=AreaRef("", area),
                    period=period,
                    value=value,
                    flag=flag,
                    symbol=symbol,
                    note=_cell(row, columns.get("note", columns.get("notes"))),
                )
            )
    return contents
