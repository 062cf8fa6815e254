"""Benchmark: search and theme pages over 100,000 indexed records (run with `make bench`).

Targets (read from the figures, never asserted in tests): a search answers in under 100 ms
at p95 with 100,000 indexed records, on SQLite and — when DATABASE_URL points at
PostgreSQL — on PostgreSQL; a theme page in under 100 ms with a constant number of queries.
Rows are written straight into the index (as ``reindex`` would), with a deterministic mix of
words (4,000 everyday words with three safeguarding words per record), themes, kinds, years
and public/staff rows.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROWS = int(os.environ.get("SEARCH_BENCH_ROWS", "100000"))
WORDS = (
    "bruising baby infant neglect safer sleep co-sleeping referral school exclusion police "
    "health visitor domestic abuse coercive control mental health father household assessment "
    "plan review recommendation training course briefing audit indicator drift housing poverty "
    "exploitation county lines online harm suicide self-harm missing education chronology"
).split()
QUERIES = [
    "bruising babies",
    "safer sleep",
    "NAI",
    '"coercive control"',
    "neglect -school",
    "county lines OR exploitation",
    "mental health father",
    "chronology drift",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(label, call, repeat=40):
    call()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    print(
        f"{label:<48} p50 {statistics.median(runs):8.2f} ms   p95 {percentile(runs, 0.95):8.2f} ms"
        f"   queries {len(queries.captured_queries)}"
    )


def fill(partnership, themes):
    from safeguarding.search.models import SearchDocument

    rng = random.Random(26)
    # Ordinary prose: a few thousand everyday words, with the safeguarding words mixed in
    # a few at a time, so a two-word query matches hundreds of rows, not most of them.
    filler = [f"w{n:04d}" for n in range(4000)]

    def text(words: int, domain: int) -> str:
        return " ".join(rng.choices(filler, k=words - domain) + rng.choices(WORDS, k=domain))

    kinds = [
        "reviews.review",
        "reviews.recommendation",
        "governance.keymessage",
        "training.course",
        "governance.action",
        "performance.indicator",
    ]
    through = SearchDocument.themes.through
    batch = []
    for n in range(ROWS):
        year = 2018 + n % 8
        batch.append(
            SearchDocument(
                kind=kinds[n % len(kinds)],
                object_id=n + 1,
                title=text(8, 1).capitalize(),
                body=text(60, 3),
                url=f"/bench/{n}/",
                date=f"{year}-0{1 + n % 9}-1{n % 10}",
                year=year,
                partnership=partnership,
                is_public=n % 3 != 0,
            )
        )
        if len(batch) == 5000:
            rows = SearchDocument.objects.bulk_create(batch)
            through.objects.bulk_create(
                [
                    through(searchdocument_id=r.pk, theme_id=themes[r.object_id % len(themes)].pk)
                    for r in rows
                ]
            )
            batch = []
    if batch:
        rows = SearchDocument.objects.bulk_create(batch)
        through.objects.bulk_create(
            [
                through(searchdocument_id=r.pk, theme_id=themes[r.object_id % len(themes)].pk)
                for r in rows
            ]
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument, search_searchdocument_themes")


def main() -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client
    from django.test.utils import get_runner

    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
    from safeguarding.core.roles import Role
    from safeguarding.planning.models import Theme
    from safeguarding.search.selectors.search import search
    from safeguarding.search.selectors.themes import theme_chain

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        partnership = PartnershipFactory(slug="bench", name="Bench Partnership")
        themes = list(Theme.objects.order_by("pk")[:20])
        start = time.perf_counter()
        fill(partnership, themes)
        print(
            f"search index: {ROWS:,} rows on {connection.vendor} "
            f"written in {time.perf_counter() - start:.1f} s"
        )
        anonymous = AnonymousUser()
        staff = user_with_role(Role.BUSINESS_UNIT, partnership=partnership)
        for text in QUERIES:
            timed(f"search (public) {text}", lambda t=text: search(user=anonymous, text=t))
        for text in QUERIES[:3]:
            timed(f"search (staff) {text}", lambda t=text: search(user=staff, text=t))
        timed(
            "search by date, theme filter",
            lambda: search(user=anonymous, text="neglect", theme=themes[0].slug, order="date"),
        )
        timed(
            f"theme page data ({themes[0].name})",
            lambda: theme_chain(user=anonymous, theme=themes[0]),
            repeat=20,
        )
        client = Client()
        timed(
            "GET /search/?q=bruising+babies",
            lambda: client.get("/search/", {"q": "bruising babies"}),
            repeat=20,
        )
        timed(
            f"GET /themes/{themes[0].slug}/",
            lambda: client.get(f"/themes/{themes[0].slug}/"),
            repeat=20,
        )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
