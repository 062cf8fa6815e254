"""Who can see which assurance records: the facts the querysets and the rules share.

Campaigns, results and moderation belong to the partnership: its business unit, chair
and safeguarding partners see them. An agency safeguarding lead sees only the returns and
actions of the agencies they lead; a colleague the lead adds to a return sees that return.
"""

from __future__ import annotations

from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF, Role

_LEAD_CACHE = "_assurance_lead_agencies"


def staff_partnership_ids(user) -> set[int]:
    """Partnerships where the user is business unit, chair or safeguarding partner."""
    return partnerships_where(user, PARTNERSHIP_STAFF)


def business_unit_partnership_ids(user) -> set[int]:
    return partnerships_where(user, [Role.BUSINESS_UNIT])


def lead_agencies(user) -> dict[int, set[int]]:
    """{partnership id: agency ids} where the user is that agency's safeguarding lead."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _LEAD_CACHE, None)
    if cached is None:
        cached = {}
        for partnership_id, agency_id in user.role_assignments.filter(
            role=Role.AGENCY_LEAD, agency__isnull=False
        ).values_list("partnership_id", "agency_id"):
            cached.setdefault(partnership_id, set()).add(agency_id)
        setattr(user, _LEAD_CACHE, cached)
    return cached


def lead_agency_ids(user) -> set[int]:
    return {agency for agencies in lead_agencies(user).values() for agency in agencies}


def leads_agency_in(user, agency_id: int | None, partnership_ids) -> bool:
    if agency_id is None:
        return False
    held = lead_agencies(user)
    return any(agency_id in held.get(pid, ()) for pid in partnership_ids)
