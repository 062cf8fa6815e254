"""Finance: contributions with the equal-share check, budget, spend, reserve carried
forward, the summary pages, CSV and Excel exports, and the API."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.performance.models import Contribution, Expenditure, FinanceYear
from safeguarding.performance.services.finance import (
    budget_line_set,
    contribution_record,
    expenditure_add,
    finance_year_create,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def partners(partnership):
    def agency(name, type_, statutory=True):
        return AgencyFactory(
            name=name, type=type_, is_statutory_partner=statutory, partnerships=[partnership]
        )

    return {
        "council": agency("County Council", "local_authority"),
        "police": agency("County Police", "police"),
        "icb_a": agency("North ICB", "icb"),
        "icb_b": agency("South ICB", "icb"),
        "probation": agency("Probation Service", "probation", statutory=False),
        "district": agency("Riverside District Council", "district_council", statutory=False),
    }


@pytest.fixture
def two_years(partnership, partners):
    """2021–22 phasing towards equal shares; 2022–23 equal (the seed's pattern)."""
    years = {}
    for year, police, health in [(2021, 120000, 120000), (2022, 150000, 150000)]:
        fy = finance_year_create(
            job="test",
            partnership=partnership,
            year=year,
            opening_reserve=Decimal(80000) if year == 2021 else None,
        )
        contribution_record(
            job="test", finance_year=fy, agency=partners["council"], amount=Decimal(150000)
        )
        contribution_record(
            job="test", finance_year=fy, agency=partners["police"], amount=Decimal(police)
        )
        contribution_record(
            job="test", finance_year=fy, agency=partners["icb_a"], amount=Decimal(health / 2)
        )
        contribution_record(
            job="test", finance_year=fy, agency=partners["icb_b"], amount=Decimal(health / 2)
        )
        contribution_record(
            job="test", finance_year=fy, agency=partners["probation"], amount=Decimal(5000)
        )
        contribution_record(
            job="test", finance_year=fy, agency=partners["district"], amount=Decimal(2000)
        )
        budget_line_set(job="test", finance_year=fy, category="staffing", amount=Decimal(300000))
        budget_line_set(
            job="test", finance_year=fy, category="independent_reviewers", amount=Decimal(60000)
        )
        expenditure_add(
            job="test",
            finance_year=fy,
            category="staffing",
            description="Business unit salaries",
            amount=Decimal(290000),
            spent_on=datetime.date(year + 1, 3, 31),
        )
        expenditure_add(
            job="test",
            finance_year=fy,
            category="independent_reviewers",
            description="Independent lead reviewer, CSPR",
            amount=Decimal(70000),
        )
        years[year] = fy
    return years


def test_summary_checks_equal_shares_and_carries_the_reserve(signed_in, two_years):
    from safeguarding.performance.selectors import finance_summaries

    client = signed_in(Role.SAFEGUARDING_PARTNER)
    first, second = finance_summaries(user=client.user, partnership=two_years[2021].partnership)
    assert (first.statutory_total, first.other_total, first.income) == (390000, 7000, 397000)
    assert not first.is_equal
    assert "Police pays £30,000.00 less than the largest share" in first.equal_share_text
    assert second.is_equal
    assert second.equal_share_text == "Equal: each statutory partner pays £150,000.00."
    assert [g.share for g in second.groups] == [Decimal("33.3")] * 3
    # 2021–22: 80,000 + 397,000 − 360,000 = 117,000, carried into 2022–23.
    assert first.reserve_carried_forward == 117000
    assert second.reserve_brought_forward == 117000 and second.carried_from_previous_year
    assert second.reserve_carried_forward == 117000 + 457000 - 360000
    page = text(client.get(reverse("performance:finance")))
    for figure in ["£117,000.00", "£457,000.00", "£360,000.00", "Not yet equal", "Equal"]:
        assert figure in page


def test_year_page_shows_budget_against_spend(signed_in, two_years):
    page = text(signed_in(Role.CHAIR).get(reverse("performance:finance-year", args=[2022])))
    assert "Independent lead reviewers" in page
    assert "Over" in page and "(£10,000.00)" in page  # reviewers cost 70,000 against 60,000
    assert "Riverside District Council" in page and "Other partner" in page


def test_exports_have_the_same_figures(signed_in, two_years):
    from openpyxl import load_workbook

    client = signed_in(Role.BUSINESS_UNIT)
    csv_response = client.get(reverse("performance:finance-export"), {"format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().splitlines()
    assert lines[0].startswith("Financial year,Local authority contribution (£)")
    assert lines[2].startswith('2022–23,150000.00,150000.00,150000.00,450000.00,"Equal:')
    xlsx = client.get(reverse("performance:finance-export"), {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Summary", "Contributions", "Budget and spend"]
    summary = list(workbook["Summary"].values)
    assert summary[2][0] == "2022–23" and summary[2][7] == 457000  # total income
    assert ("2022–23", "Probation Service", "Other partner", 5000) in list(
        workbook["Contributions"].values
    )


def test_business_unit_records_contributions_through_the_pages(signed_in, partnership, partners):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(reverse("performance:finance-year-new"), {"year": 2023})
    assert response.status_code == 302
    url = reverse("performance:contribution-new", args=[2023])
    assert (
        client.post(url, {"agency": partners["police"].pk, "amount": "150000"}).status_code == 302
    )
    contribution = Contribution.objects.get()
    assert (contribution.statutory_group, contribution.amount) == ("police", 150000)
    bad = client.post(
        reverse("performance:expenditure-new", args=[2023]),
        {"category": "training", "description": "Venue", "amount": "500", "spent_on": "2023-03-01"},
    )
    assert "must be in the 2023–24 financial year" in text(bad)
    assert not Expenditure.objects.exists()
    twice = client.post(reverse("performance:finance-year-new"), {"year": 2023})
    assert "2023–24 is already recorded" in text(twice)


def test_a_contribution_from_an_agency_outside_the_partnership_is_refused(partnership):
    fy = finance_year_create(job="test", partnership=partnership, year=2023)
    outsider = AgencyFactory()
    with pytest.raises(ValidationError, match="is not part of this partnership"):
        contribution_record(job="test", finance_year=fy, agency=outsider, amount=Decimal(1))
    with pytest.raises(ValidationError, match="cannot be negative"):
        budget_line_set(job="test", finance_year=fy, category="training", amount=Decimal(-1))


def test_finance_is_not_for_agency_leads_and_practitioners(client, make_user, two_years):
    for role in (Role.AGENCY_LEAD, Role.PRACTITIONER, Role.REVIEWER):
        client.force_login(make_user(role))
        assert client.get(reverse("performance:finance")).status_code == 403


def test_finance_summary_query_count_does_not_grow_with_years(
    signed_in, partnership, partners, django_assert_max_num_queries
):
    client = signed_in(Role.CHAIR)

    def add(years):
        for year in years:
            fy = finance_year_create(job="test", partnership=partnership, year=year)
            for agency in partners.values():
                contribution_record(job="test", finance_year=fy, agency=agency, amount=Decimal(10))
            expenditure_add(
                job="test", finance_year=fy, category="staffing", description="x", amount=Decimal(5)
            )

    add([2010])
    client.get(reverse("performance:finance"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("performance:finance"))
    add(range(2011, 2022))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("performance:finance"))


def test_finance_summaries_api(make_user, two_years):
    _, raw = api_token_create(job="test", user=make_user(Role.SAFEGUARDING_PARTNER), name="t")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    body = api.get("/api/v1/finance-summaries/").json()
    assert body["count"] == 2
    latest = body["results"][1]
    assert (latest["label"], latest["is_equal"], latest["income"]) == ("2022–23", True, 457000)
    assert latest["reserve_brought_forward"] == 117000
    _, raw = api_token_create(job="test", user=make_user(Role.PRACTITIONER), name="t")
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/finance-summaries/").status_code == 403


def test_only_the_first_year_has_a_typed_opening_reserve(signed_in, partnership, two_years):
    from safeguarding.performance.selectors import finance_summaries

    with pytest.raises(ValidationError, match="2022–23’s closing reserve"):
        finance_year_create(
            job="test", partnership=partnership, year=2023, opening_reserve=Decimal(5)
        )
    with pytest.raises(ValidationError, match="Add 2023–24 first"):
        finance_year_create(job="test", partnership=partnership, year=2024)
    with pytest.raises(ValidationError, match="Add 2020–21 first"):
        finance_year_create(job="test", partnership=partnership, year=2019)
    finance_year_create(job="test", partnership=partnership, year=2023)
    client = signed_in(Role.BUSINESS_UNIT)
    *_, second, third = finance_summaries(user=client.user, partnership=partnership)
    assert third.reserve_brought_forward == second.reserve_carried_forward == 214000
    # The page for a later year offers no reserve field: it is worked out, not typed.
    page = text(client.get(reverse("performance:finance-year-new")))
    assert "Reserve brought forward" not in page
    assert "closing reserve of the year before" in page
    response = client.post(
        reverse("performance:finance-year-new"), {"year": 2024, "opening_reserve": "999"}
    )
    assert response.status_code == 302
    assert FinanceYear.objects.get(partnership=partnership, year=2024).opening_reserve == 0
    # A year added before the first becomes the first: it holds the opening figure now.
    finance_year_create(
        job="test", partnership=partnership, year=2020, opening_reserve=Decimal(1000)
    )
    assert FinanceYear.objects.get(partnership=partnership, year=2021).opening_reserve == 0
    first, second, *_ = finance_summaries(user=client.user, partnership=partnership)
    assert first.year == 2020 and first.reserve_brought_forward == 1000
    assert second.reserve_brought_forward == first.reserve_carried_forward


def test_the_first_year_page_asks_for_the_opening_reserve(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    page = text(client.get(reverse("performance:finance-year-new")))
    assert "Reserve brought forward" in page
    client.post(reverse("performance:finance-year-new"), {"year": 2023, "opening_reserve": "250"})
    assert FinanceYear.objects.get(partnership=partnership).opening_reserve == 250


def test_exports_neutralise_a_formula_and_keep_negative_numbers_as_numbers(
    signed_in, two_years, partners
):
    from openpyxl import load_workbook

    formula = '=HYPERLINK("https://evil.example/","Click")'
    partners["probation"].name = formula
    partners["probation"].save()
    client = signed_in(Role.BUSINESS_UNIT)
    xlsx = client.get(reverse("performance:finance-export"), {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    names = [row[1] for row in workbook["Contributions"].iter_rows(min_row=2)]
    probation = [cell for cell in names if "HYPERLINK" in str(cell.value)]
    assert probation and all(
        cell.data_type == "s" and cell.value == "'" + formula for cell in probation
    )
    variances = [row[4] for row in workbook["Budget and spend"].iter_rows(min_row=2)]
    negative = [
        cell for cell in variances if isinstance(cell.value, int | float) and cell.value < 0
    ]
    assert negative, "an over-spent category is a negative number, not text"
    csv_text = client.get(reverse("performance:finance-export"), {"format": "csv"})
    assert "'=" not in csv_text.content.decode()  # amounts, even negative ones, stay as they are
