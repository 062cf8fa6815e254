"""What ``/healthz`` checks: the database really answers, and the background processes live.

A health check that says "ok" while the service cannot work is worse than none, so:

* **The database file exists** (embedded SQLite): opening a missing SQLite file silently
  creates an empty one, so the path is checked *before* any connection is made.
* **A real read of a migrated table** (``core_heartbeat``), not ``SELECT 1``: an empty or
  unmigrated database fails here.
* **The database accepts writes**: a row is written inside a transaction that is always
  rolled back, so nothing is kept; a read-only database (a full disk, a read-only mount, a
  PostgreSQL standby) fails here.
* **Heartbeats** are reported, not judged: when ``safeguarding run-schedule`` last ran, and
  when the task worker last ran the heartbeat task the schedule queues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks import task

from safeguarding.core.models import Heartbeat

SCHEDULE = "schedule"
WORKER = "worker"
_PROBE = "healthz-write-probe"


class _RolledBack(Exception):
    pass


@dataclass
class Health:
    ok: bool
    database: str
    detail: str = ""
    heartbeats: dict[str, str | None] = field(default_factory=dict)


def heartbeat_record(name: str) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


@task()
def worker_heartbeat_task() -> None:
    """Queued by the schedule; when the worker runs it, the worker is known to be alive."""
    heartbeat_record(WORKER)


def sqlite_file(settings_dict: dict) -> Path | None:
    """The file an SQLite database lives in, or None for an in-memory database."""
    name = str(settings_dict.get("NAME") or "")
    if name.startswith("file:"):
        parsed = urlparse(name)
        if "mode=memory" in parsed.query:
            return None
        name = parsed.path
    if not name or name == ":memory:":
        return None
    return Path(name)


def database_health() -> Health:
    vendor = connection.vendor
    if vendor == "sqlite":
        path = sqlite_file(connection.settings_dict)
        if path is not None and not path.is_file():
            return Health(
                ok=False,
                database="missing",
                detail=f"The SQLite database file {path.name} does not exist.",
            )
    try:
        beats = {
            beat.name: beat.beat_at.isoformat()
            for beat in Heartbeat.objects.filter(name__in=[SCHEDULE, WORKER])
        }
    except DatabaseError as error:
        return Health(
            ok=False,
            database="unavailable",
            detail=f"The database does not answer or is not migrated ({type(error).__name__}).",
        )
    try:
        with transaction.atomic():
            Heartbeat.objects.create(name=_PROBE, beat_at=timezone.now())
            raise _RolledBack
    except _RolledBack:
        pass
    except DatabaseError as error:
        return Health(
            ok=False,
            database="read-only",
            detail=f"The database does not accept changes ({type(error).__name__}).",
        )
    return Health(
        ok=True,
        database=vendor,
        heartbeats={
            "schedule_last_run": beats.get(SCHEDULE),
            "worker_last_heartbeat": beats.get(WORKER),
        },
    )
