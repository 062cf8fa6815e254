"""Public pages kept in the cache for visitors who are not signed in (core/public_cache.py)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from safeguarding.accounts.models import Role
from safeguarding.governance.tests.factories import KeyMessageFactory

ARCHIVE = "/key-messages/"


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def message(partnership):
    return KeyMessageFactory(partnership=partnership, title="Safer sleep for every baby")


def test_a_second_visitor_gets_the_kept_page_without_the_view_reading_the_database(client, message):
    first = client.get(ARCHIVE)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(ARCHIVE)

    assert first["X-Public-Cache"] == "miss"
    assert second["X-Public-Cache"] == "hit"
    assert second.content == first.content
    assert "Safer sleep for every baby" in second.content.decode()
    assert len(queries) == 0
    # A kept page still carries the headers every page gets on its way out.
    assert second["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in second


def test_a_change_shows_at_once(client, message):
    client.get(ARCHIVE)

    message.title = "Safer sleep: the new leaflet"
    message.save()
    page = client.get(ARCHIVE)

    assert page["X-Public-Cache"] == "miss"
    assert "Safer sleep: the new leaflet" in page.content.decode()


def test_a_withdrawn_message_is_gone_at_once(client, message):
    detail = f"/key-messages/{message.pk}/"
    assert client.get(detail).status_code == 200

    message.status = "draft"
    message.save()

    assert client.get(detail).status_code == 404


def test_a_signed_in_person_is_never_served_a_kept_page_and_never_fills_the_cache(
    client, signed_in, message
):
    signed_in(Role.BUSINESS_UNIT)
    visitor = Client()
    visitor.get(ARCHIVE)  # kept for visitors

    page = client.get(ARCHIVE)

    assert "X-Public-Cache" not in page
    assert "Sign out" in page.content.decode()
    kept = visitor.get(ARCHIVE)
    assert kept["X-Public-Cache"] == "hit"
    assert "Sign out" not in kept.content.decode()


def test_a_page_with_a_form_is_never_kept(client, partnership):
    client.get("/accounts/sign-in/")
    page = client.get("/accounts/sign-in/")

    assert "X-Public-Cache" not in page
    assert "csrfmiddlewaretoken" in page.content.decode()


def test_pages_not_listed_are_not_kept(client, partnership):
    page = client.get("/healthz")

    assert "X-Public-Cache" not in page


def test_turned_off_with_zero_seconds(client, settings, message):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0

    client.get(ARCHIVE)

    assert "X-Public-Cache" not in client.get(ARCHIVE)
