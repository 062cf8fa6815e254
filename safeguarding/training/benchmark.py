"""Speed and capacity figures for training (printed, never asserted in tests).

- the public catalogue with 5,000 sessions: server time per page (target under 100 ms);
- 50 people booking the last 5 places at once: exactly 5 booked and 45 waiting.

Run with ``safeguarding training_benchmark``; it builds a throwaway test database (SQLite or
PostgreSQL, whichever DATABASE_URL names) and removes it afterwards.
"""

from __future__ import annotations

import statistics
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, get_runner, setup_test_environment
from django.utils import timezone


def _timed(label: str, call, repeat: int = 20, out=print) -> float:
    call()  # warm up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = call()
        runs.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        call()
    median = statistics.median(runs)
    out(
        f"{label:<58} median {median:7.2f} ms   max {max(runs):7.2f} ms   "
        f"queries {len(queries.captured_queries)}"
    )
    return median


def _catalogue(out) -> None:
    from safeguarding.accounts.tests.factories import PartnershipFactory
    from safeguarding.training.models import Course, LearningOutcome, Session

    partnership = PartnershipFactory(slug="bench")
    courses = Course.objects.bulk_create(
        Course(
            partnership=partnership,
            title=f"Bench course {n:03}",
            summary="Benchmark course.",
            level=["1", "2", "3", "specialist"][n % 4],
            format="virtual",
            duration_minutes=120,
            is_published=True,
        )
        for n in range(250)
    )
    LearningOutcome.objects.bulk_create(LearningOutcome(course=c, text="Outcome") for c in courses)
    start = timezone.now() + timedelta(days=1)
    Session.objects.bulk_create(
        Session(
            course=courses[n % len(courses)],
            starts_at=start + timedelta(hours=n),
            ends_at=start + timedelta(hours=n, minutes=90),
            online_link="https://meet.example/bench",
            capacity=30,
            places_taken=n % 31,
        )
        for n in range(5000)
    )
    out(f"catalogue: {Session.objects.count()} sessions of {len(courses)} courses")
    client = Client()
    _timed("catalogue /training/, first page", lambda: client.get("/training/"), out=out)
    _timed(
        "catalogue, level 3 with places left",
        lambda: client.get("/training/?level=3&available=on"),
        out=out,
    )
    _timed("catalogue, page 10", lambda: client.get("/training/?page=10"), out=out)
    _timed("API /api/v1/training/sessions/ (signed in)", _api_client().__call__, out=out)


def _api_client():
    from safeguarding.accounts.tests.factories import user_with_role
    from safeguarding.core.roles import Role

    client = Client()
    client.force_login(user_with_role(Role.PRACTITIONER))
    return lambda: client.get("/api/v1/training/sessions/?upcoming=true")


def _last_places(out) -> None:
    from safeguarding.training import services
    from safeguarding.training.models import Booking, BookingStatus
    from safeguarding.training.tests.factories import SessionFactory

    session = SessionFactory(capacity=5)
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def book(n: int) -> None:
        try:
            barrier.wait(timeout=60)
            services.booking_create(
                actor=AnonymousUser(),
                session=session,
                full_name=f"Bench person {n}",
                email=f"bench{n}@bench.example",
                job_role="Worker",
                sector="voluntary",
                organisation="Bench",
            )
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    started = time.perf_counter()
    threads = [threading.Thread(target=book, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = (time.perf_counter() - started) * 1000
    session.refresh_from_db()
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    out(
        f"50 concurrent bookings for the last 5 places ({connection.vendor}): "
        f"{statuses.count(BookingStatus.BOOKED)} booked, "
        f"{statuses.count(BookingStatus.WAITING)} waiting, places taken "
        f"{session.places_taken}/{session.capacity}, errors {len(errors)}, {elapsed:.0f} ms"
    )


def run(out=print) -> None:
    setup_test_environment()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    runner = get_runner(settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        _catalogue(out)
        _last_places(out)
    finally:
        runner.teardown_databases(old)
