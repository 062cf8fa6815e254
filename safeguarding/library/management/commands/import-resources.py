"""`safeguarding import-resources FILE --partnership SLUG [--dry-run] [--json]`.

Imports a document register (CSV or Excel .xlsx with the columns title, type, owner, date,
status, link; optionally review date, audience, themes) into the partnership's resource
library. All or nothing: when any row has a problem, each is reported by its row and nothing
is written. A resource is matched by its title, so importing the same file again changes
nothing. Exit status 1 when the file was refused. ``--json`` prints ``created``, ``updated``,
``skipped`` and ``errors``, each error with its ``row`` (1 is the heading row; null when the
whole file is refused) and ``reason``.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.selectors import partnership_get
from safeguarding.core.tables import TableProblem, read_table_file
from safeguarding.library.services.importing import (
    ImportRefused,
    ImportResult,
    RowProblem,
    resources_import,
)

JOB = "import-resources"


class Command(BaseCommand):
    help = (
        "Import a document register (CSV or .xlsx: title, type, owner, date, status, link) "
        "into a partnership's resource library. All or nothing; re-importing changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change and write nothing"
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
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file at {path}. Check the path.")
        try:
            table = read_table_file(path)
        except TableProblem as problem:
            result = ImportResult(errors=[RowProblem(None, f"{path.name}: {problem}")])
        else:
            try:
                result = resources_import(
                    partnership=partnership, table=table, job=JOB, dry_run=options["dry_run"]
                )
            except ImportRefused as refused:
                result = refused.result
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            for change, title in result.changes:
                self.stdout.write(f"  {'new' if change == 'create' else 'changed'}: {title}")
            for error in result.errors:
                self.stderr.write(str(error))
            if result.errors:
                self.stderr.write("Nothing was imported: fix the rows above and try again.")
            elif options["dry_run"]:
                self.stdout.write("Dry run: nothing was written.")
            verb = "to create" if options["dry_run"] else "created"
            self.stdout.write(
                f"{path.name}: {result.created} {verb}, {result.updated} "
                f"{'to update' if options['dry_run'] else 'updated'}, {result.skipped} unchanged, "
                f"{len(result.errors)} error{'s' if len(result.errors) != 1 else ''}."
            )
        if result.errors:
            raise SystemExit(1)
