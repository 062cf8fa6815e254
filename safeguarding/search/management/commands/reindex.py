"""safeguarding reindex: rebuild the search index from every app's records."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from safeguarding.core import searching
from safeguarding.search.services.index import reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the records of every app (or only the kinds named). "
        "Safe to run at any time: the index is rewritten in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", help="Only this kind, e.g. reviews.review (repeatable)"
        )
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON")

    def handle(self, *args, **options):
        known = {k.key for k in searching.kinds()}
        unknown = sorted(set(options["kind"] or []) - known)
        if unknown:
            raise CommandError(
                f"Unknown kind {', '.join(unknown)}. Choose from: {', '.join(sorted(known))}."
            )

        def progress(kind, rows):
            if not options["json"]:
                self.stdout.write(f"{kind.plural}: {rows} rows")

        counts = reindex(kind_keys=options["kind"], progress=progress)
        if options["json"]:
            self.stdout.write(json.dumps({"rows": counts}))
        else:
            self.stdout.write(f"Indexed {sum(counts.values())} rows in all.")
