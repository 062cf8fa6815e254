"""Who may do what with partnerships, agencies and accounts. Everything else is denied."""

import rules

from safeguarding.core.permissions import has_any_role, is_business_unit

# Agencies: seen by anyone holding a role in one of the agency's partnerships; created and
# changed by that partnership's business unit.
rules.add_perm("accounts.view_agency_directory", has_any_role)
rules.add_perm("accounts.view_agency", has_any_role)
rules.add_perm("accounts.add_agency", is_business_unit)
rules.add_perm("accounts.change_agency", is_business_unit)
rules.add_perm("accounts.view_agency_people", is_business_unit)

# Partnerships: public facts; created by a business unit, changed by its own business unit.
rules.add_perm("accounts.add_partnership", is_business_unit)
rules.add_perm("accounts.change_partnership", is_business_unit)

# People: the business unit invites people, gives and removes roles in its partnerships,
# and deactivates accounts.
rules.add_perm("accounts.manage_people", is_business_unit)

# Your own account and tokens.
rules.add_perm("accounts.manage_own_account", rules.is_authenticated & rules.is_active)
