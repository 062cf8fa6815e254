"""The service navigation: each app registers its items; each user sees the ones they may use.

Items belong to a *section* (what people do: governance, reviews and learning, audits,
training, administration). The top-level service navigation shows the sections a person has
at least one item in (each linking to its first such item) and the few standalone items; the
pages of a section show its items as section navigation. See docs/adr/0016.

The order is declared once, here, in ``NAV_ORDER`` (as the dashboard's panels are in
``core.dashboard.PANEL_ORDER``): apps register items and sections without numbers. An item or
section not listed is shown after the listed ones, in the order registered (never an error:
other apps add items); ``core/tests/test_navigation.py`` names any unlisted key so it can be
placed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from safeguarding.core import dashboard

MAIN = "main"
ACCOUNT = "account"  # "Your account", "Sign in": shown apart, after the service navigation

# The whole navigation in the order shown: the top-level entries (standalone items by their
# URL name, sections by their key), each section followed by its items.
NAV_ORDER: tuple[str, ...] = (
    "home",
    "core:dashboard",
    "governance",
    "governance:hub",
    "core:tracker",
    "reports:report-list",
    "reports:inspection-list",
    "reports:arrangements-manage",
    "performance:indicator-list",
    "reviews",
    "reviews:home",
    "reviews:recommendation-list",
    "reviews:referral-list",
    "reviews:library",
    "governance:key-message-archive",
    "childdeaths:list",
    "library:resource-list",
    "childdeaths:reports",
    "library:procedure-list",
    "childdeaths:public-figures",
    "library:campaign-calendar",
    "library:you-said-we-did",
    "library:usage",
    "audits",
    "assurance:index",
    "training",
    "training:catalogue",
    "training:manage",
    "training:reports",
    "communications",
    "comms:bulletin-archive",
    "comms:bulletin-list",
    "comms:subscriber-list",
    "administration",
    "accounts:agency-list",
    "accounts:people-list",
    "core:audit-log",
    # Shown apart (placement ACCOUNT)
    "accounts:account",
    "accounts:sign-in",
)
_POSITION = {key: position for position, key in enumerate(NAV_ORDER)}


def position(key: str) -> int:
    """Where an item (by URL name) or a section (by key) comes; unlisted ones come last."""
    return _POSITION.get(key, len(NAV_ORDER))


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None  # None: shown to everyone, signed in or not
    signed_in: bool | None = None  # True: only when signed in; False: only when signed out
    section: str | None = None  # the key of its Section; None: a top-level item of its own
    placement: str = MAIN


@dataclass(frozen=True)
class Section:
    key: str
    label: str


_ITEMS: list[NavItem] = []
_SECTIONS: dict[str, Section] = {}


def register(item: NavItem) -> None:
    if item not in _ITEMS:
        _ITEMS.append(item)


def register_section(section: Section) -> None:
    _SECTIONS[section.key] = section


_HREFS: dict[tuple, str] = {}


def _href(url_name: str) -> str:
    """The address of a navigation entry, reversed once per URL configuration and script
    prefix: every page shows the navigation, and reversing some thirty names on each was
    most of its cost."""
    key = (url_name, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    found = _HREFS.get(key)
    if found is None:
        found = _HREFS[key] = reverse(url_name)
    return found


def _visible(request) -> list[tuple[NavItem, str]]:
    """The entries this person may follow. For someone signed in, which they are is kept
    like the dashboard's panels (ADR 0038): some thirty permission checks on every page,
    where the answer changes only with their roles or the data."""
    user = request.user
    items = sorted(_ITEMS, key=lambda i: position(i.url_name))
    if user.is_authenticated:
        # Kept by URL name and label, not position, so a copy kept by another version of
        # the code never names the wrong entry.
        shown = set(
            dashboard.kept_for_person(
                "navigation",
                user,
                lambda: [(item.url_name, item.label) for item in items if _may(item, user)],
            )
        )
        return [
            (item, _href(item.url_name)) for item in items if (item.url_name, item.label) in shown
        ]
    return [(item, _href(item.url_name)) for item in items if _may(item, user)]


def _may(item: NavItem, user) -> bool:
    if item.signed_in is True and not user.is_authenticated:
        return False
    if item.signed_in is False and user.is_authenticated:
        return False
    return not item.permission or user.has_perm(item.permission)


def _current(path: str, visible: list[tuple[NavItem, str]]) -> NavItem | None:
    """The item whose address is the longest start of the path ("/" only for itself)."""
    best, length = None, -1
    for item, href in visible:
        matches = path == href if href == "/" else path.startswith(href)
        if matches and len(href) > length:
            best, length = item, len(href)
    return best


def navigation_for(request) -> dict:
    """{"items": top-level entries, "account": account links, "section": the current
    section's label and items (or None)}."""
    visible = _visible(request)
    current = _current(request.path, visible)
    top: list[dict] = []
    seen_sections: dict[str, dict] = {}
    section_items: dict[str, list[dict]] = {}
    account = []
    for item, href in visible:
        entry = {"label": item.label, "href": href, "current": item == current}
        if item.placement == ACCOUNT:
            account.append(entry)
            continue
        if item.section is None or item.section not in _SECTIONS:
            top.append({**entry, "order": position(item.url_name)})
            continue
        section_items.setdefault(item.section, []).append(entry)
        if item.section not in seen_sections:
            found = _SECTIONS[item.section]
            seen_sections[item.section] = {
                "label": found.label,
                "href": href,
                "current": False,
                "order": position(found.key),
                "key": found.key,
            }
            top.append(seen_sections[item.section])
        if item == current:
            seen_sections[item.section]["current"] = True
    top.sort(key=lambda e: e["order"])
    section: dict | None = None
    if current is not None and current.section in section_items:
        items = section_items[current.section]
        if len(items) > 1:
            section = {"label": _SECTIONS[current.section].label, "items": items}
    return {"items": top, "account": account, "section": section}


def registered() -> tuple[list[NavItem], list[Section]]:
    """Every registered item and section (for the test that each has its place)."""
    return list(_ITEMS), list(_SECTIONS.values())


def items_for(request) -> list[dict]:
    """The top-level entries only."""
    return navigation_for(request)["items"]
