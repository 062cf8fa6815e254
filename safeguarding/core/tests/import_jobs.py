"""For the tests of every import page that queues a job (``core.import_jobs``): post the
form with the worker running the job at once (the immediate backend, once the upload's
transaction commits), then follow the job's page to its result."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.models import ImportJob


def post_and_follow(client, capture, url: str, data: dict):
    """Post the upload form; return (the job, the page its URL ends on after the job)."""
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.order_by("-pk").first()
    assert response["Location"] == reverse("core:import-job", args=[job.pk])
    page = client.get(response["Location"], follow=True)
    job.refresh_from_db()
    return job, page


def confirm_and_follow(client, capture, job: ImportJob):
    """Press the job page's button that imports the checked file for real."""
    with capture(execute=True):
        response = client.post(reverse("core:import-job-confirm", args=[job.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    confirmed = ImportJob.objects.order_by("-pk").first()
    assert confirmed.pk != job.pk
    page = client.get(response["Location"], follow=True)
    confirmed.refresh_from_db()
    return confirmed, page


def post_and_land(client, url: str, data: dict):
    """Post the upload form and run its job; the answer the person lands on: the form again
    (a file refused at once), the job's page (a check's summary, a failure), or the
    redirect the finished job's page makes (to a batch to review)."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    if response.status_code != 302 or not response.url.startswith("/imports/"):
        return response
    return client.get(response.url)


def queue_from_page(client, url: str, data: dict) -> ImportJob:
    """Post the upload form with no worker running: the job waits in its queue (as with the
    database backend until a worker takes it). The test's settings must hold the task back
    (``TASKS`` set to the dummy backend); the test runs it with :func:`run_watching`."""
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.order_by("-pk").first()
    assert job is not None and job.status == "queued"
    assert response["Location"] == reverse("core:import-job", args=[job.pk])
    return job


def run_watching(client, job: ImportJob) -> tuple[ImportJob, list[dict]]:
    """Run a queued job as the worker does and, each time it saves a count of rows, read the
    job's progress as its page's script does (``progress.json``) and, on PostgreSQL, from
    another connection (the web page's process), while the import's transaction is still
    open. Returns the finished job and what was seen: ``rows_done``, ``rows_total``,
    ``progress_text`` and ``elsewhere`` (the count the other connection read, or None on
    SQLite, whose second connection would wait for the import's lock)."""
    from django.db import connections

    from safeguarding.core.import_jobs import import_job_execute

    url = reverse("core:import-job-progress-json", args=[job.pk])
    seen: list[dict] = []

    def watch(saved: ImportJob) -> None:
        answer = client.get(url).json()
        elsewhere = None
        if connections["default"].vendor == "postgresql":
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute(
                        "SELECT rows_done, rows_total FROM core_importjob WHERE id = %s",
                        [saved.pk],
                    )
                    elsewhere = cursor.fetchone()
            finally:
                other.close()
        seen.append(
            {
                "rows_done": answer["rows_done"],
                "rows_total": answer["rows_total"],
                "progress_text": answer["progress_text"],
                "elsewhere": elsewhere,
            }
        )

    finished = import_job_execute(job_id=job.pk, on_progress=watch)
    return finished, seen


def assert_seen_elsewhere(seen: list[dict]) -> None:
    """On PostgreSQL, another connection read every count the page's script read."""
    from django.db import connections

    if connections["default"].vendor == "postgresql":
        assert [s["elsewhere"] for s in seen] == [(s["rows_done"], s["rows_total"]) for s in seen]


def progress_after(client, job: ImportJob) -> dict:
    """The finished job's ``progress.json``, as the page's script reads it."""
    return client.get(reverse("core:import-job-progress-json", args=[job.pk])).json()
