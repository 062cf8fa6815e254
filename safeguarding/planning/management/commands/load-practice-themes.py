"""safeguarding load-practice-themes: load the default practice-theme vocabulary (idempotent)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from safeguarding.planning.vocabulary import practice_themes_load


class Command(BaseCommand):
    help = (
        "Add the practice themes shipped with the platform that are missing, and fill in the "
        "synonyms and national themes of those already there. Names and descriptions the "
        "business unit has written are left as they are, so it is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing"
        )
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")

    def handle(self, *args, **options):
        result = practice_themes_load(dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            for error in result["errors"]:
                self.stderr.write(error)
            prefix = "Would have: " if options["dry_run"] else ""
            self.stdout.write(
                f"{prefix}{result['created']} created, {result['updated']} updated, "
                f"{result['skipped']} already complete."
            )
        if result["errors"]:
            raise CommandError("Nothing was loaded: fix the errors above in the data file.")
