"""Onboarding in bulk: a GIAS export of 550 schools and a list of their leads, from the
command line and from the business unit's upload page (a core import job: checked, confirmed
on the job's page, imported by the worker)."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from safeguarding.accounts.models import Agency, RoleAssignment, User
from safeguarding.accounts.onboarding import onboarding_import_create
from safeguarding.accounts.tests.factories import AgencyFactory, user_with_role
from safeguarding.accounts.tests.gias import gias_csv, gias_rows, gias_xlsx, trust_name
from safeguarding.core.import_jobs import import_job_confirm, import_job_execute
from safeguarding.core.models import AuditEvent, ImportJob
from safeguarding.core.roles import Role
from safeguarding.core.tests.import_jobs import confirm_and_follow


def _run(capsys, command: str, path, *args) -> tuple[dict, int]:
    code = 0
    try:
        call_command(command, str(path), "--partnership", "testshire", "--json", *args)
    except SystemExit as exit_:
        code = exit_.code
    return json.loads(capsys.readouterr().out), code


@pytest.fixture
def gias_file(tmp_path):
    def write(rows=None, *, encoding="cp1252", name="edubasealldata.csv"):
        path = tmp_path / name
        data = gias_xlsx(rows) if name.endswith(".xlsx") else gias_csv(rows, encoding=encoding)
        path.write_bytes(data)
        return path

    return write


def test_a_gias_export_of_550_schools_imports_in_one_go_and_again_without_duplicates(
    partnership, gias_file, capsys
):
    rows = gias_rows(schools=550, closed=12)
    path = gias_file(rows)
    assert len(path.read_bytes().split(b"\r\n")[0].split(b",")) == 300
    assert "St Mary’s".encode("cp1252") in path.read_bytes()  # Windows-1252, as GIAS sends it

    summary, code = _run(capsys, "import-organisations", path)

    assert code == 0
    assert summary["rows"] == 562
    assert summary["created"] == 550
    assert summary["updated"] == 0
    assert summary["skipped"] == 12
    assert summary["errors"] == []
    assert summary["skips"][0]["row"] == 552  # header is row 1
    assert "is closed (31-08-2020)" in summary["skips"][0]["reason"]
    schools = partnership.agencies.filter(type="school")
    assert schools.count() == 550
    first = Agency.objects.get(urn="990001")
    assert first.name == "St Mary’s Ashby Green Primary School 1"
    assert (first.school_phase, first.school_type, first.sector) == (
        "primary",
        "maintained",
        "education",
    )
    academy = Agency.objects.get(urn="990002")
    assert (academy.school_type, academy.school_phase) == ("academy", "secondary")
    assert academy.parent.name == trust_name(2)
    assert academy.parent.type == "trust"
    assert Agency.objects.get(urn="990004").school_phase == "special"
    assert Agency.objects.get(urn="990005").school_phase == "alternative"
    assert Agency.objects.get(urn="990008").school_type == "further_education"
    assert not Agency.objects.filter(urn="990551").exists()  # the first closed one
    assert AuditEvent.objects.filter(event="accounts.agency.created").count() >= 550

    # The same export again: nothing new, nothing duplicated.
    again, code = _run(capsys, "import-organisations", path)
    assert code == 0
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 562)
    assert again["unchanged"] == 550
    assert partnership.agencies.filter(type="school").count() == 550

    # A renamed school is updated by its URN.
    rows[0]["EstablishmentName"] = "Riverside Ashby Green Primary School"
    renamed, _ = _run(capsys, "import-organisations", gias_file(rows))
    assert (renamed["created"], renamed["updated"]) == (0, 1)
    assert Agency.objects.get(urn="990001").name == "Riverside Ashby Green Primary School"


def test_utf8_and_excel_exports_import_the_same(partnership, gias_file, capsys):
    rows = gias_rows(schools=20, closed=1)
    summary, _ = _run(capsys, "import-organisations", gias_file(rows, encoding="utf-8-sig"))
    assert summary["created"] == 20
    assert Agency.objects.get(urn="990004").name == "Hélène Marsh Dunmore Centre 4"
    xlsx, _ = _run(capsys, "import-organisations", gias_file(rows, name="schools.xlsx"))
    assert (xlsx["created"], xlsx["updated"], xlsx["unchanged"]) == (0, 0, 20)


def test_a_school_added_by_hand_is_matched_by_name_and_given_its_urn(
    partnership, gias_file, capsys
):
    rows = gias_rows(schools=3, closed=0)
    by_hand = AgencyFactory(
        name=rows[0]["EstablishmentName"],
        type="school",
        sector="education",
        partnerships=[partnership],
    )
    summary, _ = _run(capsys, "import-organisations", gias_file(rows))
    assert (summary["created"], summary["updated"]) == (2, 1)
    by_hand.refresh_from_db()
    assert by_hand.urn == "990001"


def test_bad_rows_are_listed_by_row_and_nothing_is_written(partnership, gias_file, capsys):
    rows = gias_rows(schools=5, closed=0)
    rows[1]["URN"] = ""
    rows[3]["URN"] = rows[2]["URN"]
    summary, code = _run(capsys, "import-organisations", gias_file(rows))
    assert code == 1
    assert summary["errors"] == [
        {"row": 3, "reason": "The URN is missing: every establishment in a GIAS export has one."},
        {
            "row": 5,
            "reason": "URN 990003 appears twice in the file (rows 4 and 5).",
        },
    ]
    assert not partnership.agencies.exists()


def test_a_dry_run_counts_and_writes_nothing(partnership, gias_file, capsys):
    summary, code = _run(
        capsys, "import-organisations", gias_file(gias_rows(schools=8)), "--dry-run"
    )
    assert (code, summary["created"], summary["written"]) == (0, 8, False)
    assert not Agency.objects.exists()


def test_a_list_of_other_organisations_imports_with_their_kinds(partnership, tmp_path, capsys):
    path = tmp_path / "agencies.csv"
    path.write_text(
        "Name,Type,Email\nTestshire Police,Police,safeguarding@police.example\n"
        "Harbour Youth Project,Voluntary and community sector,\nNowhere,Spaceport,\n"
    )
    summary, code = _run(capsys, "import-organisations", path)
    assert code == 1
    assert summary["errors"][0]["row"] == 4
    assert "“Spaceport” is not one we know" in summary["errors"][0]["reason"]
    path.write_text(
        "Name,Type,Email\nTestshire Police,Police,safeguarding@police.example\n"
        "Harbour Youth Project,voluntary,\n"
    )
    summary, code = _run(capsys, "import-organisations", path)
    assert (code, summary["created"]) == (0, 2)
    police = Agency.objects.get(name="Testshire Police")
    assert (police.type, police.sector) == ("police", "police")


def test_a_file_without_the_columns_is_refused_with_what_to_do(partnership, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("School,Town\nA,B\n")
    with pytest.raises(Exception, match="neither the columns of a Get Information About Schools"):
        call_command("import-organisations", str(path), "--partnership", "testshire")


@pytest.mark.parametrize("command", ["import-organisations", "import-people"])
def test_a_file_refused_whole_still_prints_the_json_summary(partnership, tmp_path, capsys, command):
    from django.core.management import CommandError

    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path), "--partnership", "testshire", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 0, 0)
    assert summary["errors"] == [{"row": None, "reason": str(refused.value)}]
    assert "Nothing was imported" in summary["errors"][0]["reason"]


# People --------------------------------------------------------------------------------


@pytest.fixture
def schools(partnership):
    return [
        AgencyFactory(
            name=f"Fictional School {n}",
            type="school",
            sector="education",
            urn=str(880000 + n),
            partnerships=[partnership],
        )
        for n in range(3)
    ]


def _people_csv(tmp_path, lines: list[str]):
    path = tmp_path / "people.csv"
    path.write_text("Email,First name,Last name,Agency,Role\n" + "\n".join(lines) + "\n")
    return path


def test_people_are_imported_with_agency_and_role_and_invited_once(
    partnership, schools, tmp_path, capsys, django_capture_on_commit_callbacks, client
):
    existing = user_with_role(
        Role.PRACTITIONER, partnership=partnership, email="kim@school.example"
    )
    path = _people_csv(
        tmp_path,
        [
            "ash.lee@school.example,Ash,Lee,880000,Designated safeguarding lead",
            "bo.khan@school.example,Bo,Khan,Fictional School 1,agency_lead",
            "kim@school.example,Kim,Otter,Fictional School 2,Agency safeguarding lead",
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        summary, code = _run(capsys, "import-people", path)
    assert code == 0
    assert (summary["created"], summary["updated"], summary["errors"]) == (2, 1, [])
    ash = User.objects.get(email="ash.lee@school.example")
    assert ash.full_name == "Ash Lee"
    assert not ash.has_usable_password()
    assert RoleAssignment.objects.get(user=ash).agency == schools[0]
    assert existing.role_assignments.filter(role=Role.AGENCY_LEAD, agency=schools[2]).exists()
    # Only the two new people are invited, each with a link to choose their password.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ash.lee@school.example",
        "bo.khan@school.example",
    ]
    link = re.search(r"http://\S+/accounts/password-reset/\S+/", mail.outbox[0].body).group(0)
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert "Choose a new password" in response.text
    assert "This link has expired" not in response.text

    # The same file again changes nothing and invites nobody.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again, _ = _run(capsys, "import-people", path)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert mail.outbox == []


def test_bad_people_rows_are_listed_by_row_and_nobody_is_added(
    partnership, schools, tmp_path, capsys, django_capture_on_commit_callbacks
):
    path = _people_csv(
        tmp_path,
        [
            "ok@school.example,Ok,Person,880001,practitioner",
            "not-an-email,No,Email,880001,practitioner",
            "lead@school.example,No,Agency,,agency lead",
            "who@school.example,Un,Known,Nowhere School,headteacher",
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        summary, code = _run(capsys, "import-people", path)
    assert code == 1
    assert [e["row"] for e in summary["errors"]] == [3, 4, 5]
    assert "“not-an-email” is not an email address." in summary["errors"][0]["reason"]
    assert "needs their agency" in summary["errors"][1]["reason"]
    assert "“Nowhere School” is not an agency of" in summary["errors"][2]["reason"]
    assert "The role “headteacher” is not one we know" in summary["errors"][2]["reason"]
    assert not User.objects.filter(email="ok@school.example").exists()
    assert mail.outbox == []


# The upload pages ----------------------------------------------------------------------


def _upload(client, kind, name, data):
    return client.post(
        "/people/import/",
        {
            "partnership": client.user.role_assignments.get().partnership_id,
            "kind": kind,
            "file": SimpleUploadedFile(name, data),
        },
    )


def test_the_business_unit_uploads_checks_confirms_and_imports_550_schools(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    bu = signed_in(Role.BUSINESS_UNIT)
    data = gias_csv(gias_rows(schools=550, closed=3))
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(bu, "organisations", "edubasealldata.csv", data)
    check = ImportJob.objects.get()
    assert response["Location"] == f"/imports/{check.pk}/"
    page = bu.get(response["Location"]).text
    assert "Import of organisations" in page
    assert "Check complete: nothing has been written yet" in page
    assert "Checked: waiting for you to confirm" in page
    assert "Confirm and import" in page
    assert "is closed" in page
    assert not Agency.objects.exists()  # the check is a dry run
    assert (check.kind, check.dry_run, check.rows_total, check.rows_done) == (
        "accounts.organisations",
        True,
        553,
        553,
    )
    progress = bu.get(f"/imports/{check.pk}/progress.json").json()
    assert progress["finished"] is True

    imported, page = confirm_and_follow(bu, django_capture_on_commit_callbacks, check)
    assert "Import complete" in page.text
    assert partnership.agencies.filter(type="school").count() == 550
    assert imported.status == "done" and not imported.dry_run
    assert (imported.result["created"], imported.result["skipped"]) == (550, 3)
    assert imported.result["written"] is True
    assert not imported.file  # the uploaded copy is not kept once imported
    check.refresh_from_db()
    assert not check.file  # nor the checked copy
    assert AuditEvent.objects.filter(
        event="core.import_job.finished", target_id=str(imported.pk)
    ).exists()
    assert AuditEvent.objects.filter(event="accounts.agency.created").count() >= 550
    listing = bu.get("/people/import/").text
    assert f'href="/imports/{imported.pk}/"' in listing and "Organisations" in listing


def test_the_check_lists_every_bad_row_and_cannot_be_confirmed(
    signed_in, partnership, schools, django_capture_on_commit_callbacks
):
    bu = signed_in(Role.BUSINESS_UNIT)
    data = (
        b"email,first name,last name,agency,role\n"
        b"bad,A,B,880000,practitioner\n"
        b"c.d@example.org,C,D,880000,wizard\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(bu, "people", "people.csv", data)
    page = " ".join(bu.get(response["Location"]).text.split())
    assert "Problems found: nothing can be imported yet" in page
    assert '<td class="govuk-table__cell">2</td><td class="govuk-table__cell">“bad” is not' in page
    assert '<td class="govuk-table__cell">3</td>' in page
    assert "Confirm and import" not in page
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        bu.post(f"/imports/{job.pk}/confirm/")
    assert ImportJob.objects.count() == 1
    assert not User.objects.filter(full_name__in=["A B", "C D"]).exists()


def test_a_confirmed_import_that_meets_a_problem_writes_nothing(
    signed_in, partnership, schools, django_capture_on_commit_callbacks
):
    """All or nothing: when a row has become wrong between the check and the import (its
    school was removed meanwhile), not one person of the file is added."""
    bu = signed_in(Role.BUSINESS_UNIT)
    data = (
        b"email,first name,last name,agency,role\n"
        b"ann.lee@example.org,Ann,Lee,880000,practitioner\n"
        b"bo.ray@example.org,Bo,Ray,880001,practitioner\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _upload(bu, "people", "people.csv", data)
    check = ImportJob.objects.get()
    assert check.result["created"] == 2 and not check.result["errors"]
    schools[1].delete()
    imported, page = confirm_and_follow(bu, django_capture_on_commit_callbacks, check)
    text = " ".join(page.text.split())
    assert "Problems found: nothing imported" in text
    assert '<td class="govuk-table__cell">3</td>' in text
    assert imported.result["written"] is False
    assert not User.objects.filter(email__in=["ann.lee@example.org", "bo.ray@example.org"])
    assert not mail.outbox


def test_a_file_without_the_columns_is_refused_on_the_upload_page(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    response = _upload(bu, "people", "people.csv", b"name,town\nA,B\n")
    assert response.status_code == 200
    assert "The file has no column for: email" in response.text
    assert not ImportJob.objects.exists()


def test_another_partnerships_business_unit_cannot_see_an_import(
    signed_in, partnership, client, django_capture_on_commit_callbacks
):
    bu = signed_in(Role.BUSINESS_UNIT)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(bu, "organisations", "s.csv", gias_csv(gias_rows(schools=2, closed=0)))
    job = ImportJob.objects.get()
    other = user_with_role(Role.BUSINESS_UNIT)
    client.force_login(other)
    assert client.get(f"/imports/{job.pk}/").status_code == 404
    assert client.post(f"/imports/{job.pk}/confirm/").status_code == 404
    assert "s.csv" not in client.get("/people/import/").text


@pytest.mark.django_db(transaction=True)
def test_the_rows_checked_and_written_are_saved_in_batches(
    partnership, make_user, client, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr("safeguarding.accounts.onboarding.PROGRESS_EVERY", 2)
    user = make_user(Role.BUSINESS_UNIT)
    client.force_login(user)
    job = onboarding_import_create(
        actor=user,
        partnership=partnership,
        kind="organisations",
        upload=SimpleUploadedFile("s.csv", gias_csv(gias_rows(schools=5, closed=0))),
    )
    seen: list[tuple[int, str]] = []

    def watch(saved):
        answer = client.get(f"/imports/{saved.pk}/progress.json").json()
        seen.append((answer["rows_done"], answer["progress_text"]))

    import_job_execute(job_id=job.pk, on_progress=watch)
    assert [done for done, _ in seen] == [0, 2, 4, 5]
    assert seen[1][1] == "Read 2 of 5 rows."
    job.refresh_from_db()
    assert job.status == "done" and job.result["created"] == 5
    confirmed = import_job_confirm(actor=user, job=job)
    seen.clear()
    import_job_execute(job_id=confirmed.pk, on_progress=watch)
    assert [done for done, _ in seen] == [0, 2, 4, 5]  # rows written this time
    assert partnership.agencies.filter(type="school").count() == 5


def test_the_command_without_json_says_what_it_would_do_row_by_row(partnership, gias_file, capsys):
    call_command(
        "import-organisations",
        str(gias_file(gias_rows(schools=3, closed=1))),
        "--partnership",
        "testshire",
        "--dry-run",
    )
    out = capsys.readouterr().out
    assert "Row 5 skipped: " in out and "is closed (31-08-2020)" in out
    assert "4 rows – 3 to create, 0 to update, 1 skipped (0 unchanged), 0 errors." in out
    assert "1 trust to add as parent organisations." in out
    assert "Dry run: nothing was written." in out
    assert not Agency.objects.exists()


def test_a_file_checked_but_never_imported_is_deleted_after_30_days(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from safeguarding.core.jobs import IMPORT_FILES_JOB
    from safeguarding.core.schedule import run_due_jobs

    bu = signed_in(Role.BUSINESS_UNIT)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(bu, "organisations", "old.csv", gias_csv(gias_rows(schools=2, closed=0)))
        _upload(bu, "organisations", "new.csv", gias_csv(gias_rows(schools=2, closed=0)))
    old, new = ImportJob.objects.order_by("pk")
    ImportJob.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    storage, old_name = old.file.storage, old.file.name
    assert storage.exists(old_name)
    with django_capture_on_commit_callbacks(execute=True):
        results = run_due_jobs(only=IMPORT_FILES_JOB)
    assert [(job.name, done, error) for job, done, error in results] == [
        (IMPORT_FILES_JOB, 1, None)
    ]
    old.refresh_from_db()
    new.refresh_from_db()
    assert not old.file and not storage.exists(old_name)
    assert old.status == "done" and old.result["created"] == 2  # the record of the check stays
    assert new.file
    assert AuditEvent.objects.filter(event="core.import_job.file_deleted").count() == 1
    page = bu.get(f"/imports/{old.pk}/").text
    assert "Confirm and import" not in page and "can no longer be imported" in page


def test_the_agency_list_leads_the_business_unit_to_the_import(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    assert "/people/import/?kind=organisations" in bu.get("/agencies/").text
    page = bu.get("/people/import/?kind=organisations").text
    assert re.search(r'value="organisations"[^>]*checked', page)
    lead = signed_in(Role.AGENCY_LEAD)
    assert "/people/import/" not in lead.get("/agencies/").text
