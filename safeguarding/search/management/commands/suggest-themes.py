"""safeguarding suggest-themes FILE --partnership SLUG [--json]: themes for a text file."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.models import Partnership
from safeguarding.search.services.suggestions import suggestions_for_text


class Command(BaseCommand):
    help = (
        "Suggest practice themes for the text in FILE, each with the words that matched "
        "(rules from the theme vocabulary's names and synonyms). Nothing is tagged."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file, or - to read standard input")
        parser.add_argument("--partnership", required=True, help="The partnership's slug")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")

    def handle(self, *args, **options):
        if not Partnership.objects.filter(slug=options["partnership"]).exists():
            raise CommandError(f"No partnership has the slug {options['partnership']!r}.")
        if options["file"] == "-":
            import sys

            text = sys.stdin.read()
        else:
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"{path} is not a file. Give the path of a text file.")
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise CommandError(f"{path} is not UTF-8 text. Save it as plain text.") from None
        result = suggestions_for_text(text)
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        if not result["themes"]:
            self.stdout.write("No theme matched the text.")
        for theme in result["themes"]:
            self.stdout.write(
                f"{theme['slug']} ({theme['score']}): because of {', '.join(theme['because'])}"
            )
