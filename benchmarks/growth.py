"""Growth benchmark: how the main pages' time grows from 1 to 150 partnerships.

Run with ``make growth`` (or ``.venv/bin/python benchmarks/growth.py --scales 1,10,150``).
It is a benchmark, not a test: it prints figures and writes them to docs/performance.md;
nothing in the suite times anything.

In a throw-away test database it loads the demo partnership, then adds generated
partnerships (``safeguarding demo --scale N``, ``safeguarding/demo/scale.py``) up to each
scale in turn. At each scale it opens every page of ``benchmarks/load_pages.py`` as the role
that uses it, in process through Django's test client (no server, no network: the time is
the application's own), and records the median time of five requests and the number of
queries. Flat is the goal: a page whose time or query count rises with the number of
partnerships does work for records its reader never sees.

At the largest scale it also times the demo partnership's 2021–23 yearly report (figures
from live data and the HTML) and drafting a 400-message key-messages archive as an import
batch.

``--existing`` measures the database ``DATABASE_URL`` names as it is instead (loaded once
with ``safeguarding demo --scale N``; nothing is loaded or written), printing each page's
median, queries and the Python function calls of one request; ``--pages`` keeps only some
pages, and ``--extras`` also times the yearly report and the import there (inside a
transaction that is rolled back). Run it from two checkouts in turn, against the same
database, to compare them. ``--panel-cache`` turns the dashboard's per-person panel cache on
(ADR 0038; the test settings turn it off) and measures each dashboard twice: the first view
(the cache emptied before every request) and a repeated view (the panels kept from the one
before).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")

DOC = ROOT / "docs" / "performance.md"
BEGIN = "<!-- growth-benchmark:begin -->"
END = "<!-- growth-benchmark:end -->"
REPEAT = 5


def parse_scales(value: str) -> list[int]:
    try:
        scales = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise SystemExit(
            f"--scales {value!r}: give numbers of partnerships separated by commas, "
            "such as 1,10,150"
        ) from None
    if not scales or scales[0] < 1 or scales[-1] > 1000:
        raise SystemExit("--scales: give between 1 and 1000 partnerships, such as 1,10,150")
    return scales


def _nothing() -> None:
    pass


def measure(client, path: str, repeat: int = REPEAT, before=_nothing) -> tuple[float, int]:
    """Median milliseconds of ``repeat`` requests after a warm-up, and the queries of one;
    ``before`` runs (untimed) before each request."""
    from django.db import connection

    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}; nothing to measure")
    runs = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        client.get(path)
        runs.append((time.perf_counter() - start) * 1000)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    before()
    with connection.execute_wrapper(count):
        client.get(path)
    return statistics.median(runs), len(queries)


def function_calls(client, path: str, before=_nothing) -> int:
    """Python function calls of one request (cProfile): unlike its time, this does not depend
    on what else the machine is doing, so two versions compare on a busy machine."""
    import cProfile
    import pstats

    before()
    profile = cProfile.Profile()
    profile.enable()
    client.get(path)
    profile.disable()
    return pstats.Stats(profile).total_calls


def wanted(label: str, role: str, parts: list[str]) -> bool:
    return not parts or any(part.lower() in f"{label} ({role})".lower() for part in parts)


def timed(call, repeat: int = 3) -> float:
    call()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scales", default="1,10", help="generated partnerships at each step (1,10,150)"
    )
    parser.add_argument("--years", type=int, default=10, help="years of generated work")
    parser.add_argument(
        "--no-write", action="store_true", help="print the table, leave docs/performance.md"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the database DATABASE_URL names as it is (loads nothing, writes nothing)",
    )
    parser.add_argument(
        "--pages",
        default="",
        help="only pages whose label or role contains one of these (comma-separated)",
    )
    parser.add_argument(
        "--repeat", type=int, default=REPEAT, help="requests per page for the median"
    )
    parser.add_argument(
        "--extras",
        action="store_true",
        help="with --existing: also time the yearly report and an import (rolled back)",
    )
    parser.add_argument(
        "--panel-cache",
        action="store_true",
        help="with --existing: turn the dashboard panel cache on and measure each dashboard's "
        "first and repeated view",
    )
    args = parser.parse_args(argv)
    scales = parse_scales(args.scales)
    parts = [part.strip() for part in args.pages.split(",") if part.strip()]

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import get_runner, setup_test_environment
    from load import ROLES
    from load_pages import pages

    from safeguarding.accounts.models import User

    setup_test_environment()
    if args.existing:
        status = _existing(ROLES, pages, parts, args.repeat, panel_cache=args.panel_cache)
        if args.extras:
            _existing_extras()
        return status
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="growth-bench-")
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        from safeguarding.demo.loader import load_demo
        from safeguarding.demo.scale import load_scale

        started = time.perf_counter()
        load_demo(password="bench-password-not-secret")
        print(f"demo partnership loaded in {time.perf_counter() - started:.0f} s", flush=True)
        clients = {}
        for role, email in ROLES.items():
            client = Client()
            if email:
                client.force_login(User.objects.get(email=email))
            clients[role] = client

        table: dict[tuple[str, str], dict[int, tuple[float, int]]] = {}
        for scale in scales:
            started = time.perf_counter()
            load_scale(scale, years=args.years)
            print(
                f"{scale} generated partnerships in place "
                f"({time.perf_counter() - started:.0f} s to add); measuring",
                flush=True,
            )
            for label, role, path in pages():
                if wanted(label, role, parts):
                    table.setdefault((label, role), {})[scale] = measure(
                        clients[role], path, args.repeat
                    )
        extras = _extras()
    finally:
        runner.teardown_databases(old)

    lines = _table(table, scales, extras, args.years)
    print("\n".join(lines))
    if not args.no_write:
        _write(lines)
    return 0


def _existing(roles, pages, parts: list[str], repeat: int, *, panel_cache: bool = False) -> int:
    """One line per page of a database already loaded (``safeguarding demo --scale N``):
    median milliseconds, queries and the Python function calls of one request. Run it from
    two checkouts in turn against the same database to compare them. With ``panel_cache``
    each dashboard has two lines: its first view and a repeated one."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from safeguarding.accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if panel_cache:
        settings.DASHBOARD_PANEL_CACHE_SECONDS = 60
        cache.clear()
    clients: dict[str, Client] = {}
    print("| Page | Role | Median | Queries | Function calls |")
    print("|---|---|---|---|---|")
    for label, role, path in pages():
        if not wanted(label, role, parts):
            continue
        if role not in clients:
            clients[role] = Client()
            if roles[role]:
                clients[role].force_login(User.objects.get(email=roles[role]))
        runs = [(label, _nothing)]
        if panel_cache and label == "Dashboard":
            runs = [(f"{label}, first view", cache.clear), (f"{label}, repeated view", _nothing)]
        for shown, before in runs:
            ms, queries = measure(clients[role], path, repeat, before)
            calls = function_calls(clients[role], path, before)
            print(f"| {shown} | {role} | {ms:.0f} ms | {queries} | {calls:,} |", flush=True)
    return 0


