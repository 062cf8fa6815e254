"""Fixtures shared by every app's tests. App-specific fixtures live in <app>/tests/conftest.py."""

import pytest

from safeguarding.accounts.tests.factories import (
    TEST_PASSWORD,
    PartnershipFactory,
    user_with_role,
)
from safeguarding.core.roles import Role


def restore_starting_themes() -> None:
    """Tests on a flushed database (live-server and other transactional tests) lose the
    themes the data migrations ship; put back the starting themes."""
    from django.utils.text import slugify

    from safeguarding.planning.models import Theme
    from safeguarding.planning.themes import STARTING_THEMES

    for name, description in STARTING_THEMES:
        Theme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "description": description}
        )


def restore_shipped_themes() -> None:
    """The starting themes and the practice-theme vocabulary: all a migrated database holds."""
    from safeguarding.planning.models import Theme
    from safeguarding.planning.vocabulary import load_practice_themes

    restore_starting_themes()
    load_practice_themes(Theme)


@pytest.fixture
def migrations_restored():
    """For a test that migrates an app backwards to test a data migration: afterwards every
    app is migrated forwards again to the latest migrations, not only the app under test.
    Going back unapplies the other apps' migrations that depend on it too, and the tests
    after this one need them (a table they lack fails them, far from the cause)."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


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

    List pages assert that this number is the same with few rows and with many: flat_queries
    below does those steps.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(call) -> int:
        with CaptureQueriesContext(connection) as context:
            call()
        return len(context.captured_queries)

    return count


@pytest.fixture
def flat_queries(count_queries):
    """flat_queries(get, grow) -> the response of get() after grow().

    For a list page: `get` asks for the page (a callable without arguments, so it may use the
    web client or the API client, parameters or a token), `grow` adds many rows of the kind it
    lists. Asserts the page answers 200 before and after and makes the same number of queries
    with those rows as without them (each count is of a second GET, so what the first one
    warms, such as the session or a cache, is not counted). The caller then checks that the
    response shows the rows grow() added.
    """

    def check(get, grow):
        answered(get(), "before the rows were added")
        few = count_queries(get)
        grow()
        response = answered(get(), "after the rows were added")
        many = count_queries(get)
        assert many == few, (
            f"{asked(response)} made {few} queries with few rows and {many} with many"
        )
        return response

    def answered(response, when: str):
        assert response.status_code == 200, (
            f"{asked(response)} answered {response.status_code} {when}"
        )
        return response

    def asked(response) -> str:
        request = getattr(response, "request", None) or {}
        query = request.get("QUERY_STRING")
        return "GET " + request.get("PATH_INFO", "?") + (f"?{query}" if query else "")

    return check
