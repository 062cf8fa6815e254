"""Load demo data once for many tests, and take it away after the last of them.

A test database's data normally lives for one test. Loading the demo takes tens of seconds,
so a group of tests that only read it (or change it inside their own transaction) can share
one load: it runs inside an outer transaction that is rolled back when the group ends, and
each test runs in a savepoint inside it (the ordinary ``db`` fixture), so what one test
changes is undone before the next. Transactional and live-server tests cannot share a load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import transaction
from django.test import override_settings

T = TypeVar("T")


def loaded_once(django_db_blocker, data_dir, load: Callable[[], T]) -> Iterator[T]:
    """For a fixture of module or package scope: yields what ``load()`` returned."""
    files = override_settings(DATA_DIR=data_dir, MEDIA_ROOT=data_dir / "media")
    files.enable()
    outer = transaction.atomic()
    try:
        with django_db_blocker.unblock():
            outer.__enter__()
            try:
                result = load()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        yield result
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
    finally:
        files.disable()
