"""`safeguarding restore FILE`: verify an archive, restore it into an empty database, compare."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from safeguarding.core.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by `safeguarding backup` into an EMPTY database (the one "
        "DATABASE_URL names, never migrated) and an empty MEDIA_ROOT. The archive is checked "
        "before anything is changed; afterwards every table's row count and the audit log's "
        "checksum are compared with the backup. Exits non-zero and says what differs if "
        "anything does."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `safeguarding backup`")

    def handle(self, *args, **options):
        connection = connections["default"]  # the restore opens its own connections
        try:
            report = restore_archive(
                archive=Path(options["archive"]),
                database=connection.settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
            )
        except BackupError as error:
            raise CommandError(f"Restore refused or failed: {error}") from None
        if not report.ok:
            raise CommandError(
                "The restore finished but does NOT match the backup; do not use this "
                "database:\n" + "\n".join(f"- {difference}" for difference in report.differences)
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore verified: {report.tables} tables and {report.rows} rows match the "
                f"backup, the audit log's checksum matches ({report.audit_rows} events), "
                f"{report.files} uploaded files restored."
            )
        )
