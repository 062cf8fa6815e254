"""`safeguarding import-key-messages FILE... --partnership SLUG [--dry-run] [--json]`.

Reads key-messages documents (plain text, Markdown, Word .docx, HTML) and creates or
updates the partnership's published key messages. A message is identified by partnership,
meeting date and normalised title, so importing the same document again updates and never
duplicates. Each file is imported in its own transaction: a file that cannot be read is
reported with its name and the reason, and nothing from it is written.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from safeguarding.accounts.selectors import partnership_get
from safeguarding.governance.importing import DocumentError, parse_document
from safeguarding.governance.services.key_messages import key_messages_import

JOB = "import-key-messages"


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class Command(BaseCommand):
    help = (
        "Import key messages documents (.txt, .md, .docx, .html) into a partnership's "
        "published key messages. Re-importing updates and never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
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
        dry_run = options["dry_run"]
        totals = {"meetings": 0, "messages": 0, "created": 0, "updated": 0, "skipped": 0}
        errors: list[str] = []
        meetings_seen: set[tuple] = set()
        for name in options["files"]:
            path = Path(name)
            try:
                found = parse_document(path)
            except DocumentError as error:
                errors.append(f"{name}: {error}")
                self._say(options, f"{name}: not imported – {error}", error=True)
                continue
            try:
                counts = self._import(partnership, found, path.name, dry_run)
            except ValidationError as error:
                errors.append(f"{name}: {' '.join(error.messages)}")
                self._say(options, f"{name}: not imported – {' '.join(error.messages)}", True)
                continue
            file_meetings = {(m.meeting_date, m.meeting_title) for m in found}
            meetings_seen |= file_meetings
            totals["messages"] += len(found)
            totals["created"] += counts.created
            totals["updated"] += counts.updated
            totals["skipped"] += counts.skipped
            errors.extend(counts.errors)
            self._say(
                options,
                f"{name}: {len(file_meetings)} meeting{'s' if len(file_meetings) != 1 else ''}, "
                f"{len(found)} message{'s' if len(found) != 1 else ''} – {counts.created} "
                f"{'to create' if dry_run else 'created'}, {counts.updated} "
                f"{'to update' if dry_run else 'updated'}, {counts.skipped} unchanged",
            )
            for change, label in counts.changes:
                verb = {"create": "new", "update": "changed"}[change]
                self._say(options, f"  {verb}: {label}")
            for problem in counts.errors:
                self._say(options, f"  {problem}", error=True)
        totals["meetings"] = len(meetings_seen)
        if options["json"]:
            # rows: the messages read from the files, so a short read is visible.
            summary = {**totals, "rows": totals["messages"], "errors": errors}
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            if dry_run:
                self.stdout.write("Dry run: nothing was written.")
            self.stdout.write(
                f"Total: {totals['meetings']} meetings, {totals['messages']} messages – "
                f"{totals['created']} created, {totals['updated']} updated, "
                f"{totals['skipped']} unchanged or skipped, "
                f"{len(errors)} error{'s' if len(errors) != 1 else ''}."
            )
        if errors:
            raise SystemExit(1)

    def _import(self, partnership, found, source: str, dry_run: bool):
        try:
            with transaction.atomic():
                counts = key_messages_import(
                    partnership=partnership, messages=found, source=source, job=JOB
                )
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return counts

    def _say(self, options, text: str, error: bool = False) -> None:
        if options["json"]:
            return
        (self.stderr if error else self.stdout).write(text)
