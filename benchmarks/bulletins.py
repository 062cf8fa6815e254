"""Bulletin benchmarks: print figures for the speed targets of issue 15 (`make bench`).

Targets (read from these figures, never asserted in tests):
- sending one edition to 10,000 confirmed subscribers with the locmem email backend
  finishes in under 2 minutes;
- the public /bulletins/ archive with 200 editions answers in under 50 ms, with a query
  count that does not grow with the number of editions.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")

import django  # noqa: E402

django.setup()

from benchmarks.run import timed  # noqa: E402


def main() -> None:
    from django.core import mail
    from django.test import Client
    from django.test.utils import get_runner, setup_test_environment
    from django.utils import timezone

    from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
    from safeguarding.comms.models import Bulletin, Subscriber, SubscriberStatus
    from safeguarding.comms.services import bulletins as services
    from safeguarding.comms.services.sending import bulletin_send_all
    from safeguarding.core.roles import Role

    setup_test_environment()  # the locmem email backend
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        partnership = PartnershipFactory()
        business_unit = user_with_role(Role.BUSINESS_UNIT, partnership=partnership)
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    partnership=partnership,
                    email=f"bench{n:05}@agency.example",
                    status=SubscriberStatus.CONFIRMED,
                )
                for n in range(10_000)
            ],
            batch_size=1000,
        )
        edition = services.bulletin_create(
            actor=business_unit, partnership=partnership, title="Benchmark bulletin"
        )
        services.bulletin_block_add_text(
            actor=business_unit,
            bulletin=edition,
            heading="News",
            body="Read the [protocol](https://procedures.example/bruising) and "
            "[the campaign](https://campaign.example/).",
        )
        mail.outbox = []
        start = time.perf_counter()
        # The test settings run tasks at once: this is the whole send, as the worker runs it.
        services.bulletin_send(actor=business_unit, bulletin=edition)
        bulletin_send_all(bulletin_pk=edition.pk)  # a resumed run finds nothing left to send
        seconds = time.perf_counter() - start
        edition.refresh_from_db()
        print(
            f"{'send one edition to 10,000 subscribers (locmem)':<55} {seconds:8.1f} s   "
            f"emails {len(mail.outbox)}   delivered {edition.delivered}   "
            f"status {edition.status}"
        )
        mail.outbox = []

        now = timezone.now()
        Bulletin.objects.bulk_create(
            [
                Bulletin(
                    partnership=partnership,
                    title=f"Archive edition {n}",
                    status="sent",
                    sent_at=now,
                    recipients=1000,
                    delivered=990,
                    unique_opens=270,
                )
                for n in range(200)
            ]
        )
        client = Client()
        timed("public /bulletins/, 200 editions (first page)", lambda: client.get("/bulletins/"))
        timed("public /bulletins/?page=5", lambda: client.get("/bulletins/?page=5"))
        client.force_login(business_unit)
        timed(
            "open-rate page, 200 editions (last 24)",
            lambda: client.get("/communications/bulletins/figures/"),
        )
        timed("API /api/v1/bulletins/, 200 editions", lambda: client.get("/api/v1/bulletins/"))
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
