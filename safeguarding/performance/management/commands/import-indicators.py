"""`safeguarding import-indicators FILE... --partnership SLUG [--format ees|csv|xlsx]
[--dry-run] [--json] [--skip-invalid]` imports indicator figures.

``ees`` is the DfE Explore Education Statistics tidy CSV (and the DfE statistical neighbour
model); ``csv`` and ``xlsx`` are the partnership's own template. Without --format the
format is worked out from the file name and its columns.

All or nothing: every file is read and every row checked before anything is written; if
any file cannot be read or any row is bad, nothing is written and every problem is listed
with its file, line and reason (exit status 1). With --skip-invalid the good rows are
written and the bad ones reported. --json prints
{"rows", "created", "updated", "skipped", "errors"}; each error has file, line, column and
reason.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.selectors import partnership_get, partnership_list
from safeguarding.performance.importing.layouts import RowError
from safeguarding.performance.importing.tables import FileProblem
from safeguarding.performance.services.importing import (
    FORMATS,
    ImportResult,
    indicator_values_import,
    load_file,
)

JOB = "import-indicators command"


class Command(BaseCommand):
    help = (
        "Import indicator figures from DfE Explore Education Statistics files (--format ees) "
        "or the partnership's CSV/Excel template. Nothing is written unless every row is "
        "valid (or --skip-invalid is given)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--partnership", required=True, metavar="SLUG", help="the partnership, e.g. essex"
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default=None,
            help="ees: DfE Explore Education Statistics; csv or xlsx: the partnership's template",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count everything, write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="write the valid rows even when some rows are invalid (they are reported)",
        )

    def handle(self, *args, **options):
        as_json = options["json"]
        partnership = partnership_get(slug=options["partnership"])
        if partnership is None:
            known = ", ".join(p.slug for p in partnership_list()) or "none yet"
            message = (
                f"There is no partnership with the slug “{options['partnership']}” "
                f"(known: {known}). Nothing was imported."
            )
            self._fail(ImportResult(errors=[RowError("", None, message)]), message, as_json)
        loaded, problems = [], []
        for name in options["files"]:
            try:
                loaded.append(load_file(Path(name), options["format"]))
            except FileProblem as problem:
                problems.append(RowError(Path(name).name, None, str(problem)))
        if problems:
            self._fail(
                ImportResult(errors=problems),
                "Nothing was imported: " + " ".join(p.reason for p in problems),
                as_json,
            )
        result = indicator_values_import(
            job=JOB,
            partnership=partnership,
            files=loaded,
            dry_run=options["dry_run"],
            skip_invalid=options["skip_invalid"],
            progress=None if as_json or not sys.stderr.isatty() else self._progress,
        )
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
        else:
            self._report(result, len(loaded))
        if result.errors and not options["skip_invalid"]:
            raise CommandError(
                f"{len(result.errors)} problem(s) found; nothing was imported. Correct the "
                "rows listed and import again, or use --skip-invalid to import the valid rows.",
                returncode=1,
            )

    def _progress(self, name: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        self.stderr.write(
            f"\r{name}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total} figures",
            ending="",
        )
        if done >= total:
            self.stderr.write("")

    def _fail(self, result: ImportResult, message: str, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
        raise CommandError(message, returncode=1)

    def _report(self, result: ImportResult, files: int) -> None:
        for error in result.errors:
            self.stderr.write(str(error))
        verb = "Would import" if result.dry_run else "Imported"
        if result.errors and not result.written and not result.dry_run:
            return
        self.stdout.write(
            f"{verb} {result.rows} rows from {files} file(s): {result.created} created, "
            f"{result.updated} updated, {result.skipped} skipped."
        )
        if result.dry_run:
            self.stdout.write("Dry run: nothing was written.")
