"""`safeguarding backup --output FILE`: one archive of the database and the uploaded files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from safeguarding.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) of the database (SQLite online backup or pg_dump "
        "--format=custom), every uploaded file under MEDIA_ROOT and a manifest with each "
        "table's row count and a checksum of the audit log. Restore it with "
        "`safeguarding restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="the archive to write, e.g. backup-2026-12-06.tar.gz"
        )

    def handle(self, *args, **options):
        output = Path(options["output"])
        try:
            manifest = create_backup(
                database=connections["default"].settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                output=output,
            )
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from None
        rows = sum(manifest["tables"].values())
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {output}: {len(manifest['tables'])} tables, {rows} rows, "
                f"{manifest['audit_log']['rows']} audit events, {media} uploaded files."
            )
        )
