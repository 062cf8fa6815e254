"""Fixtures shared by every app's tests. App-specific fixtures live in <app>/tests/conftest.py."""

import pytest

from safeguarding.accounts.tests.factories import (
    TEST_PASSWORD,
    PartnershipFactory,
    user_with_role,
)
from safeguarding.core.roles import Role


@pytest.fixture
def partnership(db):
    return PartnershipFactory(slug="testshire", name="Testshire Safeguarding Partnership")


@pytest.fixture
def make_user(db, partnership):
    """make_user(Role.CHAIR) -> a user holding that role in the test partnership."""

    def make(role: str = Role.PRACTITIONER, **kwargs):
        kwargs.setdefault("partnership", partnership)
        return user_with_role(role, **kwargs)

    return make


@pytest.fixture
def signed_in(client, make_user):
    """signed_in(Role.BUSINESS_UNIT) -> a test client signed in as a new user with that role."""

    def sign_in(role: str = Role.PRACTITIONER, **kwargs):
        user = make_user(role, **kwargs)
        client.force_login(user)
        client.user = user
        return client

    return sign_in


@pytest.fixture
def password():
    return TEST_PASSWORD


@pytest.fixture
def count_queries(db):
    """count_queries(callable) -> the number of SQL queries the call made.

    List pages assert that this number is the same with few rows and with many.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(call) -> int:
        with CaptureQueriesContext(connection) as context:
            call()
        return len(context.captured_queries)

    return count
