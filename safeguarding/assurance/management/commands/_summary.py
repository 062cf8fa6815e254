"""The summary every assurance importer prints (the shape shared by all importers)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError


def write_summary(command: BaseCommand, summary: dict, as_json: bool) -> None:
    """Print the summary; a file with errors ends the command with a failure."""
    if as_json:
        command.stdout.write(json.dumps(summary, default=str))
    else:
        for change in summary["changes"]:
            command.stdout.write(
                f"{change['row']}: {change['action']} "
                f"{change.get('organisation', '')} {change['reference']}".rstrip()
            )
        for error in summary["errors"]:
            command.stderr.write(f"{error['row']}: {error['reason']}")
        verb = "Would make" if summary["dry_run"] else "Made"
        command.stdout.write(
            f"{verb}: {summary['created']} created, {summary['updated']} updated, "
            f"{summary['skipped']} unchanged."
        )
    if summary["errors"]:
        raise CommandError(
            f"{len(summary['errors'])} rows have problems, so nothing was imported. Fix them "
            "and import the file again."
        )


def refuse(command: BaseCommand, reason: str, as_json: bool, dry_run: bool = False) -> None:
    """A file refused whole (it cannot be read, the campaign cannot take it): with
    ``--json`` the same summary as ever, its one error naming no row; then a failure."""
    if as_json:
        command.stdout.write(
            json.dumps(
                {
                    "created": 0,
                    "updated": 0,
                    "skipped": 0,
                    "changes": [],
                    "errors": [{"row": None, "reason": reason}],
                    "dry_run": dry_run,
                    "written": False,
                }
            )
        )
    raise CommandError(reason)
