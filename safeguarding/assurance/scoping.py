"""Who can see which assurance records: the facts the querysets and the rules share.

Campaigns, results and moderation belong to the partnership: its business unit, chair
and safeguarding partners see them. An agency safeguarding lead sees only the returns and
actions of the agencies they lead; a colleague the lead adds to a return sees that return.
"""

from __future__ import annotations

from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF, Role


def staff_partnership_ids(user) -> set[int]:
    """Partnerships where the user is business unit, chair or safeguarding partner."""
    return partnerships_where(user, PARTNERSHIP_STAFF)


def business_unit_partnership_ids(user) -> set[int]:
    return partnerships_where(user, [Role.BUSINESS_UNIT])
