"""Panels on the staff dashboard and sections of the public home page.

Each app registers the panels and sections it provides, so the dashboard and home page
grow with the capabilities without knowing about them.

A panel declares who it applies to (``permission`` and, when the permission is wider than
the people the panel is for, ``applies_to``), which group it belongs to (``NEEDS_YOU``:
things waiting on this person, shown first; ``SUMMARY``: a short overview), the context key
holding its items (``items``: a panel with no items is not shown) and the page with its full
list (``link``). The dashboard shows no empty or inapplicable panels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse

from safeguarding.core import ordering

NEEDS_YOU = "needs_you"
SUMMARY = "summary"
GROUP_ORDER = {NEEDS_YOU: 0, SUMMARY: 1}
ITEMS_SHOWN = 3  # at most this many items in a panel; its link leads to the rest
SUMMARY_ITEMS_SHOWN = 2


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    context: Callable[[HttpRequest], dict]  # request -> template context
    permission: str | None = None
    # Who the panel is for, beyond the permission (user -> bool): e.g. only people who lead
    # an agency see the summaries requested from their agency.
    applies_to: Callable[[object], bool] | None = None
    group: str = SUMMARY
    # The context key holding the panel's items: no items, no panel.
    items: str | None = None
    # (link text, URL name[, permission needed to follow it]) of the page with the full list.
    link: tuple[str, ...] | None = None

    def shown_to(self, user) -> bool:
        if self.permission and not user.has_perm(self.permission):
            return False
        return self.applies_to is None or bool(self.applies_to(user))


# The order of the dashboard's panels, in one place: within each group (things waiting on
# the person first, then summaries) a panel is shown in the position of its key here. A panel
# whose key is not listed is shown after the listed ones of its group, in the order it was
# registered (core/tests/test_dashboard_panels.py names any unlisted key so it can be added).
PANEL_ORDER: tuple[str, ...] = (
    # Things waiting on this person
    "waiting-for-approval",
    "governance-my-actions",
    "review-clocks",
    "governance-overdue-actions",
    "recommendations-awaiting-update",
    "agency-summaries",
    "childdeaths-awaiting-panel",
    "referrals-awaiting-decision",
    "reviews-commissioned",
    "assurance-my-returns",
    "data-returns-due",
    "library-procedures-due",
    # Summaries
    "roles",
    "governance-next-meetings",
    "training-my-bookings",
    "indicators-off-target",
    "assurance-return-rates",
    "assurance-survey-responses",
    "training-agency",
    "training-this-week",
    "training-waiting-lists",
    "comms-next-bulletin",
    "recent-activity",
)

# The order of the sections of the public home page, the same way.
HOME_SECTION_ORDER: tuple[str, ...] = ("key-messages",)


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def registered() -> list[Panel]:
    """Every registered panel in the order shown: by group, then as listed in PANEL_ORDER
    (unlisted panels last, in the order they were registered)."""
    return sorted(
        _PANELS.values(),
        key=lambda p: (GROUP_ORDER.get(p.group, 9), ordering.position(PANEL_ORDER, p.key)),
    )


def panels_for(request) -> list[dict]:
    """The panels that apply to this person and have something to show, things waiting on
    them first."""
    shown = []
    for panel in registered():
        if not panel.shown_to(request.user):
            continue
        context = panel.context(request)
        if panel.items is not None and not context.get(panel.items):
            continue
        found = context.get(panel.items) if panel.items else None
        limit = ITEMS_SHOWN if panel.group == NEEDS_YOU else SUMMARY_ITEMS_SHOWN
        if isinstance(found, list | tuple | QuerySet) and len(found) > limit:
            # A short summary: the panel's link leads to the full list.
            context = {**context, panel.items: found[:limit]}
        link = None
        if panel.link and (len(panel.link) < 3 or request.user.has_perm(panel.link[2])):
            link = {"text": panel.link[0], "href": reverse(panel.link[1])}
        shown.append({"panel": panel, "context": context, "link": link, "group": panel.group})
    return shown


_HOME_SECTIONS: dict[str, Panel] = {}


def register_home_section(section: Panel) -> None:
    """A section of the partnership's public home page (no permission: it is public)."""
    _HOME_SECTIONS[section.key] = section


def home_sections_for(request) -> list[dict]:
    return [
        {"panel": section, "context": section.context(request)}
        for section in ordering.in_order(
            _HOME_SECTIONS.values(), HOME_SECTION_ORDER, lambda p: p.key
        )
    ]
