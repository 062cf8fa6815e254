"""Fixtures for comms tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def audience_csv() -> bytes:
    return (FIXTURES / "mailchimp_audience.csv").read_bytes()
