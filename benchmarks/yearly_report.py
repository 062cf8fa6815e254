"""Benchmark: the demo partnership's two-year yearly report (run with `make bench`).

Targets (read from these figures, never timed assertions in tests):
- the 2021–23 report's figures collected from live data and built as HTML: under 2 s;
- the same report built as a PDF: under 15 s;
- the public page served from the snapshot with a constant number of queries.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def timed(label: str, call, repeat: int) -> None:
    call()  # warm up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    print(
        f"{label:<55} median {statistics.median(runs):9.1f} ms   "
        f"max {max(runs):9.1f} ms   queries {len(queries.captured_queries)}"
    )


def main() -> None:
    import tempfile

    from django.test import Client
    from django.test.utils import get_runner

    from safeguarding.accounts.models import Partnership
    from safeguarding.core import reporting
    from safeguarding.demo.loader import load_demo
    from safeguarding.reports.documents import build_docx, build_pdf, render_html
    from safeguarding.reports.models import YearlyReport

    setup_test_environment()
    django.conf.settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="yearly-report-bench-")
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        load_demo(password="bench-password-not-secret")
        essex = Partnership.objects.get(slug="essex")
        report = YearlyReport.objects.get(partnership=essex, period_start=date(2021, 4, 1))
        start, end = report.period_start, report.period_end

        def html_from_live_data() -> None:
            report.figures = reporting.collect(partnership_ids=[essex.pk], start=start, end=end)
            render_html(report)

        timed("2021–23 report: figures from live data + HTML", html_from_live_data, repeat=5)
        timed("2021–23 report: HTML from the snapshot", lambda: render_html(report), repeat=5)
        timed("2021–23 report: PDF (WeasyPrint)", lambda: build_pdf(report), repeat=2)
        timed("2021–23 report: Word (python-docx)", lambda: build_docx(report), repeat=3)
        client = Client()
        timed(
            f"public page /yearly-reports/{report.pk}/",
            lambda: client.get(f"/yearly-reports/{report.pk}/"),
            repeat=10,
        )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
