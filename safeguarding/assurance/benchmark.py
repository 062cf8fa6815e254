"""Benchmark: a campaign to 600 organisations with 100 questions each (60,000 answers).

Target (read from the printed figures, never asserted in tests): the results page in under
1 second, and the same number of queries with 60 organisations as with 600.

Run with ``.venv/bin/python -m safeguarding.assurance.benchmark`` (it builds its data in a
throw-away test database, never the real one).
"""

from __future__ import annotations

import os
import statistics
import time


def _build(partnership, organisations: int, questions: int, seed: int = 1):
    import random

    from django.utils import timezone

    from safeguarding.accounts.models import Agency
    from safeguarding.assurance.models import (
        Answer,
        AuditReturn,
        AuditTemplate,
        Campaign,
        RatingLevel,
        RatingScale,
        TemplateQuestion,
        TemplateSection,
        TemplateVersion,
    )

    rng = random.Random(seed)
    template = AuditTemplate.objects.create(
        name=f"Benchmark tool {organisations}", slug=f"benchmark-{organisations}", kind="schools"
    )
    version = TemplateVersion.objects.create(template=template, number=1, status="published")
    scale = RatingScale.objects.create(version=version, name="Met scale")
    levels = [
        RatingLevel.objects.create(scale=scale, value=v, label=label, colour=c, outcome=o)
        for v, label, c, o in [
            (1, "Not met", "red", "not_met"),
            (2, "Partly met", "amber", "partly"),
            (3, "Fully met", "green", "met"),
        ]
    ]
    made = []
    for s in range(10):
        section = TemplateSection.objects.create(version=version, number=s + 1, title=f"S{s}")
        for q in range(questions // 10):
            made.append(
                TemplateQuestion(
                    version=version,
                    section=section,
                    key=f"q{s}-{q}",
                    reference=f"{s}.{q}",
                    order=q,
                    text=f"Standard {s}.{q}",
                    answer_type="rating",
                    scale=scale,
                    allows_not_applicable=True,
                )
            )
    question_rows = TemplateQuestion.objects.bulk_create(made)
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                name=f"School {organisations}-{n}",
                type="school",
                sector="education",
                school_phase=rng.choice(["primary", "secondary"]),
                school_type="academy",
            )
            for n in range(organisations)
        ]
    )
    Agency.partnerships.through.objects.bulk_create(
        [
            Agency.partnerships.through(agency_id=a.pk, partnership_id=partnership.pk)
            for a in agencies
        ]
    )
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        partnership=partnership,
        title=f"Benchmark {organisations}",
        version=version,
        opens_on=today,
        closes_on=today,
        status="open",
    )
    now = timezone.now()
    returns = AuditReturn.objects.bulk_create(
        [
            AuditReturn(
                campaign=campaign,
                agency=a,
                status="submitted",
                first_submitted_at=now,
                submitted_at=now,
            )
            for a in agencies
        ]
    )
    batch = []
    for item in returns:
        for question in question_rows:
            roll = rng.random()
            batch.append(
                Answer(
                    audit_return=item,
                    question=question,
                    not_applicable=roll < 0.05,
                    rating=None if roll < 0.05 else rng.choice(levels),
                )
            )
        if len(batch) >= 10_000:
            Answer.objects.bulk_create(batch)
            batch = []
    Answer.objects.bulk_create(batch)
    from django.db import connection

    if connection.vendor == "postgresql":
        # Bulk loading leaves the planner's statistics stale until autovacuum runs; a live
        # system gathers answers over weeks, so measure with statistics up to date.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return campaign


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, get_runner, setup_test_environment
    from django.urls import reverse

    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
    from safeguarding.core.roles import Role

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        partnership = PartnershipFactory(slug="benchmark")
        client = Client()
        client.force_login(user_with_role(Role.BUSINESS_UNIT, partnership=partnership))
        for organisations in (60, 600):
            started = time.perf_counter()
            campaign = _build(partnership, organisations, 100)
            built = time.perf_counter() - started
            url = reverse("assurance:campaign-results", args=[campaign.pk])
            client.get(url)  # warm up
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                response = client.get(url)
                runs.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            answers = organisations * 100
            print(
                f"results page, {organisations:>4} organisations x 100 questions "
                f"({answers:>6} answers): median {statistics.median(runs):8.1f} ms   "
                f"max {max(runs):8.1f} ms   queries {len(queries.captured_queries)}   "
                f"(status {response.status_code}; data built in {built:.1f} s)"
            )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
