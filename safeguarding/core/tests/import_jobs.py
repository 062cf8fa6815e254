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
