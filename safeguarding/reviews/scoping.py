"""Who can see which case-review records: the facts the querysets and rules share.

Unpublished reviews and every notification are confidential. They are seen by the business
unit, the chair and the safeguarding partners of the partnership, and by the people assigned
to a review (its reviewer). An agency safeguarding lead sees only their own agency's rapid
review summaries and the recommendations their agency owns.
"""

from __future__ import annotations

from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF, Role

_LEAD_CACHE = "_reviews_lead_agencies"


def staff_partnership_ids(user) -> set[int]:
    """Partnerships where the user is business unit, chair or safeguarding partner."""
    return partnerships_where(user, PARTNERSHIP_STAFF)


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
