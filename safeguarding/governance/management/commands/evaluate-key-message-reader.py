"""`safeguarding evaluate-key-message-reader DIR [--json]`: precision and recall of the
key-messages reader (meetings, titles, messages per meeting) on a folder of documents, each
with its expected meetings and messages in a JSON file beside it. See
``safeguarding/governance/importing/evaluation.py`` for the format and the measures."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguarding.governance.importing.evaluation import evaluate_folder


class Command(BaseCommand):
    help = "Measure the key-messages reader on a folder of documents with expected results."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder. Give the folder of documents.")
        result = evaluate_folder(folder)
        if not result.documents:
            raise CommandError(
                f"{folder} has no documents with a JSON file of expected results beside them."
            )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
            return
        for doc in result.documents:
            line = (
                f"{doc['document']}: meetings {doc['meetings']['right']}/"
                f"{doc['meetings']['expected']}, titles {doc['titles']['right']}/"
                f"{doc['titles']['expected']}, messages {doc['messages']['right']}/"
                f"{doc['messages']['expected']} (found {doc['messages']['found']})"
            )
            if doc["error"]:
                line += f" – not read: {doc['error']}"
            self.stdout.write(line)
            for title in doc["missed_titles"]:
                self.stdout.write(f"    missed title: {title}")
            for title in doc["wrong_titles"]:
                self.stdout.write(f"    wrong title: {title}")
        self.stdout.write(f"\n{len(result.documents)} documents")
        for name in ("meetings", "titles", "messages"):
            score = getattr(result, name)
            self.stdout.write(
                f"{name:>9}: precision {score.precision:.0%} ({score.right}/{score.found}), "
                f"recall {score.recall:.0%} ({score.right}/{score.expected})"
            )
