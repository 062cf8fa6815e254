"""Journeys through the one progress page every web-page import now uses (ADR 0033), each
checked with axe (WCAG 2.2 AA): a running job's progress updated by the page's script until
it reloads with the importer's result, a failed job's message, and an upload checked first
and then imported from the job's page."""

import datetime

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.comms.models import Subscriber
from safeguarding.core.models import ImportJob, ImportJobStatus
from safeguarding.core.roles import Role


@pytest.fixture
def ashcombe(transactional_db, settings):
    partnership = PartnershipFactory(slug="ashcombe", name="Ashcombe Safeguarding Partnership")
    settings.DEFAULT_PARTNERSHIP = "ashcombe"
    return partnership


@pytest.fixture
def business_unit(ashcombe):
    return user_with_role(Role.BUSINESS_UNIT, partnership=ashcombe, full_name="Bea Unit")


def test_the_progress_page_follows_a_running_job_to_its_result(browse, ashcombe, business_unit):
    job = ImportJob.objects.create(
        partnership=ashcombe,
        kind="library.register",
        uploaded_by=business_unit,
        original_name="register.csv",
        file="imports/2026/12/register.csv",
        options={"dry_run": True},
        status=ImportJobStatus.RUNNING,
    )
    browse.sign_in(business_unit)
    browse.goto(f"/imports/{job.pk}/")
    status = browse.page.locator("#import-progress-text")
    assert status.inner_text() == "Reading the file."
    assert status.get_attribute("aria-live") == "polite"
    assert browse.page.get_by_role("link", name="Check progress").is_visible()
    browse.check()

    # The script asks the server and updates the live region without a reload.
    ImportJob.objects.filter(pk=job.pk).update(rows_total=200, rows_done=50)
    browse.page.wait_for_function(
        "() => document.querySelector('#import-progress-text').textContent"
        ".includes('Read 50 of 200 rows.')"
    )
    assert browse.page.locator("#import-progress-bar").evaluate("bar => bar.value") == 25

    # Finished: the page reloads itself with the importer's own result.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.DONE,
        result={"created": 3, "updated": 0, "skipped": 0, "errors": [], "refused": False},
        finished_at=datetime.datetime.now(datetime.UTC),
    )
    browse.page.get_by_role("heading", name="File checked").wait_for()
    browse.check()
    assert browse.page.locator("#import-progress-text").count() == 0
    assert browse.page.get_by_role("button", name="Import the register").is_visible()


def test_a_failed_job_says_what_to_do(browse, ashcombe, business_unit):
    job = ImportJob.objects.create(
        partnership=ashcombe,
        kind="comms.subscribers",
        uploaded_by=business_unit,
        original_name="audience.csv",
        status=ImportJobStatus.FAILED,
        failure="The file is not a CSV file saved as UTF-8. Nothing was imported: correct "
        "the file and upload it again.",
    )
    browse.sign_in(business_unit)
    browse.goto(f"/imports/{job.pk}/")
    browse.check()
    main = browse.page.locator("main").inner_text()
    assert "The import failed" in main and "saved as UTF-8" in main


def test_subscribers_are_checked_then_imported_from_the_job_page(
    browse, ashcombe, business_unit, tmp_path
):
    audience = tmp_path / "audience.csv"
    audience.write_text(
        "Email Address,First Name,Last Name,Tags\n"
        "alex.morgan@school.example,Alex,Morgan,Schools\n"
        "sam.patel@health.example,Sam,Patel,Health\n"
    )
    browse.sign_in(business_unit)
    browse.goto("/communications/subscribers/import/")
    browse.check()
    browse.page.get_by_label("Upload a CSV file").set_input_files(str(audience))
    browse.page.get_by_label("Check the file only").check()
    browse.page.get_by_role("button", name="Import").click()
    browse.page.get_by_role("heading", name="Checked: nothing was saved").wait_for()
    browse.check()
    assert "2 added, 0 updated, 0 skipped, 0 with errors" in browse.page.content()
    assert not Subscriber.objects.exists()

    browse.page.get_by_role("button", name="Import the subscribers").click()
    browse.page.get_by_role("heading", name="Imported").wait_for()
    browse.check()
    assert Subscriber.objects.filter(partnership=ashcombe).count() == 2
