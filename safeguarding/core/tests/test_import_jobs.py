"""The one mechanism for web-page imports (ADR 0033): the job, its page and its failures.
Each importer's own tests (governance, comms, library, assurance) post its page's file and
follow the job to the result; these cover what is the same for all of them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from safeguarding.core import import_jobs
from safeguarding.core.models import AuditEvent, ImportJob
from safeguarding.core.roles import Role

CALLS: list[int] = []


def _run(*, job, content: bytes) -> dict:
    CALLS.append(job.pk)
    if content == b"boom":
        raise RuntimeError("an unexpected bug")
    if content == b"bad":
        raise ValidationError("Row 2: the date “31/02/2025” is not a date.")
    return {"created": len(content.splitlines()), "dry_run": job.dry_run}


@pytest.fixture(autouse=True)
def test_importers():
    for kind, permission in (
        ("test.rows", "core.follow_import_job"),
        ("test.other", "core.nobody"),
    ):
        import_jobs.register(
            import_jobs.Importer(
                kind=kind,
                title="Import of test rows",
                permission=permission,
                run=_run,
                result_template="core/tests/_import_result.html",
                form_url=lambda job: reverse("core:dashboard"),
                can_confirm=lambda job: bool(job.result.get("created")),
            )
        )
    import_jobs.register(
        import_jobs.Importer(
            kind="test.onwards",
            title="Import of test rows",
            permission="core.follow_import_job",
            run=_run,
            result_template="core/tests/_import_result.html",
            form_url=lambda job: reverse("core:dashboard"),
            next_url=lambda job: reverse("core:tracker"),
            next_message=lambda job: f"Rows imported: {job.result['created']} created.",
        )
    )
    CALLS.clear()
    yield
    import_jobs._IMPORTERS.pop("test.rows")
    import_jobs._IMPORTERS.pop("test.other")
    import_jobs._IMPORTERS.pop("test.onwards")


def _job(partnership, user, content: bytes, *, kind="test.rows", dry_run=False) -> ImportJob:
    from django.db import transaction

    with transaction.atomic():
        return import_jobs.import_job_create(
            actor=user,
            partnership=partnership,
            kind=kind,
            upload=ContentFile(content, name="rows.csv"),
            options={"dry_run": dry_run},
        )


@pytest.fixture
def bu(signed_in):
    return signed_in(Role.BUSINESS_UNIT)


def test_a_job_runs_once_even_when_its_task_is_delivered_twice(partnership, bu):
    job = _job(partnership, bu.user, b"a\nb\n")
    import_jobs.import_job_execute(job_id=job.pk)
    import_jobs.import_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert CALLS == [job.pk]
    assert job.status == "done" and job.result == {"created": 2, "dry_run": False}
    assert not job.file  # a real import's upload is not kept
    assert AuditEvent.objects.filter(event="core.import_job.finished").count() == 1


def test_an_unexpected_error_ends_the_job_with_a_clear_message_not_a_500(partnership, bu):
    job = _job(partnership, bu.user, b"boom")
    import_jobs.import_job_execute(job_id=job.pk)
    page = bu.get(reverse("core:import-job", args=[job.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "The import failed" in text
    assert "Something went wrong on the server while importing the file" in text
    assert "unexpected bug" not in text  # the details are in the server's log only


def test_a_refused_file_shows_the_importers_reason(partnership, bu):
    job = _job(partnership, bu.user, b"bad")
    import_jobs.import_job_execute(job_id=job.pk)
    text = bu.get(reverse("core:import-job", args=[job.pk])).content.decode()
    assert "Row 2: the date “31/02/2025” is not a date. Nothing was imported" in text
    assert AuditEvent.objects.filter(event="core.import_job.failed").exists()


def test_a_job_that_has_not_moved_says_the_worker_may_have_stopped(partnership, bu):
    job = _job(partnership, bu.user, b"a\n")
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    page = bu.get(reverse("core:import-job", args=[job.pk])).content.decode()
    assert "The background worker may have stopped" in page
    assert 'data-import-progress="/imports/' in page
    progress = bu.get(reverse("core:import-job-progress-json", args=[job.pk]))
    assert "no-store" in progress["Cache-Control"]
    assert progress.json()["stalled"] is True and progress.json()["percent"] == 0


def test_the_importers_own_permission_is_needed_too(partnership, bu):
    job = _job(partnership, bu.user, b"a\n", kind="test.other")
    assert bu.get(reverse("core:import-job", args=[job.pk])).status_code == 403
    assert bu.get(reverse("core:import-job-progress-json", args=[job.pk])).status_code == 403


def test_only_a_check_with_something_to_import_can_be_confirmed(partnership, bu):
    checked = _job(partnership, bu.user, b"a\n", dry_run=True)
    import_jobs.import_job_execute(job_id=checked.pk)
    imported = _job(partnership, bu.user, b"a\n")
    import_jobs.import_job_execute(job_id=imported.pk)
    refused = bu.post(reverse("core:import-job-confirm", args=[imported.pk]), follow=True)
    assert "This file cannot be imported from here" in refused.content.decode()
    assert ImportJob.objects.count() == 2
    bu.post(reverse("core:import-job-confirm", args=[checked.pk]))
    confirmed = ImportJob.objects.order_by("-pk").first()
    assert confirmed.options == {"dry_run": False, "checked_by_job": checked.pk}
    checked.refresh_from_db()
    assert not checked.file and confirmed.file


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Stored uploads go to a temporary folder, never the real media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_files_of_checks_never_imported_and_of_jobs_never_finished_are_deleted_after_30_days(
    partnership, bu, media_in_tmp, django_capture_on_commit_callbacks
):
    from safeguarding.core.jobs import IMPORT_FILES_JOB
    from safeguarding.core.schedule import run_due_jobs

    old_check = _job(partnership, bu.user, b"a\nb\n", dry_run=True)
    import_jobs.import_job_execute(job_id=old_check.pk)
    stuck = _job(partnership, bu.user, b"a\n")  # queued; the worker never ran it
    new_check = _job(partnership, bu.user, b"a\n", dry_run=True)
    import_jobs.import_job_execute(job_id=new_check.pk)
    long_ago = timezone.now() - timedelta(days=31)
    ImportJob.objects.filter(pk__in=[old_check.pk, stuck.pk]).update(updated_at=long_ago)
    ImportJob.objects.filter(pk=new_check.pk).update(updated_at=timezone.now() - timedelta(days=29))
    old_check.refresh_from_db()
    stored = media_in_tmp / old_check.file.name
    assert stored.exists() and str(stored).startswith(str(media_in_tmp))

    with django_capture_on_commit_callbacks(execute=True):
        results = run_due_jobs(only=IMPORT_FILES_JOB)
    assert [(job.name, done, error) for job, done, error in results] == [
        (IMPORT_FILES_JOB, 2, None)
    ]
    assert not stored.exists()
    old_check.refresh_from_db()
    stuck.refresh_from_db()
    new_check.refresh_from_db()
    assert not old_check.file and old_check.file_deleted_at is not None
    assert old_check.status == "done" and old_check.result == {"created": 2, "dry_run": True}
    assert old_check.updated_at == long_ago  # still says when it was checked
    assert not stuck.file and stuck.status == "failed"
    assert "never finished this import" in stuck.failure
    assert new_check.file and new_check.file_deleted_at is None
    assert (media_in_tmp / new_check.file.name).exists()
    events = AuditEvent.objects.filter(event="core.import_job.file_deleted")
    assert events.count() == 2

    # Idempotent: a second run finds nothing to delete.
    with django_capture_on_commit_callbacks(execute=True):
        again = run_due_jobs(only=IMPORT_FILES_JOB)
    assert [done for _, done, _ in again] == [0]
    assert events.count() == 2

    # The job's page says the file was deleted and offers no button; a late task does nothing.
    page = bu.get(reverse("core:import-job", args=[old_check.pk])).content.decode()
    assert "The uploaded file was deleted on" in page
    assert "not imported within 30 days of its check" in page
    assert reverse("core:import-job-confirm", args=[old_check.pk]) not in page
    refused = bu.post(reverse("core:import-job-confirm", args=[old_check.pk]), follow=True)
    assert "This file was deleted because it was not imported within 30 days" in (
        refused.content.decode()
    )
    assert ImportJob.objects.count() == 3
    import_jobs.import_job_execute(job_id=stuck.pk)
    assert stuck.pk not in CALLS
    stuck_page = bu.get(reverse("core:import-job", args=[stuck.pk])).content.decode()
    assert "The import failed" in stuck_page and "never finished this import" in stuck_page


def test_a_finished_job_sends_the_person_on_with_its_message_only_the_first_time(partnership, bu):
    job = _job(partnership, bu.user, b"a\nb\nc\n", kind="test.onwards")
    import_jobs.import_job_execute(job_id=job.pk)
    url = reverse("core:import-job", args=[job.pk])
    first = bu.get(url)
    assert first.status_code == 302 and first["Location"] == reverse("core:tracker")
    assert "Rows imported: 3 created." in bu.get(first["Location"]).content.decode()
    job.refresh_from_db()
    assert job.result_shown_at is not None
    # Back to the job's page (the browser's history, a bookmark): on to the result, quietly.
    again = bu.get(url)
    assert again.status_code == 302 and again["Location"] == reverse("core:tracker")
    assert "Rows imported" not in bu.get(again["Location"]).content.decode()
