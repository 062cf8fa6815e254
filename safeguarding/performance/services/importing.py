"""Importing indicator figures from files: official statistics (DfE Explore Education
Statistics), the DfE statistical neighbour model, and the partnership's own template (CSV
or Excel).

How an import behaves (the same from the command line and the upload page):

* Every row of every file is checked first, and every bad row is reported with its file,
  line, column and reason.
* All or nothing: if any row of any file is bad, nothing at all is written — unless the
  person asks to skip invalid rows (``--skip-invalid``), when the good rows are written and
  the bad ones are reported and counted as skipped.
* Importing the same file again changes nothing: a figure already stored is counted as
  skipped; a changed figure is updated (and marked revised, keeping the old figure); nothing
  is ever duplicated.
* A dry run checks and counts everything and then writes nothing.
* ``indicator_values_check`` checks and counts exactly as a dry run does but writes nothing
  at all and needs no transaction (new indicators, areas and periods are kept in memory), so
  the upload page's background import (``services.import_runs``) can save its progress
  while it checks, and then write with ``indicator_values_import`` in one transaction.

Counts: ``rows`` is the data rows read; ``created`` the figures (or neighbour links) stored
for the first time; ``updated`` those changed; ``skipped`` those already stored exactly so,
plus — when skipping invalid rows — each invalid row or cell left out.

Official statistics create their indicators on first import (named from the DfE data
guidance, see ``importing.catalogue``) and save which column feeds which indicator; the
partnership's template must name indicators that exist.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record
from safeguarding.performance.importing.catalogue import measure_for
from safeguarding.performance.importing.layouts import (
    LAYOUT_NAMES,
    Contents,
    Figure,
    RowError,
    detect_layout,
    read_contents,
)
from safeguarding.performance.importing.tables import (
    FileProblem,
    Table,
    container_for,
    read_bytes,
    read_header_bytes,
    read_table,
)
from safeguarding.performance.models import (
    ColumnMapping,
    Flag,
    Indicator,
    IndicatorValue,
    Origin,
    StatisticalNeighbour,
)
from safeguarding.performance.periods import PeriodSpec, PeriodType, parse_period
from safeguarding.performance.services.derived import derived_values_refresh
from safeguarding.performance.services.indicators import check_figure
from safeguarding.performance.services.reference import AreaBook, PeriodBook

FORMATS = ("ees", "csv", "xlsx")
EES_PREFIX = "dfe-"


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [error.as_dict() for error in self.errors],
        }


@dataclass
class LoadedFile:
    table: Table
    layout: str


def _check_layout(table: Table, requested: str | None) -> str:
    layout = detect_layout(table)
    if layout is None:
        raise FileProblem(
            f"{table.name} has columns {', '.join(table.header[:8]) or 'none'}, which are "
            "neither DfE Explore Education Statistics data (time_period, time_identifier, "
            "geographic_level…) nor the partnership's template (indicator, area, period, "
            "value — or area, period and one column per indicator)."
        )
    official = layout in ("ees", "neighbours")
    if requested == "ees" and not official:
        raise FileProblem(
            f"{table.name} is not in the DfE Explore Education Statistics format (it has no "
            "time_period, time_identifier and geographic_level columns): import it as the "
            "partnership's template (on the command line, --format csv)."
        )
    if requested == "csv" and official:
        raise FileProblem(
            f"{table.name} holds {LAYOUT_NAMES[layout]}: import it as official statistics "
            "(on the command line, --format ees)."
        )
    return layout


def load_file(path: Path, requested: str | None) -> LoadedFile:
    """Read a file from disk; FileProblem when it cannot be read or is in the wrong format."""
    table = read_table(path, container_for(path.name, requested))
    return LoadedFile(table, _check_layout(table, requested))


def load_upload(name: str, data: bytes, requested: str | None) -> LoadedFile:
    table = read_bytes(data, name, container_for(name, requested))
    return LoadedFile(table, _check_layout(table, requested))


def check_upload_header(name: str, data: bytes, requested: str | None) -> str:
    """The layout of an uploaded file from its header alone; FileProblem when the file
    cannot be read or is in an unexpected format. The rows are read later, in the
    background."""
    return _check_layout(read_header_bytes(data, name, container_for(name, requested)), requested)


class _Importer:
    """Resolves a file's figures to indicators, areas and periods and writes them.

    ``dry``: check and count only. Nothing is written — new indicators, areas and periods
    are kept in memory under stand-in (negative) ids — so the check needs no transaction
    and whoever watches the import can see its progress.
    """

    def __init__(
        self,
        partnership: Partnership,
        skip_invalid: bool,
        progress: Callable | None,
        *,
        dry: bool = False,
        on_rows: Callable[[int], None] | None = None,
        every: int = 5000,
    ):
        self.partnership = partnership
        self.skip_invalid = skip_invalid
        self.progress = progress
        self.dry = dry
        self.on_rows = on_rows
        self.every = max(every, 1)
        self.rows_done = 0
        self.dry_ids = itertools.count(-1, -1) if dry else None
        self.areas = AreaBook(dry_ids=self.dry_ids)
        self.periods = PeriodBook(dry_ids=self.dry_ids)
        self.result = ImportResult()
        indicators = list(Indicator.objects.filter(partnership=partnership))
        self.by_key = {i.key: i for i in indicators}
        self.by_name: dict[str, Indicator] = {}
        for indicator in indicators:
            self.by_name.setdefault(indicator.name.lower(), indicator)
        self.mappings = {
            (m.source_format, m.column.lower(), m.filter_value.lower()): m.indicator_id
            for m in ColumnMapping.objects.filter(partnership=partnership)
        }
        self.by_pk = {i.pk: i for i in indicators}
        # (indicator, area, period) -> (line, value, flag, symbol, note)
        self.figures: dict[tuple[int, int, int], tuple] = {}
        self.neighbour_rows: list = []
        self.period_texts: dict[tuple[str, str], PeriodSpec | ValueError] = {}

    # Indicators ---------------------------------------------------------------------------

    def _map(self, source_format: str, column: str, filter_value: str, indicator: Indicator):
        if not self.dry:
            ColumnMapping.objects.create(
                partnership=self.partnership,
                source_format=source_format,
                column=column,
                filter_value=filter_value,
                indicator=indicator,
            )
        self.mappings[(source_format, column.lower(), filter_value.lower())] = indicator.pk

    def official_indicator(self, figure: Figure, period: PeriodSpec, source: str) -> Indicator:
        mapped = self.mappings.get(("ees", figure.column.lower(), figure.filter_value.lower()))
        if mapped is not None:
            return self.by_pk[mapped]
        measure = measure_for(figure.column, figure.filter_value, figure.label)
        key = f"{EES_PREFIX}{measure.key}"[:100]
        indicator = self.by_key.get(key)
        if indicator is None:
            indicator = Indicator(
                partnership=self.partnership,
                key=key,
                name=measure.name,
                description=measure.description,
                unit=measure.unit,
                polarity=measure.polarity,
                period_type=period.type,
                source=source[:300],
                decimal_places=measure.decimal_places,
            )
            indicator.full_clean()
            if self.dry:
                indicator.pk = next(self.dry_ids)
            else:
                indicator.save()
            self.by_key[key] = indicator
            self.by_pk[indicator.pk] = indicator
            self.by_name.setdefault(indicator.name.lower(), indicator)
        self._map("ees", figure.column, figure.filter_value, indicator)
        return indicator

    def template_indicator(self, text: str, wide: bool) -> Indicator | None:
        if wide:
            mapped = self.mappings.get(("csv", text.lower(), ""))
            if mapped is not None:
                return self.by_pk[mapped]
        indicator = self.by_key.get(text.strip().lower()) or self.by_name.get(text.strip().lower())
        if indicator is not None and wide:
            self._map("csv", text, "", indicator)
        return indicator

    # Reading figures ----------------------------------------------------------------------

    def parse_period(self, text: str, period_type: str) -> PeriodSpec:
        """parse_period, remembered: a file names the same few periods many times."""
        key = (text, period_type)
        found = self.period_texts.get(key)
        if found is None:
            try:
                found = parse_period(text, period_type)
            except ValueError as error:
                found = error
            self.period_texts[key] = found
        if isinstance(found, ValueError):
            raise found
        return found

    def error(self, error: RowError) -> None:
        self.result.errors.append(error)

    def add_contents(self, table: Table, contents: Contents) -> None:
        self.result.rows += contents.rows
        for error in contents.errors:
            self.error(error)
        rows_before = self.rows_done
        if contents.layout == "neighbours":
            self.neighbour_rows.extend((table.name, row) for row in contents.neighbours)
        else:
            source = contents.source or f"DfE Explore Education Statistics: {table.name}"
            unknown_columns: set[str] = set()
            total = len(contents.figures)
            for count, figure in enumerate(contents.figures, start=1):
                if count % self.every == 0:
                    if self.progress:
                        self.progress(table.name, count, total)
                    if self.on_rows:
                        # Rows, not figures: a row of official statistics holds several.
                        self.on_rows(rows_before + contents.rows * count // total)
                self._add_figure(table.name, contents.layout, figure, source, unknown_columns)
        self.rows_done = rows_before + contents.rows
        if self.on_rows:
            self.on_rows(self.rows_done)

    def _add_figure(self, name, layout, figure: Figure, source, unknown_columns) -> None:
        if layout == "ees":
            period_spec = figure.period
            indicator = self.official_indicator(figure, period_spec, source)
            area = self.areas.official(figure.area)
        else:
            indicator = self.template_indicator(figure.indicator, wide=layout == "wide")
            if indicator is None:
                if layout == "wide":
                    if figure.column not in unknown_columns:
                        unknown_columns.add(figure.column)
                        self.error(
                            RowError(
                                name,
                                None,
                                f"“{figure.column}” is not the key or name of an indicator of "
                                f"{self.partnership.name}: add the indicator first, or correct "
                                "the column heading",
                                figure.column,
                            )
                        )
                    return
                self.error(
                    RowError(
                        name,
                        figure.line,
                        f"“{figure.indicator}” is not the key or name of an indicator of "
                        f"{self.partnership.name}",
                        "indicator",
                    )
                )
                return
            area = self.areas.named(figure.area.name, self.partnership)
            if area is None:
                self.error(
                    RowError(
                        name,
                        figure.line,
                        f"“{figure.area.name}” is not a known area: use the name or code of "
                        "a local authority, region, England or one of the partnership's "
                        "localities",
                        "area",
                    )
                )
                return
            try:
                period_spec = self.parse_period(str(figure.period), indicator.period_type)
            except ValueError as error:
                self.error(RowError(name, figure.line, str(error), "period"))
                return
        if period_spec.type != indicator.period_type:
            self.error(
                RowError(
                    name,
                    figure.line,
                    f"{indicator.name} is counted by "
                    f"{PeriodType(indicator.period_type).label.lower()}, but this row is for "
                    f"{period_spec.label}",
                    figure.column,
                )
            )
            return
        try:
            value = check_figure(indicator, figure.value, figure.flag)
        except ValidationError as error:
            self.error(RowError(name, figure.line, " ".join(error.messages), figure.column))
            return
        period = self.periods.get(period_spec)
        place = (indicator.pk, area.pk, period.pk)
        incoming = (f"{name} line {figure.line}", value, figure.flag, figure.symbol, figure.note)
        earlier = self.figures.get(place)
        if earlier is not None:
            if earlier[1:3] != incoming[1:3]:
                self.error(
                    RowError(
                        name,
                        figure.line,
                        f"{indicator.name} for {area.name}, {period.label} already has a "
                        f"different figure at {earlier[0]}",
                        figure.column,
                    )
                )
            return
        self.figures[place] = incoming

    # Writing ------------------------------------------------------------------------------

    def write_figures(self) -> set[int]:
        """Insert new figures and update changed ones in bulk (plain SQL: the ORM's
        per-object work would take most of the time for 100,000 figures)."""
        indicator_ids = {place[0] for place in self.figures}
        existing = {
            (row[1], row[2], row[3]): row
            for row in IndicatorValue.objects.filter(indicator_id__in=indicator_ids).values_list(
                "id",
                "indicator_id",
                "area_id",
                "period_id",
                "value",
                "flag",
                "source_symbol",
                "note",
            )
        }
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        new, changed = [], []
        touched: set[int] = set()
        for place, (_, value, flag, symbol, note) in self.figures.items():
            current = existing.get(place)
            if current is None:
                new.append((*place, value, flag, symbol, note, Origin.IMPORT, now, now))
                touched.add(place[0])
                continue
            pk, _, _, _, stored, stored_flag, stored_symbol, stored_note = current
            same_value = stored == value
            same_flag = stored_flag == flag or (stored_flag == Flag.REVISED and not flag)
            if same_value and same_flag and stored_note == note and stored_symbol == symbol:
                self.result.skipped += 1
                continue
            previous = None
            if not same_value and stored is not None and value is not None:
                previous = stored
                flag = flag or Flag.REVISED
            changed.append((value, flag, symbol, note, Origin.IMPORT, previous, now, pk))
            touched.add(place[0])
        if not self.dry:
            _insert_values(new)
            _update_values(changed)
        self.result.created += len(new)
        self.result.updated += len(changed)
        return touched

    def write_neighbours(self) -> None:
        areas = {}
        for _name, row in self.neighbour_rows:
            areas[row.area.la_code] = self.areas.official(row.area)
        for name, row in self.neighbour_rows:
            area = areas[row.area.la_code]
            links = (
                {link.rank: link for link in StatisticalNeighbour.objects.filter(area=area)}
                if area.pk > 0
                else {}
            )
            wanted = {}
            for rank, code, closeness in row.neighbours:
                neighbour = areas.get(code) or self.areas.by_la_code.get(code)
                if neighbour is None:
                    self.error(
                        RowError(
                            name,
                            row.line,
                            f"neighbour {code} is not a local authority in this file or on record",
                            f"SN_{rank}",
                        )
                    )
                    continue
                wanted[rank] = (neighbour, closeness.strip())
            for rank, (neighbour, closeness) in wanted.items():
                link = links.pop(rank, None)
                if link is None:
                    if not self.dry:
                        StatisticalNeighbour.objects.create(
                            area=area, neighbour=neighbour, rank=rank, closeness=closeness
                        )
                    self.result.created += 1
                elif (link.neighbour_id, link.closeness) != (neighbour.pk, closeness):
                    if not self.dry:
                        link.neighbour, link.closeness = neighbour, closeness
                        link.save(update_fields=["neighbour", "closeness"])
                    self.result.updated += 1
                else:
                    self.result.skipped += 1
            for link in links.values():
                if not self.dry:
                    link.delete()
                self.result.updated += 1


_VALUE_COLUMNS = [
    "indicator_id",
    "area_id",
    "period_id",
    "value",
    "flag",
    "source_symbol",
    "note",
    "origin",
    "created_at",
    "updated_at",
]
_CHUNK = 5000


def _insert_values(rows: list[tuple]) -> None:
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _VALUE_COLUMNS)
    if connection.vendor == "postgresql" and rows:
        # COPY is PostgreSQL's bulk loader: several times faster than INSERTs.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(_VALUE_COLUMNS))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            cursor.executemany(sql, rows[start : start + _CHUNK])


def _update_values(rows: list[tuple]) -> None:
    """Rows of (value, flag, symbol, note, origin, previous value or None, now, id)."""
    table = connection.ops.quote_name(IndicatorValue._meta.db_table)
    qn = connection.ops.quote_name
    keep_previous = f"{qn('previous_value')} = COALESCE(%s, {qn('previous_value')})"
    sql = (
        f"UPDATE {table} SET {qn('value')} = %s, {qn('flag')} = %s, "  # noqa: S608
        f"{qn('source_symbol')} = %s, {qn('note')} = %s, {qn('origin')} = %s, "
        f"{keep_previous}, {qn('updated_at')} = %s WHERE {qn('id')} = %s"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            cursor.executemany(sql, rows[start : start + _CHUNK])


def files_contents(files: list[LoadedFile]) -> list[Contents]:
    """Each file read into figures (no database): read once, then checked and written."""
    return [read_contents(loaded.table, loaded.layout) for loaded in files]


def indicator_values_check(
    *,
    partnership: Partnership,
    files: list[LoadedFile],
    contents: list[Contents] | None = None,
    skip_invalid: bool = False,
    on_rows: Callable[[int], None] | None = None,
    every: int = 5000,
) -> ImportResult:
    """Check the files as an import would and count what it would do, writing nothing and
    holding no transaction, so progress reported through ``on_rows`` (rows checked so far,
    every ``every`` figures and at the end of each file) can be saved and seen meanwhile.
    The result is that of a dry run (``dry_run`` is set)."""
    contents = files_contents(files) if contents is None else contents
    importer = _Importer(partnership, skip_invalid, None, dry=True, on_rows=on_rows, every=every)
    result = importer.result
    result.dry_run = True
    result.files = [f.table.name for f in files]
    for loaded, read in zip(files, contents, strict=True):
        importer.add_contents(loaded.table, read)
    if importer.neighbour_rows:
        importer.write_neighbours()
    if result.errors and not skip_invalid:
        result.created = result.updated = result.skipped = 0
        return result
    importer.write_figures()
    result.skipped += len(result.errors)
    return result


@transaction.atomic
def indicator_values_import(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    files: list[LoadedFile],
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable | None = None,
    contents: list[Contents] | None = None,
) -> ImportResult:
    """Import the files' figures for a partnership (see the module docstring for the rules).
    ``contents``: the files already read by ``files_contents``."""
    importer = _Importer(partnership, skip_invalid, progress)
    result = importer.result
    result.dry_run = dry_run
    result.files = [f.table.name for f in files]
    if contents is None:  # read one file at a time
        contents = (read_contents(loaded.table, loaded.layout) for loaded in files)
    for loaded, read in zip(files, contents, strict=True):
        importer.add_contents(loaded.table, read)
    if importer.neighbour_rows:
        importer.write_neighbours()
    if result.errors and not skip_invalid:
        transaction.set_rollback(True)
        result.created = result.updated = result.skipped = 0
        return result
    touched = importer.write_figures()
    result.skipped += len(result.errors)
    if touched:
        derived_values_refresh(partnership_id=partnership.pk, changed_indicator_ids=touched)
    audit_record(
        actor=actor,
        job=job,
        event="performance.indicator_values.imported",
        target=partnership,
        after={
            "files": [f"{f.table.name} ({LAYOUT_NAMES[f.layout]})" for f in files],
            **{k: v for k, v in result.as_dict().items() if k != "errors"},
            "errors": len(result.errors),
            "dry_run": dry_run,
        },
    )
    if dry_run:
        transaction.set_rollback(True)
    else:
        result.written = True
    return result
