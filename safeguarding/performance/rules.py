"""Who may do what with performance data and finance. Everything not granted is denied.

Indicators and their figures are aggregate statistics: everyone working in the partnership
reads them (not commissioned reviewers). The business unit defines indicators, imports and
enters figures, writes narratives, requests and checks data returns and keeps the finance.
An agency safeguarding lead fills in their own agency's data returns and may send figures
for the indicators their agency provides. Finance is read by the business unit, the chair
and the safeguarding partners who fund the partnership.
"""

import rules

from safeguarding.core.permissions import (
    is_agency_lead,
    is_business_unit,
    is_chair,
    is_partnership_staff,
    is_practitioner,
)
from safeguarding.core.scoping import leads_agency_in

can_read = is_partnership_staff | is_agency_lead | is_practitioner


@rules.predicate
def leads_return_agency(user, data_return=None) -> bool:
    """The safeguarding lead of the agency the data return is for."""
    if data_return is None or not hasattr(data_return, "agency_id"):
        return False
    return leads_agency_in(user, data_return.agency_id, {data_return.partnership_id})


@rules.predicate
def leads_source_agency(user, indicator=None) -> bool:
    """The safeguarding lead of the agency that provides an indicator's figures."""
    if indicator is None or not hasattr(indicator, "source_agency_id"):
        return False
    return leads_agency_in(user, indicator.source_agency_id, {indicator.partnership_id})


rules.add_perm("performance.view_indicators", can_read)
rules.add_perm("performance.manage_indicators", is_business_unit)
rules.add_perm("performance.import_indicators", is_business_unit)
rules.add_perm("performance.record_indicator_value", is_business_unit | leads_source_agency)

# Data returns: the list is for the business unit, chair and agency leads; each return for
# its partnership's business unit and chair and its own agency's lead.
rules.add_perm("performance.view_data_returns", is_business_unit | is_chair | is_agency_lead)
rules.add_perm("performance.view_data_return", is_business_unit | is_chair | leads_return_agency)
rules.add_perm("performance.request_data_return", is_business_unit)
rules.add_perm("performance.submit_data_return", leads_return_agency)
rules.add_perm("performance.review_data_return", is_business_unit)

rules.add_perm("performance.view_finance", is_partnership_staff)
rules.add_perm("performance.manage_finance", is_business_unit)
