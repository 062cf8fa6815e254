"""Importing a document register: the page and `safeguarding import-resources`."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.tests.import_jobs import confirm_and_follow, post_and_follow
from safeguarding.library.models import Resource, ResourceKind, ResourceStatus

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[dict, int]:
    out = io.StringIO()
    code = 0
    try:
        call_command("import-resources", *args, "--json", stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        code = exit_.code
    return json.loads(out.getvalue()), code


def test_command_imports_then_reimport_changes_nothing(partnership, register_csv):
    summary, code = _run(str(register_csv), "--partnership", partnership.slug)
    assert code == 0
    assert summary == {"created": 3, "updated": 0, "skipped": 0, "errors": []}
    leaflet = Resource.objects.get(title="Safer sleep leaflet")
    assert leaflet.kind == ResourceKind.LEAFLET
    assert leaflet.status == ResourceStatus.UNDER_REVIEW
    assert leaflet.audiences == ["parents"]
    protocol = Resource.objects.get(title="SET bruising protocol summary")
    assert protocol.review_on.isoformat() == "2026-03-31"
    assert protocol.owner_name == "Testshire Partnership"
    events = AuditEvent.objects.count()
    again, code = _run(str(register_csv), "--partnership", partnership.slug)
    assert again == {"created": 0, "updated": 0, "skipped": 3, "errors": []}
    assert AuditEvent.objects.count() == events


def test_dry_run_writes_nothing(partnership, register_csv):
    summary, code = _run(str(register_csv), "--partnership", partnership.slug, "--dry-run")
    assert summary["created"] == 3 and code == 0
    assert not Resource.objects.exists()


def test_a_bad_row_refuses_the_whole_file_with_row_by_row_errors(partnership, bad_register_csv):
    summary, code = _run(str(bad_register_csv), "--partnership", partnership.slug)
    assert code == 1
    errors = summary["errors"]
    # Each error names its row and the reason, as every importer's --json does.
    assert all(set(e) == {"row", "reason"} for e in errors)
    assert any(e["row"] == 2 and "Toolkit" in e["reason"] for e in errors)
    assert any(e["row"] == 3 and "title is empty" in e["reason"] for e in errors)
    assert any(e["row"] == 4 and "not a date" in e["reason"] for e in errors)
    assert any(e["row"] == 4 and "not a web address" in e["reason"] for e in errors)
    assert not Resource.objects.exists()  # not even the good row


def test_a_file_without_its_columns_or_rows_is_refused_with_where_and_why(partnership, tmp_path):
    no_type = tmp_path / "no-type.csv"
    no_type.write_text("Title,Owner\nNeglect toolkit,Testshire\n", encoding="utf-8")
    summary, code = _run(str(no_type), "--partnership", partnership.slug)
    assert code == 1 and summary["created"] == 0
    assert summary["errors"] == [
        {
            "row": 1,
            "reason": "the file has no “type” column. The first row must name the columns: "
            "title, type, owner, date, status, link.",
        }
    ]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    summary, code = _run(str(empty), "--partnership", partnership.slug)
    assert code == 1 and summary["errors"][0]["row"] is None
    assert summary["errors"][0]["reason"].startswith("empty.csv: ")
    assert not Resource.objects.exists()


def test_an_excel_register_imports(partnership, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Type", "Owner", "Date", "Status", "Link"])
    sheet.append(["Neglect toolkit", "Practice tool", "Testshire", "01/04/2024", "", ""])
    path = tmp_path / "register.xlsx"
    book.save(path)
    summary, code = _run(str(path), "--partnership", partnership.slug)
    assert (summary["created"], code) == (1, 0)
    assert Resource.objects.get().kind == ResourceKind.PRACTICE_TOOL


def test_unknown_partnership_is_a_clear_error(register_csv):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no partnership with the slug"):
        call_command("import-resources", str(register_csv), "--partnership", "nowhere")


def test_import_page_shows_each_problem_and_writes_nothing(
    signed_in, bad_register_csv, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    upload = SimpleUploadedFile("register.csv", bad_register_csv.read_bytes(), "text/csv")
    job, page = post_and_follow(
        client,
        django_capture_on_commit_callbacks,
        reverse("library:resource-import"),
        {"file": upload},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert job.result["refused"]
    assert "Not imported: problems found" in text  # the job's status says so too
    assert "Row 3: the title is empty" in text
    assert "Nothing was written" in text
    assert not Resource.objects.exists()


def test_import_page_imports_a_good_register(
    signed_in, register_csv, partnership, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    upload = SimpleUploadedFile("register.csv", register_csv.read_bytes(), "text/csv")
    job, page = post_and_follow(
        client,
        django_capture_on_commit_callbacks,
        reverse("library:resource-import"),
        {"file": upload},
    )
    assert page.redirect_chain[-1][0] == reverse("library:resource-list")
    assert "Register imported: 3 created, 0 updated, 0 unchanged" in page.content.decode()
    assert Resource.objects.filter(partnership=partnership).count() == 3
    assert AuditEvent.objects.filter(event="library.resource.import").exists()
    assert AuditEvent.objects.filter(event="core.import_job.finished").exists()


def test_import_page_checks_then_imports_the_same_file(
    signed_in, register_csv, partnership, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    upload = SimpleUploadedFile("register.csv", register_csv.read_bytes(), "text/csv")
    job, page = post_and_follow(
        client,
        django_capture_on_commit_callbacks,
        reverse("library:resource-import"),
        {"file": upload, "dry_run": "on"},
    )
    assert "3 to create, 0 to update, 0 unchanged. Nothing was written." in page.content.decode()
    assert not Resource.objects.exists()
    confirmed, page = confirm_and_follow(client, django_capture_on_commit_callbacks, job)
    assert "Register imported" in page.content.decode()
    assert Resource.objects.filter(partnership=partnership).count() == 3


def test_an_unreadable_file_fails_on_the_job_page(signed_in, django_capture_on_commit_callbacks):
    client = signed_in(Role.BUSINESS_UNIT)
    upload = SimpleUploadedFile("register.csv", b"", "text/csv")
    response = client.post(reverse("library:resource-import"), {"file": upload})
    # An empty file is refused by the form at once; a file the table reader cannot read
    # fails on the job's page.
    assert response.status_code == 200
    upload = SimpleUploadedFile("register.csv", b"\n\n\n", "text/csv")
    job, page = post_and_follow(
        client,
        django_capture_on_commit_callbacks,
        reverse("library:resource-import"),
        {"file": upload},
    )
    assert page.status_code == 200
    assert job.status == "failed", job.result
    assert "The import failed" in page.content.decode()
    assert "register.csv is empty" in page.content.decode()
    assert not Resource.objects.exists()


def test_another_partnership_cannot_follow_a_register_import(
    signed_in, client, register_csv, make_user, django_capture_on_commit_callbacks
):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    upload = SimpleUploadedFile("register.csv", register_csv.read_bytes(), "text/csv")
    job, _ = post_and_follow(
        signed_in(Role.BUSINESS_UNIT),
        django_capture_on_commit_callbacks,
        reverse("library:resource-import"),
        {"file": upload, "dry_run": "on"},
    )
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    assert client.get(reverse("core:import-job", args=[job.pk])).status_code == 404
    assert client.post(reverse("core:import-job-confirm", args=[job.pk])).status_code == 404
    assert not Resource.objects.exists()


def test_import_page_refuses_practitioners(signed_in):
    client = signed_in(Role.PRACTITIONER)
    assert client.get(reverse("library:resource-import")).status_code == 403


def _register(rows: int) -> bytes:
    lines = ["Title,Type,Owner,Date,Status,Link"]
    lines += [f"Briefing {n},Leaflet,Testshire,01/04/2024,Current," for n in range(1, rows + 1)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.django_db(transaction=True)
def test_the_rows_written_are_saved_as_the_register_imports_and_seen_while_it_runs(
    signed_in, partnership, settings, monkeypatch
):
    from safeguarding.core.tests.import_jobs import (
        assert_seen_elsewhere,
        progress_after,
        queue_from_page,
        run_watching,
    )

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr("safeguarding.library.services.importing.PROGRESS_EVERY", 3)
    client = signed_in(Role.BUSINESS_UNIT)
    job = queue_from_page(
        client,
        reverse("library:resource-import"),
        {"file": SimpleUploadedFile("register.csv", _register(7), "text/csv")},
    )
    job, seen = run_watching(client, job)
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == [(0, 7), (3, 7), (6, 7), (7, 7)]
    assert seen[1]["progress_text"] == "Read 3 of 7 rows."
    assert_seen_elsewhere(seen)
    assert (job.status, job.rows_done, job.rows_total, job.result["created"]) == ("done", 7, 7, 7)
    progress = progress_after(client, job)
    assert (progress["rows_done"], progress["rows_total"], progress["percent"]) == (7, 7, 100)
    assert Resource.objects.count() == 7


@pytest.mark.django_db(transaction=True)
def test_a_refused_register_still_counts_every_row_it_checked(signed_in, partnership, settings):
    from safeguarding.core.tests.import_jobs import progress_after, queue_from_page, run_watching

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = signed_in(Role.BUSINESS_UNIT)
    content = _register(4) + b"Unknown thing,Carrier pigeon,,,,\n"
    job = queue_from_page(
        client,
        reverse("library:resource-import"),
        {"file": SimpleUploadedFile("register.csv", content, "text/csv")},
    )
    job, seen = run_watching(client, job)
    assert [(s["rows_done"], s["rows_total"]) for s in seen] == [(5, 5)]
    assert job.result["refused"] and (job.rows_done, job.rows_total) == (5, 5)
    assert progress_after(client, job)["rows_done"] == 5
    assert not Resource.objects.exists()
