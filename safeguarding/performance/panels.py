"""Dashboard panels: indicators off target, and data returns due."""

from __future__ import annotations

from safeguarding.performance import selectors
from safeguarding.performance.scoping import performance_partnerships


def off_target_context(request) -> dict:
    partnership = selectors.partnership_for(
        user=request.user,
        slug=None,
        default=request.partnership,
        allowed_ids=performance_partnerships(request.user),
    )
    if partnership is None:
        return {"items": [], "partnership": None}
    return {
        "items": selectors.off_target(user=request.user, partnership=partnership),
        "partnership": partnership,
    }


def returns_due_context(request) -> dict:
    return {"returns": selectors.data_returns_due(user=request.user)}
