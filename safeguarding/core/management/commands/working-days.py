"""`safeguarding working-days add START N` and `safeguarding working-days between START END`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from safeguarding.core.working_days import add_working_days, working_days_between


def _parse_date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{what} {text!r} is not a date. Write it as YYYY-MM-DD, for example 2024-01-15."
        ) from None


def _parse_count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CommandError(
            f"N {text!r} is not a whole number of working days. Write it like 15 or -7."
        ) from None


class Command(BaseCommand):
    help = "Working-day arithmetic in England and Wales (weekends and bank holidays excluded)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{add,between}")
        add = sub.add_parser("add", help="print the date N working days after START")
        add.add_argument("start", metavar="START")
        add.add_argument("n", metavar="N")
        between = sub.add_parser(
            "between", help="print the working days after START up to and including END"
        )
        between.add_argument("start", metavar="START")
        between.add_argument("end", metavar="END")

    def handle(self, *args, **options):
        start = _parse_date(options["start"], "START")
        if options["action"] == "add":
            try:
                result = add_working_days(start, _parse_count(options["n"]))
            except (ValueError, OverflowError) as error:
                raise CommandError(str(error)) from None
            self.stdout.write(result.isoformat())
        else:
            end = _parse_date(options["end"], "END")
            self.stdout.write(str(working_days_between(start, end)))
