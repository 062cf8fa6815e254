"""Through what a change came in (the audit event's channel), kept for the current request,
command or scheduled run. No Django import here: ``safeguarding`` (manage.py) sets it before
Django starts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PAGE = "page"
API = "api"
COMMAND = "command"
SCHEDULE = "schedule"
CHANNELS = (PAGE, API, COMMAND, SCHEDULE)  # the values of core.models.AuditChannel

_channel: ContextVar[str] = ContextVar("audit_channel", default="")


@contextmanager
def audit_channel(channel: str) -> Iterator[None]:
    """Audit events written inside come through ``channel``: set by the middleware for pages
    and the API, by the ``safeguarding`` command line and by run-schedule."""
    if channel not in CHANNELS:
        raise ValueError(f"{channel!r} is not an audit channel: one of {', '.join(CHANNELS)}.")
    token = _channel.set(channel)
    try:
        yield
    finally:
        _channel.reset(token)


def current_channel() -> str:
    return _channel.get()


def channel_for_path(path: str) -> str:
    return API if path.startswith("/api/") else PAGE
