"""Who can see which training records: facts shared by the querysets and the rules.

- The business unit of a course's partnership manages the course, its sessions and every
  booking on them (a joint session is managed by each partnership it belongs to).
- An agency safeguarding lead sees the bookings of people from their own agency.
- Anyone signed in sees their own bookings (made on their account or with their email).
- Published courses and their sessions are public; no booking is.
"""

from __future__ import annotations

from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role


def managed_partnership_ids(user) -> set[int]:
    """Partnerships whose training the user runs (business unit)."""
    return partnerships_where(user, [Role.BUSINESS_UNIT])


def oversight_partnership_ids(user) -> set[int]:
    """Partnerships whose training figures the user may read (business unit and chair)."""
    return partnerships_where(user, [Role.BUSINESS_UNIT, Role.CHAIR])
