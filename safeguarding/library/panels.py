"""Dashboard panel contexts for the library."""

from __future__ import annotations

from django.utils import timezone

from safeguarding.library.selectors.procedures import procedures_due_for_review

PANEL_LIMIT = 8


def procedures_due(request) -> dict:
    today = timezone.localdate()
    found = procedures_due_for_review(user=request.user, today=today)[:PANEL_LIMIT]
    return {"procedures": list(found), "today": today}
