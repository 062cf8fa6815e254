"""Who can see which performance records: the facts the querysets and rules share.

Indicators, their figures and the finance summary are aggregate statistics, never about a
child. They are read by everyone working in the partnership — business unit, chair,
safeguarding partners, agency safeguarding leads and practitioners — but not by
commissioned reviewers, who see only the reviews they write. An agency safeguarding lead
sees and fills in the data returns of the agency they lead.
"""

from __future__ import annotations

from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role

READERS = frozenset(
    {
        Role.BUSINESS_UNIT,
        Role.CHAIR,
        Role.SAFEGUARDING_PARTNER,
        Role.AGENCY_LEAD,
        Role.PRACTITIONER,
    }
)


def performance_partnerships(user) -> set[int]:
    """Partnerships whose indicators and figures the user may read."""
    return partnerships_where(user, READERS)


def business_unit_partnerships(user) -> set[int]:
    return partnerships_where(user, [Role.BUSINESS_UNIT])


def oversight_partnerships(user) -> set[int]:
    """Partnerships where the user sees every data return: business unit and chair."""
    return partnerships_where(user, [Role.BUSINESS_UNIT, Role.CHAIR])
