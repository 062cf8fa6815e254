"""`safeguarding import-key-messages FILE... --partnership SLUG [--publish] [--dry-run] [--json]`.

Reads key-messages documents (plain text, Markdown, Word .docx, HTML; newsletters, digests and
board updates too) into an import batch of draft messages per file, for the business unit to
review on the batch's page before anything is public. ``--publish`` publishes each batch at
once, for trusted archives. Each file is all or nothing, in its own transaction: a file that
cannot be read is reported with its name and the reason, and nothing from it is written.
Importing the same file again changes nothing; a second document describing the same meeting
replaces a message only with a fuller text.

``--json`` prints ``created``, ``updated`` and ``skipped`` (what publishing does, or would
do), ``items`` (each message and left-out line with its file, line, outcome and reason) and
``errors`` (each with its file, line and reason).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from safeguarding.accounts.selectors import partnership_get
from safeguarding.governance.importing import DocumentError, read_key_messages
from safeguarding.governance.services.import_batches import file_hash, import_batch_create

JOB = "import-key-messages"


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class Command(BaseCommand):
    help = (
        "Import key messages documents (.txt, .md, .docx, .html) into import batches to review "
        "(or, with --publish, publish them at once). Re-importing changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the messages at once (for trusted archives) instead of leaving "
            "them for review",
        )
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
        dry_run, publish = options["dry_run"], options["publish"]
        totals = {"meetings": 0, "messages": 0, "created": 0, "updated": 0, "skipped": 0}
        left_out = 0
        batches: list[int] = []
        items: list[dict] = []
        errors: list[dict] = []
        meetings_seen: set[tuple] = set()
        for name in options["files"]:
            path = Path(name)
            try:
                reading = read_key_messages(path)
                content = path.read_bytes()
            except (DocumentError, OSError) as error:
                errors.append({"file": name, "line": None, "reason": str(error)})
                self._say(options, f"{name}: not imported – {error}", error=True)
                continue
            try:
                result = self._import(partnership, reading, path.name, content, publish, dry_run)
            except ValidationError as error:
                reason = " ".join(error.messages)
                errors.append({"file": name, "line": None, "reason": reason})
                self._say(options, f"{name}: not imported – {reason}", error=True)
                continue
            file_meetings = {(m.meeting_date, m.meeting_title) for m in reading.messages}
            meetings_seen |= {(name, *m) for m in file_meetings}
            totals["messages"] += len(reading.messages)
            for key in ("created", "updated", "skipped"):
                totals[key] += getattr(result, key)
            file_left_out = [i for i in result.items if i["outcome"] == "left_out"]
            left_out += len(file_left_out)
            items.extend({"file": name, **item} for item in result.items)
            batch = result.batch or result.already
            if result.batch is not None and not dry_run:
                batches.append(result.batch.pk)
            self._say(options, self._file_line(name, reading, result, dry_run, publish))
            for note in reading.notes:
                self._say(options, f"  note: {note}")
            for item in result.items:
                if item["outcome"] in {"created", "updated"} or (
                    item["outcome"] == "skipped" and item["reason"]
                ):
                    label = {"created": "new", "updated": "fuller", "skipped": "skipped"}
                    reason = f" ({item['reason']})" if item["reason"] else ""
                    self._say(
                        options,
                        f"  line {item['line']}: {label[item['outcome']]}: {item['title']}{reason}",
                    )
            for item in file_left_out:
                self._say(
                    options, f"  line {item['line']}: left out – {item['reason']}: {item['title']}"
                )
            if batch is not None and not publish and not dry_run and result.already is None:
                self._say(
                    options,
                    f"  Review and publish batch {batch.pk} on its page: "
                    f"/governance/key-messages/imports/{batch.pk}/",
                )
        totals["meetings"] = len({m[1:] for m in meetings_seen})
        if options["json"]:
            summary = {
                **totals,
                "rows": totals["messages"],
                "left_out": left_out,
                "published": publish and not dry_run,
                "dry_run": dry_run,
                "batches": batches,
                "items": items,
                "errors": errors,
            }
            self.stdout.write(json.dumps(summary, ensure_ascii=False, default=str))
        else:
            if dry_run:
                self.stdout.write("Dry run: nothing was written.")
            self.stdout.write(
                f"Total: {totals['meetings']} meetings, {totals['messages']} messages – "
                f"{totals['created']} new, {totals['updated']} replaced by a fuller text, "
                f"{totals['skipped']} unchanged or skipped, {left_out} lines left out, "
                f"{len(errors)} error{'s' if len(errors) != 1 else ''}."
            )
        if errors:
            raise SystemExit(1)

    def _file_line(self, name, reading, result, dry_run: bool, publish: bool) -> str:
        meetings = len({(m.meeting_date, m.meeting_title) for m in reading.messages})
        count = len(reading.messages)
        head = (
            f"{name}: {meetings} meeting{'s' if meetings != 1 else ''}, "
            f"{count} message{'s' if count != 1 else ''}"
        )
        if result.already is not None:
            return f"{head} – already imported in batch {result.already.pk}; nothing changed"
        if publish:
            verb = "would be" if dry_run else ""
            return (
                f"{head} – {result.created} new{' ' + verb if verb else ''}, "
                f"{result.updated} replaced by a fuller text, {result.skipped} unchanged"
            )
        return (
            f"{head} – {'would be drafted' if dry_run else 'drafted'} for review: "
            f"{result.created} new, {result.updated} fuller than a published one, "
            f"{result.skipped} already published"
        )

    def _import(self, partnership, reading, source: str, content: bytes, publish, dry_run):
        try:
            with transaction.atomic():
                result = import_batch_create(
                    partnership=partnership,
                    reading=reading,
                    source_name=source,
                    source_hash=file_hash(content),
                    job=JOB,
                    publish=publish,
                )
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return result

    def _say(self, options, text: str, error: bool = False) -> None:
        if options["json"]:
            return
        (self.stderr if error else self.stdout).write(text)
