"""Who can see which case-review records: the facts the querysets and rules share.

Unpublished reviews and every notification are confidential. They are seen by the business
unit, the chair and the safeguarding partners of the partnership, and by the people assigned
to a review (its reviewer). An agency safeguarding lead sees only their own agency's rapid
review summaries and the recommendations their agency owns.
"""

from __future__ import annotations

from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF


def staff_partnership_ids(user) -> set[int]:
    """Partnerships where the user is business unit, chair or safeguarding partner."""
    return partnerships_where(user, PARTNERSHIP_STAFF)
