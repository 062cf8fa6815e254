"""Who may do what with child death records: deny by default.

CDOP chairs and members (and the child death review partners' named people, who hold the
member role) reach the deaths of their partnerships; agency leads reach only the reports
asked of their agencies; everybody else is refused.
"""

import rules

from safeguarding.core.permissions import is_agency_lead, is_child_death_review, role_predicate
from safeguarding.core.roles import Role

is_cdop_chair = role_predicate(Role.CDOP_CHAIR, name="is_cdop_chair")
is_cdop = is_child_death_review

rules.add_perm("childdeaths.view_childdeaths", is_cdop)
rules.add_perm("childdeaths.manage_childdeaths", is_cdop)
rules.add_perm("childdeaths.overrule_outstanding_reports", is_cdop_chair)
rules.add_perm("childdeaths.export_findings", is_cdop_chair)
rules.add_perm("childdeaths.view_agency_reports", is_agency_lead)