def _existing_extras() -> None:
    """The yearly report and the import of ``_extras`` on a database already loaded, inside
    one transaction that is rolled back: the import's drafts are never kept."""
    from django.db import transaction

    with transaction.atomic():
        for label, ms in _extras():
            print(f"- {label}: {ms:.0f} ms (median of three)", flush=True)
        transaction.set_rollback(True)


def _extras() -> list[tuple[str, float]]:
    """The yearly report and an import at the largest scale."""
    from safeguarding.accounts.models import Partnership
    from safeguarding.core import reporting
    from safeguarding.governance.benchmark import archive_text, draft_batch
    from safeguarding.reports.documents import render_html
    from safeguarding.reports.models import YearlyReport

    essex = Partnership.objects.get(slug="essex")
    report = YearlyReport.objects.get(partnership=essex, period_start=datetime.date(2021, 4, 1))

    def report_from_live_data() -> None:
        report.figures = reporting.collect(
            partnership_ids=[essex.pk], start=report.period_start, end=report.period_end
        )
        render_html(report)

    text = archive_text()
    counter = iter(range(1000))

    def draft_import() -> None:
        draft_batch(essex, text, f"growth-{next(counter)}")

    return [
        ("The 2021–23 yearly report: figures and HTML", timed(report_from_live_data)),
        ("Draft a 400-message key-messages archive as an import batch", timed(draft_import)),
    ]


def _table(table, scales, extras, years) -> list[str]:
    head = " | ".join(f"{s} partnership{'s' if s > 1 else ''}" for s in scales)
    lines = [
        f"Measured {datetime.date.today():%-d %B %Y} with `make growth "
        f'GROWTH_ARGS="--scales {",".join(map(str, scales))}"` ({years} years of generated '
        "work, SQLite, in process: median of five requests, milliseconds, and queries).",
        "",
        f"| Page | Role | {head} |",
        "|---|---|" + "---|" * len(scales),
    ]
    for (label, role), by_scale in table.items():
        cells = " | ".join(
            f"{by_scale[s][0]:.0f} ms, {by_scale[s][1]} q" if s in by_scale else "–" for s in scales
        )
        lines.append(f"| {label} | {role} | {cells} |")
    lines += ["", f"At {scales[-1]} generated partnerships:", ""]
    lines += [f"- {label}: {ms:.0f} ms (median of three)" for label, ms in extras]
    return lines


def _write(lines: list[str]) -> None:
    text = DOC.read_text()
    block = "\n".join([BEGIN, *lines, END])
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n## Growth: 1 to 150 partnerships\n\n" + block + "\n"
    DOC.write_text(text)
    print(f"written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
