"""The business unit imports key messages from a Word document on a web page: the document
is drafted into an import batch for review, as ``safeguarding import-key-messages`` does."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.tests.import_jobs import post_and_land
from safeguarding.governance.models import ImportBatch, KeyMessage
from safeguarding.governance.tests.test_import import make_docx


def _post(client, partnership, name, data, **extra):
    # The page queues a job; the worker runs it at once here (core.import_jobs).
    return post_and_land(
        client,
        "/governance/key-messages/import/",
        {"partnership": partnership.pk, "file": SimpleUploadedFile(name, data), **extra},
    )


def test_a_word_document_uploaded_is_drafted_for_review_and_the_command_agrees(
    signed_in, partnership, tmp_path, capsys
):
    bu = signed_in(Role.BUSINESS_UNIT)
    data = make_docx(tmp_path / "executive.docx").read_bytes()

    checked = _post(bu, partnership, "executive.docx", data, dry_run="on")
    assert "Check complete: nothing was written" in checked.text
    assert not KeyMessage.objects.exists() and not ImportBatch.objects.exists()

    response = _post(bu, partnership, "executive.docx", data)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/imports/{batch.pk}/")
    assert batch.items.count() == 3 and not KeyMessage.objects.exists()
    assert AuditEvent.objects.filter(event="governance.import_batch.create", actor=bu.user).exists()

    # Importing the same file on the command line finds it already imported.
    try:
        call_command(
            "import-key-messages", str(tmp_path / "executive.docx"), "--partnership",
            partnership.slug, "--json",
        )  # fmt: skip
    except SystemExit:
        pass
    summary = json.loads(capsys.readouterr().out)
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 0, 3)
    assert summary["batches"] == [] and summary["errors"] == []
    again = _post(bu, partnership, "executive.docx", data)
    assert again.url.endswith(f"/imports/{batch.pk}/") and ImportBatch.objects.count() == 1


def test_a_file_that_is_not_a_document_is_refused_with_what_to_do(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    response = _post(bu, partnership, "figures.xlsx", b"PK\x03\x04")
    assert "Choose a Word (.docx), text (.txt)" in response.text
    broken = _post(bu, partnership, "broken.docx", b"not a word document")
    assert "broken.docx could not be imported" in broken.text
    assert not KeyMessage.objects.exists()


def test_the_upload_is_followed_on_the_job_page_until_the_batch_is_ready(
    signed_in, partnership, tmp_path, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from safeguarding.core.models import ImportJob

    bu = signed_in(Role.BUSINESS_UNIT)
    data = make_docx(tmp_path / "executive.docx").read_bytes()
    # Before the worker runs: the job's page shows its progress, and polls.
    queued = bu.post(
        "/governance/key-messages/import/",
        {"partnership": partnership.pk, "file": SimpleUploadedFile("executive.docx", data)},
    )
    job = ImportJob.objects.get()
    assert queued.url == reverse("core:import-job", args=[job.pk])
    waiting = bu.get(queued.url)
    assert "Waiting to start." in waiting.text and "core/progress.mjs" in waiting.text
    progress = bu.get(reverse("core:import-job-progress-json", args=[job.pk])).json()
    assert progress["finished"] is False and progress["status"] == "queued"
    # The worker runs it: the page then sends the person to the batch to review.
    from safeguarding.core.import_jobs import import_job_execute

    with django_capture_on_commit_callbacks(execute=True):
        import_job_execute(job_id=job.pk)
    batch = ImportBatch.objects.get()
    assert bu.get(reverse("core:import-job-progress-json", args=[job.pk])).json()["finished"]
    landed = bu.get(queued.url, follow=True)
    assert landed.redirect_chain[-1][0] == reverse(
        "governance:import-batch-review", args=[batch.pk]
    )
    assert not KeyMessage.objects.exists()  # drafts only: nothing public without a person
    assert AuditEvent.objects.filter(event="core.import_job.queued", actor=bu.user).exists()


def test_a_check_offers_to_read_the_same_file_into_drafts(
    signed_in, partnership, tmp_path, django_capture_on_commit_callbacks
):
    from safeguarding.core.tests.import_jobs import confirm_and_follow, post_and_follow

    bu = signed_in(Role.BUSINESS_UNIT)
    data = make_docx(tmp_path / "executive.docx").read_bytes()
    job, checked = post_and_follow(
        bu,
        django_capture_on_commit_callbacks,
        "/governance/key-messages/import/",
        {
            "partnership": partnership.pk,
            "file": SimpleUploadedFile("executive.docx", data),
            "dry_run": "on",
        },
    )
    assert "Check complete: nothing was written" in checked.text
    assert "Read into drafts to review" in checked.text
    assert not ImportBatch.objects.exists()
    _, landed = confirm_and_follow(bu, django_capture_on_commit_callbacks, job)
    batch = ImportBatch.objects.get()
    assert landed.redirect_chain[-1][0].endswith(f"/key-messages/imports/{batch.pk}/")
    assert batch.items.count() == 3 and not KeyMessage.objects.exists()


def test_another_partnership_cannot_see_the_job(
    signed_in, partnership, tmp_path, client, make_user, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from safeguarding.accounts.tests.factories import PartnershipFactory
    from safeguarding.core.tests.import_jobs import post_and_follow

    data = make_docx(tmp_path / "executive.docx").read_bytes()
    job, _ = post_and_follow(
        signed_in(Role.BUSINESS_UNIT),
        django_capture_on_commit_callbacks,
        "/governance/key-messages/import/",
        {
            "partnership": partnership.pk,
            "file": SimpleUploadedFile("executive.docx", data),
            "dry_run": "on",
        },
    )
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    for name in ("core:import-job", "core:import-job-progress-json"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("core:import-job-confirm", args=[job.pk])).status_code == 404
    # A chair of the same partnership is not its business unit either.
    client.force_login(make_user(Role.CHAIR))
    assert client.get(reverse("core:import-job", args=[job.pk])).status_code == 404
    assert not ImportBatch.objects.exists()


def test_a_document_that_cannot_be_read_fails_with_the_reason_not_an_error_page(
    signed_in, partnership
):
    from safeguarding.core.models import ImportJob

    bu = signed_in(Role.BUSINESS_UNIT)
    page = _post(bu, partnership, "broken.docx", b"not a word document")
    assert page.status_code == 200
    assert "The import failed" in page.text
    assert "broken.docx could not be imported" in page.text
    assert "Nothing was imported" in page.text
    job = ImportJob.objects.get()
    assert job.status == "failed" and not job.file
    assert AuditEvent.objects.filter(event="core.import_job.failed").exists()


def _document(messages: int) -> bytes:
    parts = ["# Executive meeting – 12 March 2024", ""]
    for n in range(1, messages + 1):
        parts += [f"## Message number {n}", "", f"The partnership agreed point {n} today.", ""]
    return "\n".join(parts).encode()


@pytest.mark.django_db(transaction=True)
def test_the_messages_drafted_are_saved_as_the_batch_is_read(
    signed_in, partnership, settings, monkeypatch
):
    from django.urls import reverse

    from safeguarding.core.models import ImportJob
    from safeguarding.core.tests.import_jobs import (
        assert_seen_elsewhere,
        progress_after,
        queue_from_page,
        run_watching,
    )

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr("safeguarding.governance.services.import_batches.PROGRESS_EVERY", 3)
    bu = signed_in(Role.BUSINESS_UNIT)
    data = {"partnership": partnership.pk}
    url = "/governance/key-messages/import/"
    check = queue_from_page(
        bu, url, data | {"file": SimpleUploadedFile("march.md", _document(7)), "dry_run": "on"}
    )
    check, seen = run_watching(bu, check)
    expected = [(0, 7), (3, 7), (6, 7), (7, 7)]
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == expected
    assert seen[1]["progress_text"] == "Read 3 of 7 messages."
    assert_seen_elsewhere(seen)
    assert (check.status, check.rows_done, check.rows_total) == ("done", 7, 7)
    assert not ImportBatch.objects.exists()  # a check writes nothing

    bu.post(reverse("core:import-job-confirm", args=[check.pk]))
    confirmed = ImportJob.objects.order_by("-pk").first()
    confirmed, seen = run_watching(bu, confirmed)
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == expected
    assert_seen_elsewhere(seen)
    progress = progress_after(bu, confirmed)
    assert (progress["rows_done"], progress["rows_total"], progress["percent"]) == (7, 7, 100)
    assert ImportBatch.objects.get().items.count() == 7

    # The same file again: already imported, nothing drafted, and the count still ends full.
    again = queue_from_page(bu, url, data | {"file": SimpleUploadedFile("march.md", _document(7))})
    again, seen = run_watching(bu, again)
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == [(0, 7), (7, 7)]
    assert (again.result["skipped"], again.rows_done, again.rows_total) == (7, 7, 7)
    assert ImportBatch.objects.count() == 1
