"""What every page needs: the partnership's name and contact line, and the navigation."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from safeguarding.core import navigation, public_site

FALLBACK_NAME = "Safeguarding Partnership Platform"
FALLBACK_CONTACT = (
    "Concerned about a child or young person? Contact your local authority's children's "
    "services. If a child is in immediate danger, call 999."
)


def shell(request) -> dict:
    partnership = getattr(request, "partnership", None)  # set by accounts' middleware
    return {
        "partnership": partnership,
        "partnership_name": partnership.name if partnership else FALLBACK_NAME,
        "contact_line": partnership.contact_line if partnership else FALLBACK_CONTACT,
        # Read only when a page shows it (the base template does, once).
        "concern_panel": SimpleLazyObject(lambda: public_site.concern_panel(partnership) or {}),
        "footer_pages": public_site.footer_pages(),
        **_navigation(request),
    }


def _navigation(request) -> dict:
    found = navigation.navigation_for(request)
    return {
        "navigation": found["items"],
        "account_navigation": found["account"],
        "section_navigation": found["section"],
    }
