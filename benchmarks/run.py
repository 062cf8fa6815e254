"""Benchmarks: print figures for the speed targets (run with `make bench`).

Targets (checked by reading these figures, never by timed assertions in tests):
- working-day arithmetic: a 15-working-day clock in well under 1 ms;
- the agencies page and API list with 2,000 agencies: under 300 ms and a constant
  number of queries.
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
        f"{label:<55} median {statistics.median(runs):8.2f} ms   "
        f"max {max(runs):8.2f} ms   queries {len(queries.captured_queries)}"
    )


def main() -> None:
    from django.test import Client
    from django.test.utils import get_runner

    from safeguarding.accounts.models import Agency
    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
    from safeguarding.core.roles import Role
    from safeguarding.core.working_days import add_working_days, working_days_between

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        timed(
            "working days: add 15 from 20 Dec 2023",
            lambda: add_working_days(date(2023, 12, 20), 15),
            repeat=2000,
        )
        timed(
            "working days: between over one year",
            lambda: working_days_between(date(2023, 1, 1), date(2024, 1, 1)),
            repeat=200,
        )

        partnership = PartnershipFactory()
        agencies = [
            Agency(name=f"Bench agency {n:04}", type="voluntary", sector="voluntary")
            for n in range(2000)
        ]
        Agency.objects.bulk_create(agencies)
        partnership.agencies.set(Agency.objects.all())
        user = user_with_role(Role.CHAIR, partnership=partnership)
        client = Client()
        client.force_login(user)
        timed("agencies page, 2,000 agencies (first page of 50)", lambda: client.get("/agencies/"))
        timed("API /api/v1/agencies/, 2,000 agencies", lambda: client.get("/api/v1/agencies/"))
        timed("dashboard", lambda: client.get("/dashboard/"))
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
