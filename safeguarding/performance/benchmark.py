"""Performance benchmarks (print figures; never timed assertions in tests).

Run: ``.venv/bin/python -m safeguarding.performance.benchmark`` (add DATABASE_URL for
PostgreSQL). Targets from the issue:

- importing 100,000 figures takes under 10 seconds;
- the key data page for 20 indicators × 10 years × 10 areas answers in under 200 ms of
  server time, with a number of queries that does not depend on the number of rows.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def _timed(label: str, call, repeat: int = 10) -> None:
    call()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    print(
        f"{label:<62} median {statistics.median(runs):8.1f} ms   max {max(runs):8.1f} ms   "
        f"queries {len(queries.captured_queries)}"
    )


def _import_benchmark(partnership, tmp: Path) -> None:
    from safeguarding.performance.models import Area, IndicatorValue
    from safeguarding.performance.services.importing import indicator_values_import, load_file
    from safeguarding.performance.services.indicators import indicator_create

    for n in range(20):
        indicator_create(
            job="bench",
            partnership=partnership,
            key=f"bench-{n}",
            name=f"Bench {n}",
            period_type="month",
        )
    Area.objects.bulk_create(
        [
            Area(kind="local_authority", name=f"Bench area {n}", slug=f"bench-area-{n}")
            for n in range(50)
        ]
    )
    rows = ["indicator,area,period,value"]
    for n in range(20):
        for a in range(50):
            for m in range(100):
                year, month = 2015 + m // 12, m % 12 + 1
                rows.append(
                    f"bench-{n},Bench area {a},{year}-{month:02},{(n * 7 + a * 3 + m) % 997}"
                )
    path = tmp / "bench-long.csv"
    path.write_text("\n".join(rows) + "\n")

    ees = [
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
        "region_name,old_la_code,new_la_code,la_name," + ",".join(f"M{n}" for n in range(10))
    ]
    for y in range(2000, 2025):
        for a in range(400):
            values = ",".join(str((y + a + n) % 500) if (a + n) % 50 else "c" for n in range(10))
            ees.append(
                f"{y},Reporting year,Local authority,E92000001,England,E12000006,East of England,"
                f"{100 + a},E0{9000000 + a},Bench authority {a},{values}"
            )
    ees_path = tmp / "bench-ees.csv"
    ees_path.write_text("\n".join(ees) + "\n")

    for label, file, fmt in [
        ("import 100,000 figures (partnership template, long)", path, "csv"),
        ("import 100,000 figures (DfE EES tidy, 10,000 rows × 10)", ees_path, "ees"),
    ]:
        start = time.perf_counter()
        result = indicator_values_import(
            job="bench", partnership=partnership, files=[load_file(file, fmt)]
        )
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = indicator_values_import(
            job="bench", partnership=partnership, files=[load_file(file, fmt)]
        )
        second = time.perf_counter() - start
        print(
            f"{label:<62} first {first:6.2f} s ({result.created} created, "
            f"{len(result.errors)} errors)   again {second:6.2f} s ({again.skipped} skipped)"
        )
    print(f"{'figures stored':<62} {IndicatorValue.objects.count()}")
    _upload_benchmark(partnership, path)


def _upload_benchmark(partnership, path: Path) -> None:
    """The upload page's background import (a core import job) of the same 100,000 rows into
    a fresh partnership: checked with its progress saved in row batches, then written, in the
    job's one transaction."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
    from safeguarding.core.import_jobs import import_job_execute
    from safeguarding.core.roles import Role
    from safeguarding.performance.services.import_runs import figures_import_create
    from safeguarding.performance.services.indicators import indicator_create

    fresh = PartnershipFactory(slug="bench-upload", area="Uploadshire")
    for n in range(20):
        indicator_create(
            job="bench", partnership=fresh, key=f"bench-{n}", name=f"Bench {n}", period_type="month"
        )
    user = user_with_role(Role.BUSINESS_UNIT, partnership=fresh)
    queue_only = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=queue_only):  # queued, not run: run below, timed
        job = figures_import_create(
            actor=user, partnership=fresh, upload=SimpleUploadedFile(path.name, path.read_bytes())
        )
    saves = []
    start = time.perf_counter()
    job = import_job_execute(job_id=job.pk, on_progress=lambda j: saves.append(j.rows_done))
    took = time.perf_counter() - start
    print(
        f"{'upload page import of 100,000 rows (check, then write)':<62} {took:6.2f} s "
        f"({job.result.get('created')} created, {job.status}, progress saved {len(saves)} times)"
    )


def _key_data_benchmark(partnership) -> None:
    from django.test import Client

    from safeguarding.accounts.tests.factories import user_with_role
    from safeguarding.core.roles import Role
    from safeguarding.performance.models import Area, IndicatorValue
    from safeguarding.performance.periods import financial_year
    from safeguarding.performance.services.indicators import indicator_create
    from safeguarding.performance.services.reference import home_area_ensure, period_for

    home = home_area_ensure(partnership)
    england = Area.objects.create(kind="national", name="England (bench)", slug="england-bench")
    region = Area.objects.create(
        kind="regional", name="Region (bench)", slug="region-bench", parent=england
    )
    home.parent = region
    home.save()
    others = [
        Area.objects.create(kind="local_authority", name=f"Other {n}", slug=f"other-{n}")
        for n in range(7)
    ]
    areas = [home, region, england, *others]
    periods = [period_for(financial_year(y)) for y in range(2013, 2023)]

    def build(count: int) -> None:
        indicators = [
            indicator_create(
                job="bench",
                partnership=partnership,
                key=f"key-{count}-{n}",
                name=f"Key {n}",
                in_key_data=True,
            )
            for n in range(count)
        ]
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(indicator=i, area=a, period=p, value=n, origin="entry")
                for n, (i, a, p) in enumerate(
                    (i, a, p) for i in indicators for a in areas for p in periods
                )
            ]
        )

    user = user_with_role(Role.CHAIR, partnership=partnership)
    client = Client()
    client.force_login(user)
    url = f"/performance/key-data/?partnership={partnership.slug}&years=10"
    build(2)
    _timed("key data page, 2 indicators × 10 years × 10 areas", lambda: client.get(url))
    build(18)
    _timed("key data page, 20 indicators × 10 years × 10 areas", lambda: client.get(url))
    _timed(
        "indicator list page (first 50)",
        lambda: client.get(f"/performance/?partnership={partnership.slug}"),
    )
    _timed(
        "API /api/v1/indicator-values/ (first 50)", lambda: client.get("/api/v1/indicator-values/")
    )


def main() -> None:
    import tempfile

    from django.test.utils import get_runner

    from safeguarding.accounts.tests.factories import PartnershipFactory

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        partnership = PartnershipFactory(slug="bench", area="Benchshire")
        with tempfile.TemporaryDirectory() as tmp:
            _import_benchmark(partnership, Path(tmp))
        _key_data_benchmark(PartnershipFactory(slug="bench-key", area="Keyshire"))
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
