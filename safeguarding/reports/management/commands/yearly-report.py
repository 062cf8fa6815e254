"""`safeguarding yearly-report --partnership SLUG --period START:END --format html|pdf|docx
--output FILE [--json]`.

Builds the partnership's yearly report for the period: the report with exactly that period
(the published one if there is one, else the latest draft) or, when there is none, a report
made from the live figures alone (no narrative). The period is two ISO dates
(``2021-04-01:2023-03-31``) or two years (``2021:2023``: 1 April 2021 to 31 March 2023).
Prints the path; with ``--json`` prints ``{"sections", "figures", "checks_failed", "output"}``.
A build that fails says why and leaves any file already at FILE as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from safeguarding.accounts.selectors import partnership_get
from safeguarding.core import reporting
from safeguarding.reports.checks import quality_checks
from safeguarding.reports.documents import FORMATS, BuildError, build
from safeguarding.reports.models import ReportStatus, YearlyReport
from safeguarding.reports.selectors import report_content
from safeguarding.reports.services.reports import narratives_of


def parse_period(text: str) -> tuple[date, date]:
    try:
        first, last = text.split(":")
        if len(first) == 4 and len(last) == 4:
            return date(int(first), 4, 1), date(int(last), 3, 31)
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        raise CommandError(
            f"“{text}” is not a period: give START:END as two dates (2021-04-01:2023-03-31) "
            "or two years (2021:2023)."
        ) from None
    if end <= start:
        raise CommandError("The end of the period must be after its start.")
    return start, end


class Command(BaseCommand):
    help = "Build a partnership's yearly report for a period as HTML, PDF or Word."

    def add_arguments(self, parser):
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--period", required=True, metavar="START:END")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
        parser.add_argument("--output", required=True, metavar="FILE")
        parser.add_argument("--json", action="store_true", help="print a JSON summary")

    def handle(self, *args, partnership, period, fmt, output, **options):
        found = partnership_get(slug=partnership)
        if found is None:
            raise CommandError(f"No partnership has the slug “{partnership}”.")
        start, end = parse_period(period)
        report = self._report(found, start, end)
        try:
            content = build(report, fmt)
        except BuildError as error:
            raise CommandError(f"{error} {output} was left as it was.") from error
        path = Path(output).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and move it into place: a failure leaves the old file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".yearly-report-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
        if options["json"]:
            sections = report_content(report=report)
            if report.is_frozen:
                failed = [c["key"] for c in report.checks if not c["passed"]]
            else:
                narratives = narratives_of(report) if report.pk else {}
                failed = [
                    c.key
                    for c in quality_checks(
                        report=report, figures=report.figures, narratives=narratives
                    )
                    if not c.passed
                ]
            summary = {
                "sections": sum(1 for s in sections if not s.is_empty),
                "figures": sum(s.figure_count for s in sections),
                "checks_failed": failed,
                "output": str(path),
            }
            self.stdout.write(json.dumps(summary))
        else:
            self.stdout.write(str(path))

    def _report(self, partnership, start: date, end: date) -> YearlyReport:
        reports = YearlyReport.objects.filter(
            partnership=partnership, period_start=start, period_end=end
        )
        report = (
            reports.filter(status=ReportStatus.PUBLISHED).first()
            or reports.order_by("-updated_at").first()
        )
        if report is not None:
            return report
        report = YearlyReport(
            partnership=partnership,
            title=f"Yearly report {start:%-d %B %Y} to {end:%-d %B %Y}",
            period_start=start,
            period_end=end,
        )
        report.figures = reporting.collect(partnership_ids=[partnership.pk], start=start, end=end)
        report.figures_as_of = timezone.now()
        return report
