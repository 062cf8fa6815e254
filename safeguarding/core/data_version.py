"""One number that changes whenever the platform's data may have changed (ADR 0038).

What is kept for a short time because it is read far more often than it changes (the
dashboard's panels, ``core.dashboard``) carries this number in its cache key, so a change
makes every kept copy out of date at once. The number is moved on:

* **after commit of any write** of a platform model (``post_save``, ``post_delete``,
  ``m2m_changed``), through ``transaction.on_commit``: a page that reads while the change is
  not yet committed cannot keep the old figures under the new number. One move per atomic
  block, however many rows it writes;
* **after every request with an unsafe method** (POST, PUT, PATCH, DELETE) — which covers
  ``QuerySet.update()`` and bulk writes that send no signal — unless its view is marked
  ``changes_nothing_shown`` (signing in and out, GOV.UK Notify's delivery receipts);
* **at the end of every worker task** (``django_tasks``' ``task_finished``), **every
  scheduled job** (``core.schedule``) and **every command** run through ``safeguarding``
  (``safeguarding/manage.py``).

Models whose rows nothing cached shows (audit events, heartbeats, delivery receipts, usage
counters) are left out with ``ignore(Model)``, and a save of only a person's last sign-in
time with ``ignore_fields``: a page that writes an audit event on every
view must not make every kept panel out of date. Whatever none of the above signals is
bounded by the lifetime of what is kept (``DASHBOARD_PANEL_CACHE_SECONDS``). With that
set to 0 nothing is kept, and nothing moves the version on.

The number lives in Django's default cache: local memory per process in the embedded
default (so a command or the worker in another process cannot reach the web process's copy:
the lifetime bounds it), Redis shared by every process in production (ADR 0030).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

VERSION_KEY = "data-version"
_IGNORED: set[str] = set()
_NOT_A_CHANGE = "_changes_nothing_shown"


_IGNORED_FIELDS: dict[str, frozenset[str]] = {}


def ignore(*models) -> None:
    """Writes of these models change nothing that is kept (no panel shows them)."""
    _IGNORED.update(model._meta.label_lower for model in models)


def ignore_fields(model, *fields: str) -> None:
    """A save of only these fields of the model (``save(update_fields=...)``) changes nothing
    that is kept: a person's ``last_login`` on every sign-in."""
    _IGNORED_FIELDS[model._meta.label_lower] = frozenset(fields)


def _fresh() -> int:
    # A number no earlier version can have held (microseconds since 1970), for when the
    # cache has lost it (a restart, or the local-memory cache culling its oldest keys): a
    # copy kept under an older number is then never read.
    return time.time_ns() // 1_000


def in_use() -> bool:
    """Whether anything is kept under the version (the dashboard's panel cache is on). When
    nothing is, writes do not spend a thought on it (the test settings)."""
    return bool(getattr(settings, "DASHBOARD_PANEL_CACHE_SECONDS", 60))


def current() -> int:
    """The data's version now: read it before reading the data that is kept under it."""
    found = cache.get(VERSION_KEY)
    if found is None:
        cache.add(VERSION_KEY, _fresh(), timeout=None)
        found = cache.get(VERSION_KEY)
    return int(found or 0)


def changed() -> None:
    """The data has changed: everything kept under an earlier version is out of date."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more)
        cache.set(VERSION_KEY, _fresh(), timeout=None)


def changed_safely() -> None:
    """``changed()`` where a failure must not undo or fail what was done (after a command,
    task or job): the lifetime of what is kept bounds what a missed change costs."""
    if not in_use():
        return
    try:
        changed()
    except Exception:  # noqa: BLE001 - the cache being away must not fail the work done
        logger.warning("Could not move the data version on", exc_info=True)


def _on_commit() -> None:
    changed_safely()


_on_commit.data_version = True  # type: ignore[attr-defined]


def changed_after_commit() -> None:
    """``changed()`` once the current transaction commits (now when there is none); once per
    atomic block however many writes ask in it (a bulk load asks once, not once a row), and
    not at all if it rolls back."""
    if not in_use():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        changed_safely()
        return
    # Already asked at this level of this transaction? (Django drops what a rolled-back
    # savepoint asked for; ``run_on_commit`` holds (savepoint ids, callback, robust).)
    level = set(connection.savepoint_ids)
    for savepoints, callback, _robust in reversed(connection.run_on_commit):
        if savepoints == level and getattr(callback, "data_version", False):
            return
    transaction.on_commit(_on_commit)


def _platform_model(model) -> bool:
    meta = getattr(model, "_meta", None)
    if meta is None or meta.label_lower in _IGNORED:
        return False
    return meta.app_config is not None and meta.app_config.name.startswith("safeguarding.")


def _saved_or_deleted(sender, update_fields=None, **kwargs) -> None:
    if not _platform_model(sender):
        return
    ignored = _IGNORED_FIELDS.get(sender._meta.label_lower)
    if ignored and update_fields and set(update_fields) <= ignored:
        return
    changed_after_commit()


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and _platform_model(type(instance)):
        changed_after_commit()


def _task_finished(sender, **kwargs) -> None:
    changed_safely()


def connect_signals() -> None:
    from django_tasks.signals import task_finished

    post_save.connect(_saved_or_deleted, dispatch_uid="data-version-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="data-version-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="data-version-m2m")
    task_finished.connect(_task_finished, dispatch_uid="data-version-task")


def changes_nothing_shown(view: Callable) -> Callable:
    """Mark a view whose unsafe requests change nothing that is kept (it writes only ignored
    models), so that the middleware does not move the version on after each one."""
    setattr(view, _NOT_A_CHANGE, True)
    return view


class DataVersionMiddleware:
    """Move the data version on after every request with an unsafe method: such a request
    may have written with ``QuerySet.update()`` or in bulk, which send no signal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and not getattr(
            request, "_changes_nothing_shown", False
        ):
            changed_safely()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._changes_nothing_shown = getattr(view_func, _NOT_A_CHANGE, False)
        return None
