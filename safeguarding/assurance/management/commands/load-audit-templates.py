"""safeguarding load-audit-templates: create the shipped audit templates (idempotent)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from safeguarding.assurance.services.templates import template_library_load


class Command(BaseCommand):
    help = (
        "Create the audit templates shipped with the platform (Section 11, Section 175/157 "
        "schools, multi-agency case audit, thematic audit, yearly report contribution) as "
        "published version 1. Templates "
        "that already exist are left as they are, so it is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")

    def handle(self, *args, **options):
        result = template_library_load()
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        for slug in result["created"]:
            self.stdout.write(f"Created {slug}")
        for slug in result["skipped"]:
            self.stdout.write(f"Already there: {slug}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result['created'])} created, {len(result['skipped'])} already there."
            )
        )
