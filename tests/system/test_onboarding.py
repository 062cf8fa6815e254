"""Onboarding journeys, each page checked with axe (WCAG 2.2 AA): a GIAS export uploaded,
checked, confirmed and imported; a people file with problems listed by row; a running
import's progress page; and key messages imported from a Word document."""

import pytest

from safeguarding.accounts.models import Agency
from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.accounts.tests.gias import gias_csv, gias_rows
from safeguarding.core.models import ImportJob, ImportJobStatus
from safeguarding.core.roles import Role
from safeguarding.governance.models import KeyMessage
from safeguarding.governance.tests.test_import import make_docx


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")


@pytest.fixture
def business_unit(essex):
    return user_with_role(Role.BUSINESS_UNIT, partnership=essex)


def test_schools_are_checked_confirmed_and_imported(browse, essex, business_unit, tmp_path):
    export = tmp_path / "edubasealldata.csv"
    export.write_bytes(gias_csv(gias_rows(schools=40, closed=2)))
    browse.sign_in(business_unit)
    browse.goto("/people/")
    browse.page.get_by_role("link", name="Import people or organisations").click()
    browse.check()
    browse.page.get_by_label("Organisations: a Get Information About Schools export").check()
    browse.page.get_by_label("File", exact=True).set_input_files(str(export))
    browse.page.get_by_role("button", name="Check the file").click()
    browse.check()
    main = browse.page.locator("main").inner_text()
    assert "Check complete: nothing has been written yet" in main
    assert "Rows skipped (2)" in main
    assert not Agency.objects.filter(type="school").exists()
    browse.page.get_by_role("button", name="Confirm and import").click()
    browse.check()
    assert "Import complete" in browse.page.locator("main").inner_text()
    assert Agency.objects.filter(type="school").count() == 40


def test_a_people_file_with_problems_lists_them_by_row(browse, essex, business_unit, tmp_path):
    people = tmp_path / "leads.csv"
    people.write_text("email,first name,last name,agency,role\nbad,A,B,,headteacher\n")
    browse.sign_in(business_unit)
    browse.goto("/people/import/")
    browse.page.get_by_label("People: columns email").check()
    browse.page.get_by_label("File", exact=True).set_input_files(str(people))
    browse.page.get_by_role("button", name="Check the file").click()
    browse.check()
    table = browse.page.locator("table").inner_text()
    assert "“bad” is not an email address." in table
    assert browse.page.get_by_role("button", name="Confirm and import").count() == 0


def test_a_running_import_shows_its_progress(browse, essex, business_unit):
    job = ImportJob.objects.create(
        partnership=essex,
        kind="accounts.organisations",
        uploaded_by=business_unit,
        original_name="big.csv",
        file="imports/big.csv",
        options={"dry_run": True},
        status=ImportJobStatus.RUNNING,
        rows_total=22000,
        rows_done=5500,
    )
    browse.sign_in(business_unit)
    browse.goto(f"/imports/{job.pk}/")
    assert "Read 5,500 of 22,000 rows." in browse.page.locator("main").inner_text()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.DONE,
        rows_done=22000,
        result={"rows": 22000, "created": 22000, "errors": [], "skips": []},
    )
    browse.page.wait_for_selector("#import-result", timeout=10000)
    browse.check()
    assert browse.page.get_by_role("button", name="Confirm and import").count() == 1


def test_key_messages_are_imported_from_a_word_document(browse, essex, business_unit, tmp_path):
    document = make_docx(tmp_path / "executive.docx")
    browse.sign_in(business_unit)
    browse.goto("/governance/key-messages/import/")
    browse.page.get_by_label("Key messages document").set_input_files(str(document))
    browse.page.get_by_role("button", name="Import").click()
    browse.check()
    # Read into a batch of drafts: nothing is public until the business unit publishes it.
    assert "3 messages read into drafts" in browse.page.locator("main").inner_text()
    assert not KeyMessage.objects.filter(partnership=essex, status="published").exists()
    browse.page.get_by_role("button", name="Publish all 3 messages").click()
    browse.check()
    assert KeyMessage.objects.filter(partnership=essex, status="published").count() == 3
