"""Fixtures for library tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def register_csv() -> Path:
    return FIXTURES / "register.csv"


@pytest.fixture
def bad_register_csv() -> Path:
    return FIXTURES / "register-bad.csv"
