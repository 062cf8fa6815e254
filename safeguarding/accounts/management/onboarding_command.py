"""The shared body of ``import-organisations`` and ``import-people``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.onboarding import onboarding_run
from safeguarding.accounts.onboarding.results import ImportResult, RowProblem
from safeguarding.accounts.selectors import partnership_get
from safeguarding.core.tables import TableProblem, read_table_file


class OnboardingCommand(BaseCommand):
    kind = ""
    noun = ""

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FILE", help="a CSV (UTF-8 or Windows-1252) or .xlsx file"
        )
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print a JSON summary")

    def handle(self, *args, **options):
        slug = options["partnership"]
        partnership = partnership_get(slug=slug)
        if partnership is None:
            raise CommandError(
                f"There is no partnership with the slug “{slug}”. Check the slug on the "
                "partnerships page (or with the API: /api/v1/partnerships/)."
            )
        self._verb = (
            "Checking: {:,} rows checked" if options["dry_run"] else "Importing: {:,} rows written"
        )
        self._shown = False
        try:
            table = read_table_file(Path(options["file"]))
            result = onboarding_run(
                kind=self.kind,
                partnership=partnership,
                table=table,
                job=f"import-{self.kind}",
                dry_run=options["dry_run"],
                on_rows=None if options["json"] else self._progress,
            )
        except TableProblem as problem:
            self._refuse(f"{problem} Nothing was imported.", options["json"])
        except ValidationError as error:
            self._refuse(f"{' '.join(error.messages)} Nothing was imported.", options["json"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            if self._shown:
                sys.stderr.write("\n")
            self._report(result, options["dry_run"])
        if result.errors:
            raise SystemExit(1)

    def _refuse(self, reason: str, as_json: bool) -> None:
        """A file refused whole: with ``--json`` the same summary as ever, its one error
        naming no row; then a failure."""
        if as_json:
            self.stdout.write(json.dumps(ImportResult(errors=[RowProblem(None, reason)]).as_json()))
        raise CommandError(reason)

    def _progress(self, done: int) -> None:
        sys.stderr.write("\r" + self._verb.format(done))
        self._shown = True
        sys.stderr.flush()

    def _report(self, result, dry_run: bool) -> None:
        for problem in result.errors:
            self.stderr.write(f"Row {problem.row}: {problem.reason}")
        for skip in result.skips:
            self.stdout.write(f"Row {skip.row} skipped: {skip.reason}")
        would = dry_run or bool(result.errors)
        self.stdout.write(
            f"{result.rows} rows – {result.created} {'to create' if would else 'created'}, "
            f"{result.updated} {'to update' if would else 'updated'}, {result.skipped} skipped "
            f"({result.unchanged} unchanged), {len(result.errors)} "
            f"error{'s' if len(result.errors) != 1 else ''}."
        )
        for note in result.notes:
            self.stdout.write(note)
        if result.errors:
            self.stdout.write("Nothing was imported: correct the rows above and run it again.")
        elif dry_run:
            self.stdout.write("Dry run: nothing was written.")
