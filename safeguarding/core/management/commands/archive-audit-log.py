"""`safeguarding archive-audit-log --before DATE --output FILE`: the one way old audit events
leave the log — written to a file first, with its checksum."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguarding.core.audit import archive_audit_events


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--before must be a date like 2019-04-01 (year-month-day), not {value!r}."
        ) from None


class Command(BaseCommand):
    help = (
        "Write the audit events from before a date to a JSON lines file, with a SHA-256 "
        "checksum in FILE.sha256, then remove them from the log. Events younger than "
        "AUDIT_LOG_RETENTION_DAYS are never removed. The archiving is itself logged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--before", required=True, help="archive events from before this date (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--output", required=True, help="the new file to write (it must not exist yet)"
        )

    def handle(self, *args, **options):
        before = _date(options["before"])
        try:
            result = archive_audit_events(before=before, output=Path(options["output"]))
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not result.events:
            self.stdout.write(f"No audit events from before {before.isoformat()}; no file written.")
            return
        self.stdout.write(
            f"Archived {result.events} audit event(s) from before {before.isoformat()} to "
            f"{result.path} (SHA-256 {result.sha256}, also in {result.checksum_path}) and "
            f"removed them from the log."
        )
