"""The whole demo, loaded once for every test in this folder (``safeguarding/demo/tests/once.py``
says how). Tests that need a database without the demo, or a transactional one, live outside
this folder."""

from __future__ import annotations

import pytest

from safeguarding.demo.loader import DemoResult, load_demo
from safeguarding.demo.tests.once import loaded_once

DEMO_PASSWORD = "demo password for tests"


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoResult:
    """What the first load made; the data itself is in the database."""
    yield from loaded_once(
        django_db_blocker,
        tmp_path_factory.mktemp("demo-data"),
        lambda: load_demo(password=DEMO_PASSWORD),
    )


@pytest.fixture(autouse=True)
def _demo_in_a_savepoint(demo, db):
    """Every test here sees the demo, in its own savepoint rolled back after it."""
    return demo
