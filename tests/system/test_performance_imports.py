"""Journeys through the new import and finance pages, each checked with axe (WCAG 2.2 AA):
an upload followed to its result, a running import's progress updated by the page's script
until it reloads with the result, a failed import, the saved column mappings, and changing
and removing finance entries."""

import datetime
from decimal import Decimal

import pytest

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.models import ImportJob, ImportJobStatus
from safeguarding.core.roles import Role
from safeguarding.performance.models import (
    BudgetLine,
    ColumnMapping,
    Contribution,
    Expenditure,
    IndicatorValue,
)
from safeguarding.performance.services.finance import (
    budget_line_set,
    contribution_record,
    expenditure_add,
    finance_year_create,
)
from safeguarding.performance.services.indicators import indicator_create


@pytest.fixture
def essex(transactional_db):
    partnership = PartnershipFactory(
        slug="essex", name="Essex Safeguarding Children Board", area="Essex"
    )
    indicator_create(
        job="test", partnership=partnership, key="referrals", name="Requests progressed"
    )
    return partnership


@pytest.fixture
def business_unit(essex):
    return user_with_role(Role.BUSINESS_UNIT, partnership=essex)


def test_an_import_is_followed_from_upload_to_result(browse, essex, business_unit, tmp_path):
    browse.sign_in(business_unit)
    browse.goto("/performance/import/")
    assert "No files have been imported" in browse.page.locator("main").inner_text()
    wide = tmp_path / "local-wide.csv"
    wide.write_text("area,period,Requests progressed\nEssex,2022-23,6586\nEssex,2021-22,6887\n")
    browse.page.get_by_label("File", exact=True).set_input_files(str(wide))
    browse.page.get_by_role("button", name="Import").click()
    browse.check()
    main = browse.page.locator("main").inner_text()
    assert "Import complete" in main and "Imported" in main
    assert IndicatorValue.objects.filter(indicator__key="referrals").count() == 2

    # The upload page lists it; the column's match to the indicator is saved.
    browse.page.get_by_role("link", name="Import another file").click()
    browse.check()
    recent = browse.page.locator("table").inner_text()
    assert "local-wide.csv" in recent and business_unit.full_name in recent
    browse.page.get_by_role("link", name="See and change the saved column mappings").click()
    browse.check()
    assert "Requests progressed" in browse.page.locator("table").inner_text()


def test_the_jobs_page_follows_a_running_import(browse, essex, business_unit):
    job = ImportJob.objects.create(
        partnership=essex,
        kind="performance.figures",
        uploaded_by=business_unit,
        original_name="big.csv",
        file="imports/big.csv",
        status=ImportJobStatus.RUNNING,
        rows_total=100000,
        rows_done=45000,
    )
    browse.sign_in(business_unit)
    browse.goto(f"/imports/{job.pk}/")
    status = browse.page.locator("#import-progress-text")
    assert status.inner_text() == "Read 45,000 of 100,000 rows."
    assert status.get_attribute("aria-live") == "polite"
    assert browse.page.locator("#import-progress-bar").get_attribute("value") == "45"
    assert browse.page.get_by_role("link", name="Check progress").is_visible()

    # The script asks the server and updates the live region without a reload.
    ImportJob.objects.filter(pk=job.pk).update(rows_done=80000)
    browse.page.wait_for_function(
        "() => document.querySelector('#import-progress-text').textContent"
        ".includes('Read 80,000 of 100,000 rows.')"
    )
    assert browse.page.locator("#import-progress-bar").evaluate("bar => bar.value") == 80
    browse.check()

    # When it has finished, the page reloads itself with the result.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.DONE,
        rows_done=100000,
        file="",
        result={"rows": 100000, "created": 100000, "written": True, "errors": []},
        finished_at=datetime.datetime.now(datetime.UTC),
    )
    browse.page.get_by_role("heading", name="Import complete").wait_for()
    browse.check()
    assert browse.page.locator("#import-progress-text").count() == 0


