"""URL arguments and role sets for the core URL sweep (core/tests/test_url_access.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.performance.services.finance import finance_year_create
from safeguarding.performance.services.returns import data_return_request
from safeguarding.performance.tests.factories import IndicatorFactory

# Everyone working in the partnership except commissioned reviewers.
READERS = frozenset(
    {
        Role.BUSINESS_UNIT,
        Role.CHAIR,
        Role.SAFEGUARDING_PARTNER,
        Role.AGENCY_LEAD,
        Role.PRACTITIONER,
    }
)
RETURNS = frozenset({Role.BUSINESS_UNIT, Role.CHAIR, Role.AGENCY_LEAD})


def indicator(partnership, user) -> dict:
    return {"pk": IndicatorFactory(partnership=partnership).pk}


def data_return(partnership, user) -> dict:
    """A submitted return, so the business unit's review form can answer."""
    from safeguarding.performance.models import DataReturn, ReturnStatus

    agency = AgencyFactory(partnerships=[partnership])
    requested = data_return_request(
        job="test",
        partnership=partnership,
        agency=agency,
        indicators=[IndicatorFactory(partnership=partnership)],
        period_text="2023-24",
        due_on=datetime.date(2024, 5, 1),
    )
    DataReturn.objects.filter(pk=requested.pk).update(status=ReturnStatus.SUBMITTED)
    return {"pk": requested.pk}


def finance_year(partnership, user) -> dict:
    finance_year_create(
        job="test", partnership=partnership, year=2023, opening_reserve=Decimal(1000)
    )
    return {"year": 2023}


def import_run(partnership, user) -> dict:
    """A finished import of the partnership from before the figure imports moved to the core
    import job: its old address leads to the job it became."""
    from safeguarding.core.models import ImportJob

    ImportJob.objects.create(
        partnership=partnership,
        kind="performance.figures",
        original_name="figures.csv",
        options={"moved_from": 7001},
        status="done",
    )
    return {"pk": 7001}


def column_mapping(partnership, user) -> dict:
    from safeguarding.performance.models import ColumnMapping

    mapping = ColumnMapping.objects.create(
        partnership=partnership,
        source_format="csv",
        column="Referrals",
        indicator=IndicatorFactory(partnership=partnership),
    )
    return {"pk": mapping.pk}


def _sweep_year(partnership):
    from safeguarding.performance.models import FinanceYear

    return FinanceYear.objects.filter(partnership=partnership, year=2023).first() or (
        finance_year_create(job="test", partnership=partnership, year=2023)
    )


def contribution(partnership, user) -> dict:
    from safeguarding.performance.services.finance import contribution_record

    agency = AgencyFactory(partnerships=[partnership])
    entry = contribution_record(
        job="test", finance_year=_sweep_year(partnership), agency=agency, amount=Decimal(500)
    )
    return {"year": 2023, "pk": entry.pk}


def budget_line(partnership, user) -> dict:
    from safeguarding.performance.services.finance import budget_line_set

    line = budget_line_set(
        job="test", finance_year=_sweep_year(partnership), category="training", amount=Decimal(9)
    )
    return {"year": 2023, "pk": line.pk}


def expenditure(partnership, user) -> dict:
    from safeguarding.performance.services.finance import expenditure_add

    item = expenditure_add(
        job="test",
        finance_year=_sweep_year(partnership),
        category="training",
        description="Venue",
        amount=Decimal(9),
    )
    return {"year": 2023, "pk": item.pk}
