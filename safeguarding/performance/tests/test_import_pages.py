"""The figure import from the upload page, on the core import job (ADR 0033): stored,
queued, run by the worker with the rows it has checked saved as it goes, and the result on
the job's page ``/imports/<id>/``. Also the saved column mappings the business unit manages."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.import_jobs import import_job_execute
from safeguarding.core.models import AuditEvent, ImportJob, ImportJobStatus
from safeguarding.core.roles import Role
from safeguarding.core.tests.import_jobs import confirm_and_follow
from safeguarding.performance.models import (
    Area,
    ColumnMapping,
    Indicator,
    IndicatorValue,
    Period,
    StatisticalNeighbour,
)
from safeguarding.performance.services.import_runs import figures_import_create
from safeguarding.performance.services.importing import (
    indicator_values_check,
    indicator_values_import,
    load_file,
)
from safeguarding.performance.services.mappings import column_mapping_update
from safeguarding.performance.tests.conftest import DATA
from safeguarding.performance.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

GOOD = b"indicator,area,period,value\ncme,Testshire,2022-23,477\n"
BAD = (
    b"indicator,area,period,value\n"
    b"cme,Testshire,2022-23,477\n"
    b"cme,Testshire,2021-22,many\n"
    b"nobody,Testshire,2021-22,3\n"
)


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def cme(partnership, home):
    return IndicatorFactory(partnership=partnership, key="cme", name="Children missing education")


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """upload(client, content, **fields): post a file; the queued job runs on commit (the
    test settings run tasks at once, as the immediate backend does)."""

    def post(client, content: bytes, name: str = "cme.csv", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("performance:import"),
                {"file": SimpleUploadedFile(name, content), "format": "", **fields},
            )
        assert response.status_code == 302, text(response)
        return response

    return post


def test_upload_leads_to_the_jobs_page_with_the_result(signed_in, cme, upload):
    client = signed_in(Role.BUSINESS_UNIT)
    response = upload(client, GOOD)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("core:import-job", args=[job.pk])
    page = text(client.get(response["Location"]))
    assert "Import of figures" in page and "cme.csv" in page and "Import complete" in page
    assert "Import the file if every row is valid" in page
    assert 'Rows read</dt><dd class="govuk-summary-list__value">1' in page
    assert "govuk-tag--green" in page and "Imported" in page
    assert "Check progress" not in page  # finished: nothing to wait for
    assert IndicatorValue.objects.get(indicator=cme).value == 477
    job.refresh_from_db()
    assert (job.kind, job.status, job.rows_total, job.rows_done) == (
        "performance.figures",
        ImportJobStatus.DONE,
        1,
        1,
    )
    assert job.result == {
        "rows": 1,
        "created": 1,
        "updated": 0,
        "skipped": 0,
        "problems": 0,
        "errors": [],
        "written": True,
    }
    assert not job.file  # the figures are in the database: the upload is not kept
    events = list(AuditEvent.objects.order_by("pk").values_list("event", "actor__email"))
    user_email = job.uploaded_by.email
    assert events == [
        ("core.import_job.queued", user_email),
        ("performance.indicator_values.imported", user_email),
        ("core.import_job.finished", None),
    ]
    listing = text(client.get(reverse("performance:import")))
    assert f'href="/imports/{job.pk}/"' in listing and "Imported" in listing


def test_a_bad_file_lists_every_bad_row_by_line_and_imports_nothing(signed_in, cme, upload):
    client = signed_in(Role.BUSINESS_UNIT)
    page = text(client.get(upload(client, BAD)["Location"]))
    assert "Nothing was imported" in page and "Not imported: problems found" in page
    assert '<td class="govuk-table__cell">3</td>' in page and "“many” is not a number" in page
    assert '<td class="govuk-table__cell">4</td>' in page and "“nobody” is not the key" in page
    assert "Import the figures" not in page  # nothing to confirm
    assert not IndicatorValue.objects.exists()  # all or nothing: not even the good row
    job = ImportJob.objects.get()
    assert (job.status, job.result["written"], job.result["problems"]) == (
        ImportJobStatus.DONE,
        False,
        2,
    )
    assert [e["line"] for e in job.result["errors"]] == [3, 4]
    assert not AuditEvent.objects.filter(event="performance.indicator_values.imported").exists()
    listing = text(client.get(reverse("performance:import")))
    assert "Not imported: problems found" in listing


def test_skipping_invalid_rows_imports_the_good_ones_and_lists_the_bad(signed_in, cme, upload):
    client = signed_in(Role.BUSINESS_UNIT)
    page = text(client.get(upload(client, BAD, skip_invalid="on")["Location"]))
    assert "Import complete" in page and "“many” is not a number" in page
    assert "Imported with problems" in page
    assert "Import the valid rows, leaving out invalid ones" in page
    assert IndicatorValue.objects.get().value == 477


def test_a_check_writes_nothing_and_its_file_is_then_imported_from_its_page(
    signed_in, cme, upload, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    page = text(client.get(upload(client, GOOD, check_only="on")["Location"]))
    assert "Check complete: nothing was written" in page
    assert 'Figures that would be added</dt><dd class="govuk-summary-list__value">1' in page
    assert "Import the figures" in page
    assert not IndicatorValue.objects.exists()
    checked = ImportJob.objects.get()
    imported, page = confirm_and_follow(client, django_capture_on_commit_callbacks, checked)
    assert "Import complete" in text(page)
    assert imported.options["checked_by_job"] == checked.pk and not imported.dry_run
    assert IndicatorValue.objects.get(indicator=cme).value == 477


def test_a_check_that_found_problems_cannot_be_imported(signed_in, cme, upload):
    client = signed_in(Role.BUSINESS_UNIT)
    page = text(client.get(upload(client, BAD, check_only="on")["Location"]))
    assert "Checked: problems found" in page and "“many” is not a number" in page
    assert "Import the figures" not in page
    job = ImportJob.objects.get()
    assert client.post(reverse("core:import-job-confirm", args=[job.pk])).status_code == 302
    assert ImportJob.objects.count() == 1 and not IndicatorValue.objects.exists()


def test_a_file_in_an_unexpected_format_is_refused_on_the_upload_page(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    odd = SimpleUploadedFile("notes.csv", b"hello,world\n1,2\n")
    page = text(client.post(reverse("performance:import"), {"file": odd}))
    assert "There is a problem" in page and "neither DfE Explore Education Statistics" in page
    assert not ImportJob.objects.exists()


def test_a_spreadsheet_uploaded_as_csv_is_refused_in_the_pages_words(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    fake = SimpleUploadedFile("figures.csv", b"PK\x03\x04not really a csv")
    page = text(client.post(reverse("performance:import"), {"file": fake, "format": "csv"}))
    assert "is a spreadsheet (Excel .xlsx), not a CSV file: import it as Excel" in page
    assert not ImportJob.objects.exists()


def _queued(partnership, user, content: bytes, **options) -> ImportJob:
    """A job stored and queued, not yet run (its task is queued on commit, which a test's
    transaction never reaches)."""
    return figures_import_create(
        actor=user,
        partnership=partnership,
        upload=SimpleUploadedFile("many.csv", content),
        **options,
    )


def _rows(count: int) -> bytes:
    lines = ["indicator,area,period,value"]
    lines += [f"cme,Testshire,{2000 + n}-{(n + 1) % 100:02},{n}" for n in range(count)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.django_db(transaction=True)
def test_the_rows_checked_are_saved_in_batches_and_seen_while_the_import_runs(
    partnership, home, make_user, client, settings, monkeypatch
):
    # Queue the task without running it (as the database backend does until a worker
    # takes it); this test runs it, watching the job's page as a person would.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr("safeguarding.performance.services.import_runs.PROGRESS_EVERY", 3)
    IndicatorFactory(partnership=partnership, key="cme", name="Children missing education")
    user = make_user(Role.BUSINESS_UNIT)
    client.force_login(user)
    job = _queued(partnership, user, _rows(10))
    progress_url = reverse("core:import-job-progress-json", args=[job.pk])
    seen = []

    def watch(saved):
        answer = client.get(progress_url).json()
        elsewhere = None
        if connections["default"].vendor == "postgresql":
            # What another connection (the web page's) sees while the import's transaction
            # is still open.
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT rows_done FROM core_importjob WHERE id = %s", [saved.pk])
                    elsewhere = cursor.fetchone()[0]
            finally:
                other.close()
        seen.append((answer["rows_done"], answer["progress_text"], elsewhere))

    import_job_execute(job_id=job.pk, on_progress=watch)
    assert [s[0] for s in seen] == [0, 3, 6, 9, 10]
    assert seen[1][1] == "Read 3 of 10 rows."
    if connections["default"].vendor == "postgresql":
        assert [s[2] for s in seen] == [0, 3, 6, 9, 10]
    assert not transaction.get_connection().in_atomic_block
    job.refresh_from_db()
    assert (job.status, job.rows_total, job.rows_done, job.result["created"]) == (
        ImportJobStatus.DONE,
        10,
        10,
        10,
    )
    assert IndicatorValue.objects.count() == 10


def test_the_jobs_page_before_and_during_the_import(signed_in, partnership, cme, make_user):
    user = make_user(Role.BUSINESS_UNIT)
    job = _queued(partnership, user, _rows(4))
    client = signed_in(Role.BUSINESS_UNIT)
    client.force_login(user)
    url = reverse("core:import-job", args=[job.pk])
    page = text(client.get(url))
    assert "Waiting to start." in page and "Check progress" in page
    assert 'aria-live="polite"' in page and "core/progress.mjs" in page
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.RUNNING, rows_total=100000, rows_done=45000
    )
    page = text(client.get(url))
    assert "Read 45,000 of 100,000 rows." in page
    assert '<progress class="app-progress" id="import-progress-bar" max="100" value="45">' in page


def test_a_file_that_cannot_be_read_fails_with_a_message_and_nothing_written(
    signed_in, partnership, cme, make_user
):
    user = make_user(Role.BUSINESS_UNIT)
    # The header is fine (checked on upload); a field further on is too long to be CSV.
    content = GOOD + b"cme,Testshire,2021-22," + b"9" * 200_000 + b"\n"
    job = _queued(partnership, user, content)
    import_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED
    assert "not a well-formed CSV file" in job.failure and "upload it again" in job.failure
    assert not IndicatorValue.objects.exists()
    client = signed_in(Role.BUSINESS_UNIT)
    client.force_login(user)
    page = text(client.get(reverse("core:import-job", args=[job.pk])))
    assert "The import failed" in page and "correct the file and upload it again" in page
    assert AuditEvent.objects.filter(event="core.import_job.failed").exists()


def test_a_job_is_run_once(partnership, cme, make_user):
    job = _queued(partnership, make_user(Role.BUSINESS_UNIT), GOOD)
    import_job_execute(job_id=job.pk)
    import_job_execute(job_id=job.pk)
    assert IndicatorValue.objects.count() == 1
    assert AuditEvent.objects.filter(event="core.import_job.finished").count() == 1


def test_only_the_partnerships_business_unit_sees_an_import(client, partnership, cme, make_user):
    job = _queued(partnership, make_user(Role.BUSINESS_UNIT), GOOD)
    urls = [
        reverse("core:import-job", args=[job.pk]),
        reverse("core:import-job-progress-json", args=[job.pk]),
    ]
    elsewhere = make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    for user, refused in [
        (elsewhere, (404,)),
        (make_user(Role.PRACTITIONER), (403, 404)),
        (make_user(Role.CHAIR), (403, 404)),
    ]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in refused
    client.force_login(elsewhere)
    assert "many.csv" not in text(client.get(reverse("performance:import")))
    client.force_login(make_user(Role.BUSINESS_UNIT))
    assert all(client.get(url).status_code == 200 for url in urls)


def test_recent_imports_are_listed_with_a_query_count_that_does_not_grow(
    signed_in, partnership, make_user, django_assert_max_num_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:import")

    def add(count):
        for n in range(count):
            ImportJob.objects.create(
                partnership=partnership,
                kind="performance.figures",
                uploaded_by=make_user(Role.BUSINESS_UNIT, full_name=f"Analyst {n}"),
                original_name=f"file-{n}.csv",
                status=ImportJobStatus.DONE,
                result={"written": True},
            )

    add(1)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    add(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text(client.get(url))
    assert "file-11.csv" in page and "Analyst 11" in page and "Imported" in page
    assert page.count("govuk-tag--green") == 10  # the latest ten


def test_an_import_from_before_the_move_is_found_at_its_old_address(
    signed_in, partnership, make_user
):
    job = ImportJob.objects.create(
        partnership=partnership,
        kind="performance.figures",
        original_name="old.csv",
        options={"moved_from": 41},
        status=ImportJobStatus.DONE,
    )
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.get("/performance/import/41/")
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"
    assert client.get("/performance/import/42/").status_code == 404
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    assert client.get("/performance/import/41/").status_code == 404


# Checking without writing ---------------------------------------------------------------------


def test_the_check_counts_what_a_dry_run_counts_and_writes_nothing(db):
    essex = PartnershipFactory(slug="essex", name="Essex", area="Essex")
    files = [load_file(path, "ees") for path in sorted(DATA.glob("*.csv"))]
    models = (Area, Period, Indicator, ColumnMapping, IndicatorValue, StatisticalNeighbour)
    before = [m.objects.count() for m in models]
    checked = indicator_values_check(partnership=essex, files=files)
    assert [m.objects.count() for m in models] == before
    dry = indicator_values_import(job="test", partnership=essex, files=files, dry_run=True)
    assert checked.as_dict() == dry.as_dict() and checked.created > 1000
    indicator_values_import(job="test", partnership=essex, files=files)
    again = indicator_values_check(partnership=essex, files=files)
    assert (again.created, again.updated) == (0, 0) and again.skipped == checked.created


# Saved column mappings --------------------------------------------------------------------------


@pytest.fixture
def mapping(partnership):
    return ColumnMapping.objects.create(
        partnership=partnership,
        source_format="ees",
        column="referrals",
        filter_value="Total",
        indicator=IndicatorFactory(partnership=partnership, name="Referrals (DfE)"),
    )


def test_mappings_are_listed_with_a_query_count_that_does_not_grow(
    signed_in, partnership, mapping, django_assert_max_num_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:mapping-list")
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        page = text(client.get(url))
    assert "referrals" in page and "Total" in page and "Referrals (DfE)" in page
    for n in range(15):
        ColumnMapping.objects.create(
            partnership=partnership,
            source_format="csv",
            column=f"column {n}",
            indicator=IndicatorFactory(partnership=partnership),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = text(client.get(url))
    assert "16 saved mappings" in page and "column 14" in page
    assert "Import figures" in page
    assert reverse("performance:mapping-list") in text(client.get(reverse("performance:import")))


def test_a_mapping_is_pointed_at_another_indicator(signed_in, partnership, mapping):
    other = IndicatorFactory(partnership=partnership, name="Contacts")
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:mapping-change", args=[mapping.pk])
    assert "Referrals (DfE)" in text(client.get(url))
    response = client.post(url, {"indicator": other.pk})
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert mapping.indicator == other
    event = AuditEvent.objects.get(event="performance.column_mapping.updated")
    assert event.before["indicator"] == "Referrals (DfE)" and event.after["indicator"] == "Contacts"


def test_a_mapping_cannot_feed_a_derived_or_another_partnerships_indicator(
    signed_in, partnership, mapping, make_user
):
    derived = IndicatorFactory(partnership=partnership, formula="{a} + 1", name="Derived one")
    foreign = IndicatorFactory(partnership=PartnershipFactory(), name="Foreign")
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:mapping-change", args=[mapping.pk])
    page = text(client.get(url))
    assert "Derived one" not in page and "Foreign" not in page
    for indicator in (derived, foreign):
        page = text(client.post(url, {"indicator": indicator.pk}))
        assert "There is a problem" in page
    for indicator in (derived, foreign):
        with pytest.raises(ValidationError):
            column_mapping_update(
                actor=make_user(Role.BUSINESS_UNIT), mapping=mapping, indicator=indicator
            )
    mapping.refresh_from_db()
    assert mapping.indicator.name == "Referrals (DfE)"


def test_a_mapping_is_removed_after_confirmation(signed_in, partnership, mapping):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:mapping-remove", args=[mapping.pk])
    page = text(client.get(url))
    assert "Are you sure you want to remove this mapping?" in page
    assert ColumnMapping.objects.exists()  # looking is not removing
    assert client.post(url).status_code == 302
    assert not ColumnMapping.objects.exists()
    assert mapping.indicator.__class__.objects.filter(pk=mapping.indicator_id).exists()
    event = AuditEvent.objects.get(event="performance.column_mapping.removed")
    assert event.before["column"] == "referrals"


def test_mappings_of_another_partnership_are_not_found(client, mapping, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    page = text(client.get(reverse("performance:mapping-list")))
    assert "<code>referrals</code>" not in page and "No column mappings" in page
    for name in ("performance:mapping-change", "performance:mapping-remove"):
        assert client.get(reverse(name, args=[mapping.pk])).status_code == 404
        assert client.post(reverse(name, args=[mapping.pk])).status_code == 404
    assert ColumnMapping.objects.exists()


def test_a_workbook_with_macros_is_refused_before_it_is_stored(signed_in, partnership):
    import io
    import zipfile

    from openpyxl import Workbook

    plain = io.BytesIO()
    Workbook().save(plain)
    with_macros = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(with_macros, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\x00" * 32)
    client = signed_in(Role.BUSINESS_UNIT)
    upload = SimpleUploadedFile("figures.xlsx", with_macros.getvalue())
    page = text(client.post(reverse("performance:import"), {"file": upload}))
    assert "There is a problem" in page and "“figures.xlsx” contains macros" in page
    assert not ImportJob.objects.exists()
