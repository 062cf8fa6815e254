"""Importing a document register (CSV or Excel) into the resource library.

Columns (headings matched without regard to case): ``title``, ``type``, ``owner``, ``date``,
``status``, ``link``; optionally ``review date``, ``audience`` and ``themes``. Every row is
checked first; when any row has a problem nothing is written, and each problem names its
row. A resource is matched by its normalised title, so importing the same register again
changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.audit import audit_record
from safeguarding.core.import_jobs import import_job_progress
from safeguarding.core.services import model_update
from safeguarding.core.tables import Table, TableProblem, read_table_bytes
from safeguarding.library.audit_events import RESOURCE_CREATE, RESOURCE_IMPORT, RESOURCE_UPDATE
from safeguarding.library.models import Audience, Resource, ResourceKind, ResourceStatus
from safeguarding.library.services.resources import title_key
from safeguarding.planning.models import Theme

REQUIRED = ("title", "type")
ALIASES = {
    "title": ("title", "document", "document title", "name"),
    "type": ("type", "kind", "document type"),
    "owner": ("owner", "owner agency", "agency"),
    "date": ("date", "published", "published date", "date published"),
    "status": ("status",),
    "link": ("link", "url", "web address"),
    "review": ("review date", "review", "review due"),
    "audience": ("audience", "audiences"),
    "themes": ("themes", "theme"),
}
KIND_WORDS = {
    **{value: value for value in ResourceKind.values},
    **{label.lower(): value for value, label in ResourceKind.choices},
    "tool": ResourceKind.PRACTICE_TOOL,
    "practice tools": ResourceKind.PRACTICE_TOOL,
    "7 minute briefing": ResourceKind.BRIEFING,
    "seven minute briefing": ResourceKind.BRIEFING,
    "briefing": ResourceKind.BRIEFING,
    "policy": ResourceKind.GUIDANCE,
    "protocol": ResourceKind.GUIDANCE,
    "procedure": ResourceKind.GUIDANCE,
    "website": ResourceKind.LINK,
}
STATUS_WORDS = {
    "": ResourceStatus.PUBLISHED,
    "published": ResourceStatus.PUBLISHED,
    "current": ResourceStatus.PUBLISHED,
    "live": ResourceStatus.PUBLISHED,
    "under review": ResourceStatus.UNDER_REVIEW,
    "in review": ResourceStatus.UNDER_REVIEW,
    "archived": ResourceStatus.ARCHIVED,
    "withdrawn": ResourceStatus.ARCHIVED,
    "superseded": ResourceStatus.ARCHIVED,
    "draft": ResourceStatus.DRAFT,
}
AUDIENCE_WORDS = {
    **{value: value for value in Audience.values},
    **{label.lower(): value for value, label in Audience.choices},
    "parents": Audience.PARENTS,
    "young people": Audience.CHILDREN,
    "children": Audience.CHILDREN,
    "professionals": Audience.PRACTITIONERS,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%B %Y")
FIELDS = ["title", "kind", "owner_name", "published_on", "status", "link", "review_on"]


@dataclass(frozen=True)
class RowProblem:
    """Why a row (or, with no row, the whole file) cannot be imported."""

    row: int | None
    reason: str

    def __str__(self) -> str:
        if self.row is None:
            return self.reason
        return f"Row {self.row}: {self.reason}"

    def as_dict(self) -> dict:
        return {"row": self.row, "reason": self.reason}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    changes: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The summary the command prints with ``--json`` and the job keeps: each error names
        its row (1 is the heading row; ``None`` for the whole file) and the reason."""
        return {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [error.as_dict() for error in self.errors],
        }


REGISTER_IMPORT = "library.register"  # the kind of the import page's jobs (ADR 0033)
PROGRESS_EVERY = 100  # rows written (or compared) between two reports of the progress


