"""safeguarding import-review-summary FILE... --partnership SLUG [--dry-run] [--json] [--publish]

``--json`` prints the shape every importer prints: ``created`` (with ``--dry-run``: would be
created), ``updated`` (always 0: a file already imported is left as it is), ``skipped`` (files
already imported), ``errors`` (each with its ``file`` and ``reason``), and ``reviews`` (what
was read from each file, with its ``status``)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.models import Partnership
from safeguarding.search.services.external_reviews import SummaryError, external_review_import


class Command(BaseCommand):
    help = (
        "Bring published review summaries from other partnerships or the national panel into "
        "the learning library (text, Markdown, Word, PDF or HTML). Each file is imported whole "
        "or not at all, with the reason; importing a file again changes nothing. Entries stay "
        "private to the business unit until checked, unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Summary files")
        parser.add_argument("--partnership", required=True, help="The importing partnership")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; save nothing")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")
        parser.add_argument("--publish", action="store_true", help="Make the entries public now")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"No partnership has the slug {options['partnership']!r}.")
        reviews, errors = [], []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                errors.append({"file": name, "reason": "there is no such file."})
                continue
            try:
                result = external_review_import(
                    partnership=partnership,
                    name=path.name,
                    data=path.read_bytes(),
                    publish=options["publish"],
                    dry_run=options["dry_run"],
                )
            except SummaryError as error:
                errors.append({"file": name, "reason": str(error)})
                continue
            reviews.append({"file": name, **result})
        if options["json"]:
            statuses = [review["status"] for review in reviews]
            summary = {
                "created": sum(s in ("imported", "would be imported") for s in statuses),
                "updated": 0,
                "skipped": statuses.count("unchanged"),
                "errors": errors,
                "reviews": reviews,
            }
            self.stdout.write(json.dumps(summary, indent=2))
        else:
            for review in reviews:
                self.stdout.write(
                    f"{review['file']}: {review['status']} — {review['title']} "
                    f"({review['type']}, {review['year'] or 'year unknown'}): "
                    f"{len(review['learning'])} learning points, "
                    f"{len(review['recommendations'])} recommendations"
                )
            for failure in errors:
                self.stderr.write(f"{failure['file']}: not imported: {failure['reason']}")
        if errors and not reviews:
            raise CommandError("No file was imported.")
