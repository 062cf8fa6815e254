"""Fixtures for the performance tests: the real DfE files and a partnership with an area."""

from pathlib import Path

import pytest

from safeguarding.performance.tests.factories import AreaFactory

DATA = Path(__file__).resolve().parents[1] / "data"
DFE_FILES = sorted(DATA.glob("*.csv"))


@pytest.fixture
def dfe_files():
    return DFE_FILES


@pytest.fixture
def home(partnership):
    """The partnership's own area (the test partnership covers “Testshire”)."""
    return AreaFactory(name=partnership.area, slug="testshire-area")


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """act(call, ...) runs the call and then what it queued for after commit (emails)."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run
