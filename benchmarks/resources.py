"""Benchmark: the public resource library with 2,000 items (run with `make bench`).

Target (issue 15; read from these figures, never timed assertions in tests): `/resources/`
answers in under 50 ms with 2,000 resources, with a query count that does not grow with the
data (the tests pin that). Also printed: `/procedures/`, the API list with all-time usage,
the usage report over a year of daily rows, and the cost of counting one view.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ITEMS = 2000


def timed(label: str, call, repeat: int = 20) -> None:
    call()  # warm up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    print(
        f"{label:<60} median {statistics.median(runs):8.2f} ms   "
        f"max {max(runs):8.2f} ms   queries {len(queries.captured_queries)}"
    )


def main() -> None:
    from django.test import Client
    from django.test.utils import get_runner

    from safeguarding.accounts.tests.factories import PartnershipFactory
    from safeguarding.library.models import (
        Procedure,
        ProcedureVersion,
        Resource,
        ResourceKind,
        ResourceUsage,
    )
    from safeguarding.library.selectors.resources import usage_report
    from safeguarding.library.services.resources import resource_usage_count, title_key
    from safeguarding.planning.models import Theme

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        partnership = PartnershipFactory(slug="bench", name="Bench Partnership")
        rng = random.Random(2000)
        kinds = ResourceKind.values
        Resource.objects.bulk_create(
            Resource(
                partnership=partnership,
                title=f"Bench resource {n:04}",
                title_key=title_key(f"Bench resource {n:04}"),
                kind=kinds[n % len(kinds)],
                audiences=["practitioners", "parents"][: 1 + n % 2],
                link="https://resources.example/bench",
                published_on=date(2024, 4, 1),
            )
            for n in range(ITEMS)
        )
        themes = list(Theme.objects.all()[:5])
        through = Resource.themes.through
        through.objects.bulk_create(
            through(resource_id=pk, theme_id=themes[i % len(themes)].pk)
            for i, pk in enumerate(Resource.objects.values_list("pk", flat=True))
            if themes
        )
        start = date(2024, 4, 1)
        ids = list(Resource.objects.values_list("pk", flat=True))
        ResourceUsage.objects.bulk_create(
            ResourceUsage(
                resource_id=pk,
                day=start + timedelta(days=d),
                views=rng.randint(1, 9),
                downloads=rng.randint(0, 3),
            )
            for pk in ids
            for d in range(0, 365, 7)
        )
        procedures = Procedure.objects.bulk_create(
            Procedure(title=f"Bench procedure {n:03}", review_due_on=date(2026, 1, 1))
            for n in range(200)
        )
        for procedure in procedures:
            procedure.partnerships.add(partnership)
        ProcedureVersion.objects.bulk_create(
            ProcedureVersion(
                procedure=p,
                version=f"1.{v}",
                effective_on=date(2020 + v, 1, 1),
                change_summary="Bench change.",
            )
            for p in procedures
            for v in range(3)
        )
        print(
            f"{ITEMS} resources, {ResourceUsage.objects.count()} daily usage rows, 200 procedures"
        )
        client = Client()
        timed("/resources/ (first page of 25)", lambda: client.get("/resources/"))
        timed(
            "/resources/?kind=podcast&audience=parents",
            lambda: client.get("/resources/?kind=podcast&audience=parents"),
        )
        timed("/resources/<pk>/ (counts a view)", lambda: client.get(f"/resources/{ids[0]}/"))
        timed("/procedures/ (first page of 25)", lambda: client.get("/procedures/"))
        timed("/api/v1/resources/ (with all-time usage)", lambda: client.get("/api/v1/resources/"))
        timed(
            "usage report, one year, 2,000 resources",
            lambda: usage_report(
                partnerships=[partnership.pk], start=start, end=start + timedelta(days=364)
            ),
            repeat=5,
        )
        timed(
            "count one view (UPDATE of the day's row)",
            lambda: resource_usage_count(resource_id=ids[1], counter="views"),
            repeat=200,
        )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
