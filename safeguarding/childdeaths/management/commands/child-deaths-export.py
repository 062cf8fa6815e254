"""`safeguarding child-deaths-export --partnership SLUG [--year YYYY] --output FILE`.

Writes the panel's findings for the national child mortality dataset (without identifiers,
the same rows as the CSV download on the CDOP figures page) and logs the export.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.selectors import partnership_get
from safeguarding.childdeaths import selectors, services
from safeguarding.core import exports

JOB = "child-deaths-export"


class Command(BaseCommand):
    help = "Export the CDOP's findings (national child mortality dataset shape) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--year", type=int, metavar="YYYY", help="year of panel review")
        parser.add_argument("--output", required=True, metavar="FILE")

    def handle(self, *args, **options):
        slug = options["partnership"]
        partnership = partnership_get(slug=slug)
        if partnership is None:
            raise CommandError(
                f"There is no partnership with the slug “{slug}”. Check the slug on the "
                "partnerships page (or with the API: /api/v1/partnerships/)."
            )
        year = options["year"]
        deaths = selectors.findings_export(partnership_ids=[partnership.pk], year=year)
        text = exports.csv_text(selectors.FINDINGS_HEADER, selectors.findings_rows(deaths))
        path = Path(options["output"])
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
        services.findings_export_record(
            job=JOB, partnership_ids=[partnership.pk], year=year, deaths=deaths
        )
        self.stdout.write(f"Wrote {len(deaths)} reviewed deaths to {path}.")
