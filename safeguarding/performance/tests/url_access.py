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
