"""Journeys through performance data and finance, each page checked with axe (WCAG 2.2 AA):
the indicator list and filters, an indicator with its chart, table and comparisons, the key
data table, defining an indicator, recording a figure and a narrative, importing a file,
asking for a data return, the agency lead filling it in, the business unit accepting it,
and the finance pages with their forms."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.performance.models import DataReturn, Indicator, IndicatorValue
from safeguarding.performance.services.finance import (
    budget_line_set,
    contribution_record,
    expenditure_add,
    finance_year_create,
)
from safeguarding.performance.services.importing import indicator_values_import, load_file
from safeguarding.performance.services.indicators import indicator_create, value_record
from safeguarding.performance.services.reference import home_area_ensure
from safeguarding.performance.tests.factories import fy

DATA = Path(__file__).resolve().parents[2] / "safeguarding" / "performance" / "data"


@pytest.fixture
def essex(transactional_db):
    partnership = PartnershipFactory(
        slug="essex", name="Essex Safeguarding Children Board", area="Essex"
    )
    files = [
        load_file(DATA / name, "ees")
        for name in (
            "cin_stats_c1_referrals_rereferrals_essex_set_2013_2024.csv",
            "cin_stats_statistical_neighbours_2025_all_las.csv",
        )
    ]
    indicator_values_import(job="test", partnership=partnership, files=files)
    rate = partnership.indicators.get(key="dfe-re-referrals-percent")
    rate.target, rate.amber_threshold, rate.polarity = Decimal(16), Decimal(17), "lower_is_better"
    rate.save()
    home = home_area_ensure(partnership)
    referrals = indicator_create(
        job="test",
        partnership=partnership,
        key="referrals",
        name="Requests progressed to referrals",
        in_key_data=True,
    )
    assessments = indicator_create(
        job="test",
        partnership=partnership,
        key="assessments",
        name="Referrals leading to an assessment",
        in_key_data=True,
    )
    for year, r, a in [(2020, 7720, 6417), (2021, 6887, 6118), (2022, 6586, 5922)]:
        value_record(job="test", indicator=referrals, area=home, period=fy(year), value=Decimal(r))
        value_record(
            job="test", indicator=assessments, area=home, period=fy(year), value=Decimal(a)
        )
    indicator_create(
        job="test",
        partnership=partnership,
        key="conversion",
        name="Conversion rate of referrals leading to an assessment",
        unit="percentage",
        decimal_places=1,
        formula="100 * {assessments} / {referrals}",
        in_key_data=True,
    )
    return partnership


def test_business_unit_works_with_indicators(browse, essex):
    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(user)
    browse.page.get_by_role("link", name="Governance", exact=True).click()
    browse.check()
    browse.page.get_by_role("link", name="Performance", exact=True).click()
    browse.check()
    browse.page.get_by_label("Kind of indicator").select_option("derived")
    browse.page.get_by_role("button", name="Apply filter").click()
    browse.check()
    assert "1 indicator" in browse.page.locator("#result-count").inner_text()

    # An official indicator: chart, the same figures as a table, comparisons, off target.
    rate = Indicator.objects.get(key="dfe-re-referrals-percent")
    browse.goto(f"/performance/indicators/{rate.pk}/")
    main = browse.page.locator("main").inner_text()
    assert browse.page.locator("svg.app-chart__svg").count() == 1
    assert "16.8%" in main and "Statistical neighbour" in main and "Kent" in main
    assert "Off target" in main or "Close to target" in main

    # Define an indicator (with a validation error first), record a figure and a narrative.
    browse.goto("/performance/indicators/new/")
    browse.page.get_by_label("Name", exact=True).fill("Children missing education")
    browse.page.get_by_label("Key", exact=True).fill("cme")
    browse.page.get_by_label("Formula (derived indicators only)").fill("{cme} + 1")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert "this indicator itself" in browse.page.locator(".govuk-error-summary").inner_text()
    browse.page.get_by_label("Formula (derived indicators only)").fill("")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert browse.page.get_by_role("heading", level=1).inner_text() == (
        "Children missing education"
    )
    browse.page.get_by_role("link", name="Change the definition").click()
    browse.check()
    browse.page.get_by_role("link", name="Cancel").click()
    browse.page.get_by_role("link", name="Record a figure").click()
    browse.check()
    browse.page.get_by_label("Period").fill("2022-23")
    browse.page.get_by_label("Figure").fill("477")
    browse.page.get_by_role("button", name="Save the figure").click()
    browse.check()
    browse.page.get_by_role("link", name="Write the narrative").click()
    browse.check()
    browse.page.get_by_label("Narrative", exact=True).fill("Some improvement since the pandemic.")
    browse.page.get_by_role("button", name="Save the narrative").click()
    browse.check()
    assert "Some improvement since the pandemic." in browse.page.locator("main").inner_text()

    # The key data table with the computed conversion rate.
    browse.goto("/performance/key-data/")
    table = browse.page.locator("table").inner_text()
    assert "7,720" in table and "83.1%" in table and "89.9%" in table


def test_business_unit_imports_a_file_and_sees_its_problems(browse, essex, tmp_path):
    user = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(user)
    browse.goto("/performance/import/")
    bad = tmp_path / "local.csv"
    bad.write_text("indicator,area,period,value\nreferrals,Essex,2023-24,seven\n")
    browse.page.get_by_label("File", exact=True).set_input_files(str(bad))
    browse.page.get_by_role("button", name="Import").click()
    browse.check()  # the progress page, with the result (tasks run at once in tests)
    assert "“seven” is not a number" in browse.page.locator("main").inner_text()
    browse.page.get_by_role("link", name="Import another file").click()
    browse.check()
    good = tmp_path / "local-fixed.csv"
    good.write_text("indicator,area,period,value\nreferrals,Essex,2023-24,6400\n")
    browse.page.get_by_label("File", exact=True).set_input_files(str(good))
    browse.page.get_by_role("button", name="Import").click()
    browse.check()
    assert "Import complete" in browse.page.locator("main").inner_text()
    assert IndicatorValue.objects.filter(indicator__key="referrals", value=6400).exists()


def test_a_data_return_from_request_to_acceptance(browse, essex):
    agency = AgencyFactory(name="Essex Youth Service", partnerships=[essex])
    carers = indicator_create(
        job="test",
        partnership=essex,
        key="carers",
        name="Young carers assessments",
        source_agency=agency,
    )
    business_unit = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    lead = user_with_role(Role.AGENCY_LEAD, partnership=essex, agency=agency)
    browse.sign_in(business_unit)
    browse.goto("/performance/returns/")
    browse.page.get_by_role("link", name="Ask an agency for a return").click()
    browse.check()
    browse.choose("Agency", agency.name[:4], agency.name)
    browse.page.get_by_label("Young carers assessments").check()
    browse.page.get_by_label("Period").fill("2022-23")
    browse.page.get_by_label("Due by").fill("2023-05-12")
    browse.page.get_by_role("button", name="Send the request").click()
    browse.check()
    data_return = DataReturn.objects.get()
    browse.sign_out()

    browse.sign_in(lead)
    browse.goto("/performance/returns/")
    browse.page.get_by_role("link", name="Essex Youth Service").click()
    browse.check()
    browse.page.get_by_label("Young carers assessments (count)").fill("lots")
    browse.page.get_by_role("button", name="Submit the return").click()
    browse.check()
    assert "“lots” is not a number" in browse.page.locator(".govuk-error-summary").inner_text()
    browse.page.get_by_label("Young carers assessments (count)").fill("1124")
    browse.page.get_by_label("Data-quality flag for young carers assessments").select_option(
        "incomplete"
    )
    browse.page.get_by_role("button", name="Submit the return").click()
    browse.check()
    browse.sign_out()

    browse.sign_in(business_unit)
    browse.goto(f"/performance/returns/{data_return.pk}/")
    browse.page.get_by_label("Accept: the figures become the partnership's figures").check()
    browse.page.get_by_role("button", name="Record the decision").click()
    browse.check()
    assert IndicatorValue.objects.get(indicator=carers).value == 1124
    browse.goto("/dashboard/")


def test_finance_pages_and_forms(browse, essex):
    council = AgencyFactory(
        name="Essex County Council",
        type="local_authority",
        is_statutory_partner=True,
        partnerships=[essex],
    )
    police = AgencyFactory(
        name="Essex Police", type="police", is_statutory_partner=True, partnerships=[essex]
    )
    year = finance_year_create(
        job="test", partnership=essex, year=2022, opening_reserve=Decimal(90000)
    )
    contribution_record(job="test", finance_year=year, agency=council, amount=Decimal(150000))
    budget_line_set(job="test", finance_year=year, category="staffing", amount=Decimal(120000))
    expenditure_add(
        job="test",
        finance_year=year,
        category="staffing",
        description="Business unit salaries",
        amount=Decimal(118000),
        spent_on=datetime.date(2023, 3, 31),
    )
    chair = user_with_role(Role.CHAIR, partnership=essex)
    browse.sign_in(chair)
    browse.goto("/performance/finance/")
    assert "Not yet equal" in browse.page.locator("main").inner_text()
    browse.sign_out()

    business_unit = user_with_role(Role.BUSINESS_UNIT, partnership=essex)
    browse.sign_in(business_unit)
    browse.goto("/performance/finance/")
    browse.page.get_by_role("link", name="2022–23").click()
    browse.check()
    browse.page.get_by_role("link", name="Record a contribution").click()
    browse.check()
    browse.choose("Partner agency", police.name[:4], police.name)
    browse.page.get_by_label("Amount (£)").fill("150000")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    browse.page.get_by_role("link", name="Set a budget line").click()
    browse.check()
    browse.page.get_by_label("Category").select_option("independent_reviewers")
    browse.page.get_by_label("Budget (£)").fill("60000")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    browse.page.get_by_role("link", name="Record spending").click()
    browse.check()
    browse.page.get_by_label("Category").select_option("independent_reviewers")
    browse.page.get_by_label("What the money was spent on").fill("Lead reviewer, CSPR")
    browse.page.get_by_label("Amount spent (£)").fill("64000")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert "Lead reviewer, CSPR" in browse.page.locator("main").inner_text()
    browse.goto("/performance/finance/new/")
    browse.page.get_by_label("Year the financial year starts").fill("2023")
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    assert browse.page.get_by_role("heading", level=1).inner_text() == "Finance 2023–24"
