"""Who may manage subscribers and bulletins: the business unit of the partnership."""

import rules

from safeguarding.core.permissions import is_business_unit, is_chair

rules.add_perm("comms.manage_subscribers", is_business_unit)
rules.add_perm("comms.manage_bulletins", is_business_unit)
rules.add_perm("comms.send_bulletin", is_business_unit)
rules.add_perm("comms.view_bulletin_stats", is_business_unit | is_chair)
rules.add_perm("comms.manage_settings", is_business_unit)
