"""Several workers on one PostgreSQL database run each task exactly once (docs/deployment.md).

The worker is django-tasks' database backend: each worker claims a task with
``SELECT … FOR UPDATE SKIP LOCKED``, so a deployment can run as many ``safeguarding db_worker``
processes as it needs. This test starts two real worker processes on the test database and
checks that every queued task ran once, by one worker.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from safeguarding.core.health import worker_heartbeat_task

TASKS = 40


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_and_run_each_task_once(settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: scaling out workers is a PostgreSQL deployment")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(TASKS):
        worker_heartbeat_task.enqueue()
    assert DBTaskResult.objects.filter(status="READY").count() == TASKS

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "safeguarding.config.settings.local",
        "TASKS_IMMEDIATE": "false",
    }
    command = [
        str(Path(sys.executable).parent / "safeguarding"),
        "db_worker",
        "--batch",
        "--no-startup-delay",
    ]
    workers = [
        subprocess.Popen(
            [*command, "--worker-id", f"worker-{n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in (1, 2)
    ]
    for worker in workers:
        output, _ = worker.communicate(timeout=300)
        assert worker.returncode == 0, output

    results = list(DBTaskResult.objects.all())
    assert len(results) == TASKS
    assert all(result.status == "SUCCESSFUL" for result in results)
    assert all(len(result.worker_ids) == 1 for result in results), "a task was claimed twice"
