"""safeguarding suggest-themes-bulk --partnership SLUG [--type TYPE] [--limit N] [--json]:
suggested themes for a partnership's records that carry no theme yet, for review.

Nothing is tagged: the business unit accepts or rejects each suggestion at
/themes/suggestions/. Suggestions already rejected there are left out."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.models import Partnership
from safeguarding.core import searching
from safeguarding.planning.models import Theme
from safeguarding.planning.suggestions import build_rules
from safeguarding.search.selectors.suggestions import suggest_for_documents, untagged_documents

BATCH = 500


class Command(BaseCommand):
    help = (
        "Suggest practice themes for the partnership's records that carry none yet, each with "
        "the words that matched. Nothing is tagged: accept or reject them at /themes/suggestions/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, help="The partnership's slug")
        parser.add_argument(
            "--type", default="", help="Only records of this type, e.g. reviews.notification"
        )
        parser.add_argument(
            "--limit", type=int, default=0, help="At most this many records with suggestions"
        )
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"No partnership has the slug {options['partnership']!r}.")
        keys = [kind.key for kind in searching.taggable_kinds()]
        if options["type"] and options["type"] not in keys:
            raise CommandError(
                f"{options['type']!r} is not a type of record that carries themes. "
                f"Choose one of: {', '.join(keys)}."
            )
        if options["limit"] < 0:
            raise CommandError("--limit must be 0 (no limit) or more.")
        rows = untagged_documents(partnership_ids=[partnership.pk], kind_key=options["type"])
        rules = build_rules(Theme.objects.active().only("name", "slug", "synonyms"))
        untagged = rows.count()
        records = []
        for start in range(0, untagged, BATCH):
            for found in suggest_for_documents(list(rows[start : start + BATCH]), rules=rules):
                if found.suggestions:
                    records.append(found)
                if options["limit"] and len(records) >= options["limit"]:
                    break
            if options["limit"] and len(records) >= options["limit"]:
                break
        listed = [
            {
                "type": found.document.kind,
                "id": found.document.object_id,
                "title": found.document.title,
                "url": found.document.url,
                "themes": [s.as_dict() for s in found.suggestions],
            }
            for found in records
        ]
        result = {"partnership": partnership.slug, "untagged": untagged, "records": listed}
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            f"{untagged} record{'s' if untagged != 1 else ''} without a theme; "
            f"{len(records)} with suggestions."
        )
        for found in records:
            document = found.document
            self.stdout.write(f"{document.kind} {document.object_id}: {document.title}")
            for theme in (s.as_dict() for s in found.suggestions):
                self.stdout.write(
                    f"  {theme['slug']} ({theme['score']}): because of "
                    f"{', '.join(theme['because'])}"
                )
