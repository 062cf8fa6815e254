"""/healthz tells the truth: a missing database file, an unmigrated or read-only database
answer 503 with the reason; heartbeats of the schedule and the task worker are reported.

The missing-file and read-only cases run the health check in a separate process against
a throw-away SQLite file, so the test database is never touched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from safeguarding.core.schedule import run_due_jobs

PROJECT = Path(__file__).resolve().parents[3]
ASK = (
    "import json, os, django; from django.conf import settings; "
    "settings.DATABASES['default']['NAME'] = os.environ.get('HEALTHZ_DATABASE_NAME') "
    "or settings.DATABASES['default']['NAME']; "
    "django.setup(); from django.test import Client; "
    "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.json()]))"
)


def _run(database: str, *args: str, name: str = "") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "safeguarding.config.settings.test",
        "HEALTHZ_DATABASE_NAME": name,
    }
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=PROJECT, capture_output=True, text=True, check=True
    )


def _healthz(database: str, name: str = "") -> tuple[int, dict]:
    answer = _run(database, "-c", ASK, name=name).stdout.strip().splitlines()[-1]
    status, body = json.loads(answer)
    return status, body


@pytest.fixture(scope="module")
def migrated_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("healthz") / "migrated.sqlite3"
    _run(f"sqlite:///{path}", "-m", "safeguarding.manage", "migrate", "core", "-v0")
    return path


@pytest.fixture
def database_file(migrated_file, tmp_path) -> Path:
    path = tmp_path / "db.sqlite3"
    shutil.copy(migrated_file, path)
    return path


def test_a_migrated_sqlite_file_is_ok(database_file):
    status, body = _healthz(f"sqlite:///{database_file}")
    assert status == 200 and body["status"] == "ok" and body["database"] == "sqlite"


def test_a_renamed_sqlite_file_answers_503_and_no_empty_file_is_created(database_file):
    database_file.rename(database_file.with_name("moved-away.sqlite3"))
    status, body = _healthz(f"sqlite:///{database_file}")
    assert status == 503
    assert body["status"] == "error" and body["database"] == "missing"
    assert "does not exist" in body["detail"]
    assert not database_file.exists()


def test_an_empty_unmigrated_database_answers_503(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    status, body = _healthz(f"sqlite:///{empty}")
    assert status == 503 and body["database"] == "unavailable"


def test_a_read_only_sqlite_database_answers_503(database_file):
    # Opened read-only (as on a read-only mount): reads work, changes are refused.
    status, body = _healthz(f"sqlite:///{database_file}", name=f"file:{database_file}?mode=ro")
    assert status == 503
    assert body["database"] == "read-only" and "does not accept changes" in body["detail"]


@pytest.mark.django_db(transaction=True)
def test_a_read_only_session_of_the_test_database_answers_503(client):
    """The same on whichever database the suite runs on (SQLite or PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        else:
            cursor.execute("PRAGMA query_only = ON")
    try:
        response = client.get("/healthz")
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
            else:
                cursor.execute("PRAGMA query_only = OFF")
    assert response.status_code == 503
    assert response.json()["database"] == "read-only"
    assert client.get("/healthz").status_code == 200


def test_heartbeats_of_the_schedule_and_worker_are_reported(client, db):
    before = client.get("/healthz").json()
    assert before["schedule_last_run"] is None and before["worker_last_heartbeat"] is None
    run_due_jobs()  # the tests' task backend runs the worker's heartbeat task at once
    after = client.get("/healthz").json()
    assert after["status"] == "ok"
    assert after["schedule_last_run"] and after["worker_last_heartbeat"]


def test_finished_heartbeat_tasks_older_than_a_day_are_removed_from_the_queue(db):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from safeguarding.core.health import worker_heartbeat_task

    def finished(days_ago: int, path: str) -> DBTaskResult:
        when = timezone.now() - timedelta(days=days_ago)
        return DBTaskResult.objects.create(
            status="SUCCESSFUL",
            started_at=when,
            finished_at=when,
            args_kwargs={"args": [], "kwargs": {}},
            task_path=path,
            backend_name="default",
            run_after=when,
        )

    old = finished(3, worker_heartbeat_task.module_path)
    recent = finished(0, worker_heartbeat_task.module_path)
    other = finished(3, "safeguarding.core.email.send_email_task")
    run_due_jobs()
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert old.pk not in remaining and {recent.pk, other.pk} <= remaining
