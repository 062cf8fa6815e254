"""safeguarding import-past-returns FILE --campaign ID|SLUG: organisations' answers from
before the platform, as the campaign's previous cycle."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeguarding.assurance.services.past_returns import find_campaign, past_returns_import

from . import _summary

JOB = "assurance.import-past-returns"


class Command(BaseCommand):
    help = (
        "Import organisations' previous-cycle answers (CSV or Excel: organisation, question "
        "reference, answer, evidence) so that carry-forward and comparison with the previous "
        "cycle work from the campaign's first cycle on the platform."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--campaign", required=True, help="The campaign's number or slug")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            campaign = find_campaign(options["campaign"])
            summary = past_returns_import(
                job=JOB,
                campaign=campaign,
                content=path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
            )
        except ValidationError as error:
            _summary.refuse(self, " ".join(error.messages), options["json"], options["dry_run"])
        _summary.write_summary(self, summary, options["json"])
