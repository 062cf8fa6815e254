"""safeguarding import-question-set FILE --partnership SLUG: a question set into a draft
template (CSV, Excel or Word)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from safeguarding.accounts.models import Partnership
from safeguarding.assurance.models import TemplateKind
from safeguarding.assurance.services.question_sets import question_set_import

from . import _summary

JOB = "assurance.import-question-set"


class Command(BaseCommand):
    help = (
        "Import a question set (standards and questions with section headings) from CSV, Excel "
        "(.xlsx) or Word (.docx: a table, or a numbered list under headings) into a draft "
        "audit template. All or nothing; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partnership", required=True, help="Slug of the partnership")
        parser.add_argument("--name", default="", help="Template name (default: the file's)")
        parser.add_argument("--kind", default=TemplateKind.THEMATIC, choices=TemplateKind.values)
        parser.add_argument(
            "--scale",
            default="",
            help="The rating scale, like “0=Not met; 1=Partly met; 2=Met; 3=Exceeded” "
            "(add “: descriptor” and “[met]”/“[partly]”/“[not met]” to a level), or met, "
            "yes-no, yes-no-partly",
        )
        parser.add_argument(
            "--extra-field",
            action="append",
            default=[],
            help="An extra field beside every question, like “Deadline: date” (text, date, "
            "link); repeat for more",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change")
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON")

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"There is no partnership “{options['partnership']}”.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            summary = question_set_import(
                job=JOB,
                partnership=partnership,
                content=path.read_bytes(),
                filename=path.name,
                name=options["name"],
                kind=options["kind"],
                scale=options["scale"],
                extra_fields=options["extra_field"],
                dry_run=options["dry_run"],
            )
        except ValidationError as error:
            _summary.refuse(self, " ".join(error.messages), options["json"], options["dry_run"])
        _summary.write_summary(self, summary, options["json"])