def test_a_file_with_bad_rows_lists_them_and_imports_nothing(
    browse, essex, business_unit, tmp_path
):
    browse.sign_in(business_unit)
    browse.goto("/performance/import/")
    bad = tmp_path / "bad.csv"
    bad.write_text("area,period,Requests progressed\nEssex,2022-23,6586\nEssex,2021-22,lots\n")
    browse.page.get_by_label("File", exact=True).set_input_files(str(bad))
    browse.page.get_by_role("button", name="Import").click()
    browse.check()
    main = browse.page.locator("main").inner_text()
    assert "Nothing was imported" in main and "Not imported: problems found" in main
    assert "“lots” is not a number" in browse.page.locator("table").inner_text()
    assert not IndicatorValue.objects.exists()


def test_a_failed_import_says_what_to_do(browse, essex, business_unit):
    job = ImportJob.objects.create(
        partnership=essex,
        kind="performance.figures",
        uploaded_by=business_unit,
        original_name="broken.csv",
        status=ImportJobStatus.FAILED,
        failure="The file could not be read: broken.csv is not a well-formed CSV file. "
        "Nothing was imported: correct the file and upload it again.",
    )
    browse.sign_in(business_unit)
    browse.goto(f"/imports/{job.pk}/")
    main = browse.page.locator("main").inner_text()
    assert "The import failed" in main and "correct the file and upload it again" in main
    browse.check()


def test_saved_column_mappings_are_changed_and_removed(browse, essex, business_unit):
    contacts = indicator_create(job="test", partnership=essex, key="contacts", name="Contacts")
    mapping = ColumnMapping.objects.create(
        partnership=essex,
        source_format="csv",
        column="Referrals received",
        indicator=essex.indicators.get(key="referrals"),
    )
    browse.sign_in(business_unit)
    browse.goto("/performance/mappings/")
    browse.page.get_by_role(
        "link", name="Change the indicator the column Referrals received feeds"
    ).click()
    browse.check()
    browse.page.get_by_label("Indicator the column feeds").select_option(str(contacts.pk))
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert "now feeds “Contacts”" in browse.page.locator("main").inner_text()
    browse.page.get_by_role(
        "link", name="Remove the mapping of the column Referrals received"
    ).click()
    browse.check()
    browse.page.get_by_role("button", name="Remove the mapping").click()
    browse.check()
    assert not ColumnMapping.objects.filter(pk=mapping.pk).exists()


def test_finance_entries_are_changed_and_removed(browse, essex, business_unit):
    council = AgencyFactory(
        name="Essex County Council",
        type="local_authority",
        is_statutory_partner=True,
        partnerships=[essex],
    )
    year = finance_year_create(job="test", partnership=essex, year=2022)
    contribution_record(job="test", finance_year=year, agency=council, amount=Decimal(150000))
    budget_line_set(job="test", finance_year=year, category="training", amount=Decimal(20000))
    expenditure_add(
        job="test",
        finance_year=year,
        category="training",
        description="Venue hire",
        amount=Decimal(800),
    )
    browse.sign_in(business_unit)
    browse.goto("/performance/finance/2022/?partnership=essex")

    browse.page.get_by_role(
        "link", name="Change the contribution from Essex County Council"
    ).click()
    browse.check()
    browse.page.get_by_label("Amount (£)").fill("155000")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert Contribution.objects.get().amount == 155000

    browse.page.get_by_role("link", name="Change the budget line for training").click()
    browse.check()
    browse.page.get_by_label("Budget (£)").fill("-1")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert browse.page.locator(".govuk-error-summary").is_visible()
    browse.page.get_by_label("Budget (£)").fill("21000")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert BudgetLine.objects.get().amount == 21000

    browse.page.get_by_role("link", name="Change the spending on Venue hire").click()
    browse.check()
    browse.page.get_by_role("link", name="Cancel").click()
    browse.page.get_by_role("link", name="Remove the spending on Venue hire").click()
    browse.check()
    browse.page.get_by_role("button", name="Remove it").click()
    browse.check()
    assert not Expenditure.objects.exists()

    browse.page.get_by_role("link", name="Remove the budget line for training").click()
    browse.check()
    browse.page.get_by_role("link", name="Cancel").click()
    browse.page.get_by_role(
        "link", name="Remove the contribution from Essex County Council"
    ).click()
    browse.check()
    browse.page.get_by_role("button", name="Remove it").click()
    browse.check()
    assert not Contribution.objects.exists() and BudgetLine.objects.exists()
