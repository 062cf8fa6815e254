"""Fixtures for training tests."""

from __future__ import annotations

import pytest

from safeguarding.training.tests.factories import CourseFactory, SessionFactory


@pytest.fixture
def course(partnership):
    return CourseFactory(partnership=partnership, title="Level 2 Safeguarding Children")


@pytest.fixture
def session(course):
    return SessionFactory(course=course, capacity=3)


@pytest.fixture
def person():
    """Booking details for one fictional practitioner."""
    return {
        "full_name": "Sam Taylor",
        "email": "sam.taylor@riverside.example",
        "job_role": "Youth worker",
        "sector": "voluntary",
        "organisation": "Riverside Youth Project",
    }


def someone(n: int, **extra) -> dict:
    return {
        "full_name": f"Person {n}",
        "email": f"person{n}@agency.example",
        "job_role": "Family support worker",
        "sector": "voluntary",
        "organisation": "Harbour Lights Family Support",
        **extra,
    }


def commit(service, /, **kwargs):
    """Call a service as a request would: its after-commit work (emails) runs if it succeeds.

    Tests run inside a transaction that never commits; this runs the callbacks the service
    queued with ``transaction.on_commit`` once it returns (a refused call queues none).
    """
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return service(**kwargs)


def reschedule(session, starts_at, hours: int = 3):
    """Move a session in time without touching its places (as tests set dates directly)."""
    from datetime import timedelta

    type(session).objects.filter(pk=session.pk).update(
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours)
    )
    session.refresh_from_db()
    return session
