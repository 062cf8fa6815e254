"""`safeguarding import-subscribers FILE --partnership SLUG [--dry-run] [--json]`.

Imports a Mailchimp-style audience export (Email Address, First Name, Last Name, Tags)
into a partnership's subscribers: bad rows are reported with their row number, duplicates
merged, and an address that unsubscribed is never re-subscribed.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.selectors import partnership_get
from safeguarding.comms.services.subscribers import ImportResult, subscribers_import

JOB = "import-subscribers"


class Command(BaseCommand):
    help = "Import a CSV audience export (Email Address, First Name, Last Name, Tags)."

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
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            result = subscribers_import(
                job=JOB,
                partnership=partnership,
                content=content,
                filename=path.name,
                dry_run=options["dry_run"],
            )
        except ValidationError as error:
            reason = " ".join(error.messages)
            if options["json"]:
                # The same summary as ever, its one error naming no row.
                refused = ImportResult(dry_run=options["dry_run"])
                refused.errors.append({"row": None, "email": "", "reason": reason})
                self.stdout.write(json.dumps(refused.as_dict(), indent=2))
            raise CommandError(reason) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
            return
        for row in result.errors:
            self.stderr.write(f"Row {row['row']} ({row['email'] or 'no address'}): {row['reason']}")
        for row in result.skipped_rows:
            self.stdout.write(f"Row {row['row']} ({row['email']}): {row['reason']}")
        prefix = "Dry run, nothing saved: " if result.dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{result.created} created, {result.updated} updated, "
                f"{result.skipped} skipped, {len(result.errors)} errors"
            )
        )
