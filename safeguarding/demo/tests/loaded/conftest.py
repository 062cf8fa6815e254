"""The whole demo, loaded once for every test in this folder (``safeguarding/demo/tests/once.py``
says how). Tests that need a database without the demo, or a transactional one, live outside
this folder."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import TestCase

from safeguarding.demo.loader import DemoResult, load_demo
from safeguarding.demo.tests.once import loaded_once

DEMO_PASSWORD = "demo password for tests"


@dataclass(frozen=True)
class LoadedDemo:
    result: DemoResult  # what the load made
    emails_sent: list  # what it emailed (there must be nothing)


def _load() -> LoadedDemo:
    """Load the demo as `safeguarding demo` does, running what waits for the commit (tasks,
    emails) at once."""
    mail.outbox = []
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = load_demo(password=DEMO_PASSWORD)
    return LoadedDemo(result=result, emails_sent=list(mail.outbox))


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> LoadedDemo:
    """What the first load made; the data itself is in the database."""
    yield from loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo-data"), _load)


@pytest.fixture(autouse=True)
def _demo_in_a_savepoint(demo, db):
    """Every test here sees the demo, in its own savepoint rolled back after it."""
    return demo
