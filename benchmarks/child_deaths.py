"""Child death overview benchmark (run with `make bench`): the CDOP case list and figures
pages with 5,000 deaths (ten years of a large area). Target: under 100 ms each, with a
constant number of queries. Prints figures; asserts nothing about time."""

from __future__ import annotations

import datetime
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")

import django  # noqa: E402

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks.run import timed  # noqa: E402

CASES = 5000


def main() -> None:
    from django.test import Client
    from django.test.utils import get_runner

    from safeguarding.accounts.tests.factories import (
        AgencyFactory,
        PartnershipFactory,
        UserFactory,
        user_with_role,
    )
    from safeguarding.childdeaths.models import (
        AgencyReport,
        Category,
        ChildDeath,
        age_band_for,
    )
    from safeguarding.core.roles import Role

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        rng = random.Random(5000)
        partnerships = [PartnershipFactory() for _ in range(3)]
        agency = AgencyFactory(partnerships=partnerships)
        recorder = UserFactory()
        start = datetime.date(2015, 1, 1)
        deaths = []
        for n in range(CASES):
            died = start + datetime.timedelta(days=rng.randint(0, 3650))
            days = rng.randint(0, 6500)
            reviewed = rng.random() < 0.8
            deaths.append(
                ChildDeath(
                    reference=f"CD-B-{n:05d}",
                    age_at_death_days=days,
                    age_band=age_band_for(days),
                    sex=rng.choice(["female", "male"]),
                    ethnicity="white",
                    place="hospital",
                    died_on=died,
                    notified_on=died + datetime.timedelta(days=rng.randint(0, 5)),
                    expected=rng.random() < 0.6,
                    notifying_agency=agency,
                    recorded_by=recorder,
                    status="reviewed" if reviewed else "notified",
                    category=rng.choice(Category.values) if reviewed else "",
                    modifiable=(rng.random() < 0.3) if reviewed else None,
                    panel_reviewed_on=died + datetime.timedelta(days=150) if reviewed else None,
                )
            )
        ChildDeath.objects.bulk_create(deaths, batch_size=1000)
        through = ChildDeath.partnerships.through
        through.objects.bulk_create(
            [
                through(childdeath_id=pk, partnership_id=rng.choice(partnerships).pk)
                for pk in ChildDeath.objects.values_list("pk", flat=True)
            ],
            batch_size=2000,
        )
        AgencyReport.objects.bulk_create(
            [
                AgencyReport(
                    child_death_id=pk,
                    agency=agency,
                    requested_on=datetime.date(2024, 1, 1),
                    due_on=datetime.date(2024, 2, 1),
                )
                for pk in ChildDeath.objects.values_list("pk", flat=True)
            ],
            batch_size=2000,
        )
        member = user_with_role(Role.CDOP_MEMBER, partnership=partnerships[0])
        for partnership in partnerships[1:]:
            member.role_assignments.create(partnership=partnership, role=Role.CDOP_MEMBER)
        client = Client()
        client.force_login(member)
        print(f"Child deaths: {ChildDeath.objects.count():,} cases")
        timed("child deaths list (first page of 50)", lambda: client.get("/child-deaths/"), 10)
        timed("child deaths list, one year", lambda: client.get("/child-deaths/?year=2020"), 10)
        timed("CDOP figures, all years", lambda: client.get("/child-deaths/figures/"), 10)
        timed("CDOP figures, one year", lambda: client.get("/child-deaths/figures/?year=2020"), 10)
        timed("public figures", lambda: client.get("/child-death-figures/"), 10)
        timed("API /api/v1/child-deaths/", lambda: client.get("/api/v1/child-deaths/"), 10)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
