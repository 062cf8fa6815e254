"""The agencies a person leads, read once per request and forgotten with their roles.

Every capability scopes an agency lead's view to the agencies they lead; this is the one
place that reads it. ``core.permissions.forget_roles`` clears it with the roles.
"""

from __future__ import annotations

from collections.abc import Iterable

from safeguarding.core.roles import Role

LEAD_AGENCIES_CACHE = "_safeguarding_lead_agencies"
ROLE_ROWS_CACHE = "_safeguarding_role_rows"


def role_rows(user) -> tuple[tuple[int, str, int | None], ...]:
    """Every role the user holds as (partnership id, role, agency id), sorted, read in one
    query per request and cached on the user: the roles (``core.permissions``), the agencies
    led and the dashboard's fingerprint of the person (``core.dashboard``) all come from it.
    ``core.permissions.forget_roles`` clears it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ()
    cached = getattr(user, ROLE_ROWS_CACHE, None)
    if cached is None:
        cached = tuple(
            sorted(
                user.role_assignments.values_list("partnership_id", "role", "agency_id"),
                key=lambda row: (row[0], row[1], row[2] or 0),
            )
        )
        setattr(user, ROLE_ROWS_CACHE, cached)
    return cached


def lead_agencies(user) -> dict[int, frozenset[int]]:
    """{partnership id: agency ids} where the user is that agency's safeguarding lead."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, LEAD_AGENCIES_CACHE, None)
    if cached is None:
        found: dict[int, set[int]] = {}
        for partnership_id, role, agency_id in role_rows(user):
            if role == Role.AGENCY_LEAD and agency_id is not None:
                found.setdefault(partnership_id, set()).add(agency_id)
        cached = {key: frozenset(value) for key, value in found.items()}
        setattr(user, LEAD_AGENCIES_CACHE, cached)
    return cached


def lead_agency_ids(user) -> set[int]:
    """Every agency the user leads, in any partnership."""
    return {agency for agencies in lead_agencies(user).values() for agency in agencies}


def leads_agency_in(user, agency_id: int | None, partnership_ids: Iterable[int]) -> bool:
    """Whether the user leads ``agency_id`` in one of ``partnership_ids``."""
    if agency_id is None:
        return False
    held = lead_agencies(user)
    return any(agency_id in held.get(pid, ()) for pid in partnership_ids)
