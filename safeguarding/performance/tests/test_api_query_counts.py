"""/api/v1/indicators/ and /api/v1/finance-summaries/ make the same number of queries whatever
the number of indicators or financial years."""

import itertools
from decimal import Decimal

import pytest

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import BusinessPlanFactory, PriorityFactory
from safeguarding.performance.services.finance import (
    budget_line_set,
    contribution_record,
    expenditure_add,
    finance_year_create,
)
from safeguarding.performance.tests.factories import IndicatorFactory
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def test_the_indicators_list_makes_the_same_queries_for_few_or_many(
    signed_in, partnership, flat_queries
):
    client = signed_in(Role.CHAIR)
    themes = list(Theme.objects.order_by("pk")[:2])
    priority = PriorityFactory(plan=BusinessPlanFactory(partnership=partnership))
    source = AgencyFactory(partnerships=[partnership])

    def add(n):
        return [
            IndicatorFactory(
                partnership=partnership, themes=themes, priority=priority, source_agency=source
            ).pk
            for _ in range(n)
        ]

    url = "/api/v1/indicators/"
    listed = add(2)
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(add(20)))
    assert {row["id"] for row in response.json()["results"]} == set(listed)


def test_the_finance_summaries_make_the_same_queries_for_few_or_many_years(
    signed_in, partnership, flat_queries
):
    client = signed_in(Role.SAFEGUARDING_PARTNER)
    partners = [
        AgencyFactory(type=kind, is_statutory_partner=True, partnerships=[partnership])
        for kind in ("local_authority", "police", "icb")
    ]
    years = itertools.count(2000)

    def add(n):
        for _ in range(n):
            finance_year = finance_year_create(
                job="test",
                partnership=partnership,
                year=next(years),
                opening_reserve=Decimal(1000) if not partnership.finance_years.exists() else None,
            )
            for agency in partners:
                contribution_record(
                    job="test", finance_year=finance_year, agency=agency, amount=Decimal(100)
                )
            budget_line_set(
                job="test", finance_year=finance_year, category="staffing", amount=Decimal(250)
            )
            expenditure_add(
                job="test",
                finance_year=finance_year,
                category="staffing",
                description="Business manager",
                amount=Decimal(200),
            )

    url = "/api/v1/finance-summaries/"
    add(2)
    response = flat_queries(lambda: client.get(url), lambda: add(20))
    assert [row["year"] for row in response.json()["results"]] == list(range(2000, 2022))
