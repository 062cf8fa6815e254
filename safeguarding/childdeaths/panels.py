"""The CDOP's dashboard panel: counts of what waits on the panel (no references, so
nothing on the dashboard names a death)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from safeguarding.childdeaths import selectors


def cdop_context(request: HttpRequest) -> dict:
    counts = selectors.dashboard_counts(user=request.user, today=timezone.localdate())
    items: list[dict[str, str | bool]] = []
    list_url = reverse("childdeaths:list")
    if counts["awaiting"]:
        items.append(
            {
                "text": (
                    f"{counts['awaiting']} case{'s' if counts['awaiting'] != 1 else ''} "
                    f"awaiting panel review ({counts['queued']} queued for a panel meeting)"
                ),
                "href": list_url,
            }
        )
    if counts["past_target"]:
        items.append(
            {
                "text": (
                    f"{counts['past_target']} past the {counts['panel_days']}-day target "
                    "from death to panel review"
                ),
                "href": list_url,
                "warning": True,
            }
        )
    if counts["reports_overdue"]:
        reports = counts["reports_overdue"]
        cases = counts["cases_with_overdue_reports"]
        items.append(
            {
                "text": (
                    f"{reports} agency report{'s' if reports != 1 else ''} overdue, "
                    f"holding up {cases} case{'s' if cases != 1 else ''}"
                ),
                "href": f"{list_url}?overdue=1",
                "warning": True,
            }
        )
    return {"items": items, "counts": counts}
