"""safeguarding evaluate-theme-suggestions: precision and recall on the labelled texts."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from safeguarding.search.services.suggestions import evaluate


class Command(BaseCommand):
    help = "Measure the theme-suggestion rules on the labelled evaluation texts."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print everything as JSON")

    def handle(self, *args, **options):
        result = evaluate()
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(
            f"{result['texts']} texts: precision {result['precision']:.3f}, "
            f"recall {result['recall']:.3f} ({result['true_positives']} right, "
            f"{result['false_positives']} extra, {result['false_negatives']} missed)"
        )
