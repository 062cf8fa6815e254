"""Who may do what with yearly reports and inspections. Everything not granted is denied.

The business unit builds the report and keeps the inspection register; the chair and the
safeguarding partners read drafts and comment; sign-offs are recorded by the business unit
or by a safeguarding partner. Published reports are public (no permission)."""

import rules

from safeguarding.core.permissions import (
    is_business_unit,
    is_chair,
    is_partnership_staff,
    is_safeguarding_partner,
)

rules.add_perm("reports.view_reports", is_partnership_staff)
rules.add_perm("reports.manage_report", is_business_unit)
# The statutory partners (and the chair or independent scrutineer) comment on a shared draft.
rules.add_perm("reports.comment_report", is_safeguarding_partner | is_chair)
rules.add_perm("reports.sign_off_report", is_business_unit | is_safeguarding_partner)
rules.add_perm("reports.view_inspections", is_partnership_staff)
rules.add_perm("reports.manage_inspections", is_business_unit)
rules.add_perm("reports.manage_arrangements", is_business_unit)