class ImportRefused(ValidationError):
    """Some rows have problems: nothing was written. ``result.errors`` names each row."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__([str(error) for error in result.errors])
        self.result = result


class _DryRun(Exception):
    pass


def _columns(header: list[str]) -> tuple[dict[str, str], list[str]]:
    found: dict[str, str] = {}
    for column in header:
        key = re.sub(r"\s+", " ", column.strip().lower())
        for name, aliases in ALIASES.items():
            if key in aliases and name not in found:
                found[name] = column
    missing = [name for name in REQUIRED if name not in found]
    return found, missing


def _date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    if " 00:00:00" in text:  # an Excel date read as text
        text = text.split(" ")[0]
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise ValueError(text)


def _row(line: int, record: dict[str, str], columns: dict[str, str], themes: dict[str, Theme]):
    problems: list[RowProblem] = []

    def problem(reason: str) -> None:
        problems.append(RowProblem(line, reason))

    def cell(name: str) -> str:
        column = columns.get(name)
        return record.get(column, "").strip() if column else ""

    title = cell("title")
    if not title:
        problem("the title is empty. Give every document a title.")
    elif len(title) > 200:
        problem("the title is longer than 200 characters. Shorten it.")
    kind_text = cell("type").lower()
    kind = KIND_WORDS.get(kind_text)
    if kind is None:
        problem(
            f"“{cell('type')}” is not a type we know. Use one of: "
            + ", ".join(label for _, label in ResourceKind.choices)
            + "."
        )
    status = STATUS_WORDS.get(cell("status").lower())
    if status is None:
        problem(
            f"“{cell('status')}” is not a status we know. Use published, "
            "under review, archived or draft."
        )
    dates: dict[str, date | None] = {}
    for name, label in (("date", "date"), ("review", "review date")):
        try:
            dates[name] = _date(cell(name))
        except ValueError:
            problem(
                f"the {label} “{cell(name)}” is not a date. Write it as 31/03/2024 or 2024-03-31."
            )
    link = cell("link")
    if link and not re.match(r"^https?://[^\s]+$", link):
        problem(
            f"the link “{link}” is not a web address. It must start with https:// (or http://)."
        )
    audiences: list[str] = []
    for word in filter(None, (w.strip().lower() for w in cell("audience").split(";"))):
        if word not in AUDIENCE_WORDS:
            problem(f"“{word}” is not an audience we know.")
        else:
            audiences.append(AUDIENCE_WORDS[word])
    row_themes: list[Theme] = []
    for word in filter(None, (w.strip() for w in cell("themes").split(";"))):
        theme = themes.get(word.lower())
        if theme is None:
            problem(
                f"“{word}” is not a theme in the taxonomy. Use a theme's name "
                "as the themes page lists it."
            )
        else:
            row_themes.append(theme)
    data: dict[str, Any] = {
        "title": title,
        "title_key": title_key(title),
        "kind": kind,
        "owner_name": cell("owner")[:200],
        "published_on": dates.get("date"),
        "status": status,
        "link": link,
        "review_on": dates.get("review"),
    }
    if audiences:
        data["audiences"] = sorted(set(audiences))
    return data, row_themes, problems


def resources_import(
    *,
    partnership,
    table: Table,
    actor=None,
    job: str | None = None,
    dry_run: bool = False,
    on_rows: Callable[[int, int], None] | None = None,
    every: int | None = None,
) -> ImportResult:
    """Import every row of a document register, or none: see the module's docstring.

    Raises :class:`ImportRefused` (nothing written) when any row has a problem. ``on_rows(done,
    total)`` is told how many rows have been written (or found unchanged): none once every
    row is checked, then every ``every`` rows (``PROGRESS_EVERY`` unless given) and at the
    end — also when the rows are refused, since every row was checked."""
    every = every or PROGRESS_EVERY
    result = ImportResult()
    columns, missing = _columns(table.header)
    if missing:
        result.errors.append(
            RowProblem(
                1,
                "the file has no "
                + " or ".join(f"“{m}”" for m in missing)
                + " column. The first row must name the columns: title, type, owner, date, "
                "status, link.",
            )
        )
        raise ImportRefused(result)
    themes = {t.name.lower(): t for t in Theme.objects.all()}
    rows = []
    seen: dict[str, int] = {}
    for line, record in table.records():
        if not any(record.values()):
            continue
        data, row_themes, problems = _row(line, record, columns, themes)
        key = data["title_key"]
        if key and key in seen:
            problems.append(
                RowProblem(line, f"“{data['title']}” is also on row {seen[key]}. Keep one of them.")
            )
        seen.setdefault(key, line)
        result.errors.extend(problems)
        rows.append((data, row_themes))
    if not rows and not result.errors:
        result.errors.append(
            RowProblem(None, "The file has no rows under its headings: nothing to import.")
        )
    total = len(rows)
    if result.errors:
        if on_rows is not None:
            on_rows(total, total)
        raise ImportRefused(result)
    if on_rows is not None:
        on_rows(0, total)
    existing = {r.title_key: r for r in Resource.objects.filter(partnership=partnership)}
    try:
        with transaction.atomic():
            for done, (data, row_themes) in enumerate(rows, start=1):
                _import_row(
                    partnership,
                    existing.get(data["title_key"]),
                    data,
                    row_themes,
                    result,
                    actor=actor,
                    job=job,
                )
                if on_rows is not None and (done % every == 0 or done == total):
                    on_rows(done, total)
            if result.created or result.updated:
                audit_record(
                    actor=actor,
                    job=job,
                    event=RESOURCE_IMPORT,
                    target=partnership,
                    after={"file": table.name, **result.as_dict()},
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _import_row(partnership, resource, data, row_themes, result, *, actor, job) -> None:
    fields = list(FIELDS) + ["title_key"]
    if "audiences" in data:
        fields.append("audiences")
    if row_themes:
        data["themes"] = row_themes
        fields.append("themes")
    if resource is None:
        resource = Resource(partnership=partnership)
        event = RESOURCE_CREATE
    else:
        event = RESOURCE_UPDATE
    was_new = resource.pk is None
    _, changed = model_update(resource, fields=fields, data=data, actor=actor, job=job, event=event)
    if was_new:
        result.created += 1
        result.changes.append(("create", data["title"]))
    elif changed:
        result.updated += 1
        result.changes.append(("update", data["title"]))
    else:
        result.skipped += 1


def resources_import_job(*, job, content: bytes) -> dict:
    """The worker's side of the import page (``core.import_jobs``): the result it keeps.
    A register with problems writes nothing and keeps every problem by its row."""
    try:
        table = read_table_bytes(content, job.original_name)
    except TableProblem as problem:
        raise ValidationError(str(problem)) from None
    try:
        result = resources_import(
            partnership=job.partnership,
            table=table,
            actor=job.uploaded_by,
            dry_run=job.dry_run,
            on_rows=lambda done, total: import_job_progress(
                job=job, rows_done=done, rows_total=total
            ),
        )
    except ImportRefused as refused:
        return refused.result.as_dict() | {"refused": True, "dry_run": job.dry_run}
    return result.as_dict() | {"refused": False, "dry_run": job.dry_run}
