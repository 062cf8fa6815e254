"""Panels on the staff dashboard and sections of the public home page.

Each app registers the panels and sections it provides, so the dashboard and home page
grow with the capabilities without knowing about them.

A panel declares who it applies to (``permission`` and, when the permission is wider than
the people the panel is for, ``applies_to``), which group it belongs to (``NEEDS_YOU``:
things waiting on this person, shown first; ``SUMMARY``: a short overview), the context key
holding its items (``items``: a panel with no items is not shown) and the page with its full
list (``link``). The dashboard shows no empty or inapplicable panels.

A panel may be kept for a short time per person (``cacheable=True``, ADR 0038): its rendered
HTML — or the fact that it has nothing to show — is kept in Django's cache under the panel,
the person, a fingerprint of who they are (their roles, each with its partnership and agency,
and their account's flags), today's date and the data version (``core.data_version``), for
``DASHBOARD_PANEL_CACHE_SECONDS``. A write anywhere moves the data version on, so a change
shows on the next view; a role change changes the fingerprint, so it shows at once. A
cacheable panel's template must use nothing of the request (no CSRF token, path or
messages): the HTML is served to the same person on other requests.

A panel that names confidential records logs every view, kept or not: its context writes
nothing, but puts what it read under ``READ`` as ``(event, ids)``, and the dashboard hands
that to the panel's ``log_read`` each time the panel is shown — when it is computed, and
again, from what was kept beside the HTML, on every view that shows the kept copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from safeguarding.core import data_version, ordering
from safeguarding.core.scoping import role_rows

NEEDS_YOU = "needs_you"
SUMMARY = "summary"
GROUP_ORDER = {NEEDS_YOU: 0, SUMMARY: 1}
ITEMS_SHOWN = 3  # at most this many items in a panel; its link leads to the rest
SUMMARY_ITEMS_SHOWN = 2
# The context key where a panel that names confidential records puts (event, ids) of its read.
READ = "confidential_read"


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
    # Kept per person for a short time (ADR 0038): only for a panel whose context writes
    # nothing and whose template uses nothing of the request.
    cacheable: bool = False
    # (request, event, ids) -> None: writes the audit event of a panel that names confidential
    # records, on every view that shows it (its context puts (event, ids) under READ).
    log_read: Callable[[HttpRequest, str, object], None] | None = None

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


_HIDDEN = "hidden"
_SHOWN = "shown"
_KEY_PREFIX = "dashboard-panel"


def _seconds() -> int:
    return getattr(settings, "DASHBOARD_PANEL_CACHE_SECONDS", 60)


def person_fingerprint(user) -> str:
    """Who the person is, as far as any panel can tell: their account (its number, when it
    was made, whether it is active, staff or superuser) and every role they hold with its
    partnership and agency. A new role, a role taken away, or a new account given the number
    of a deleted one gives another fingerprint, so nothing kept for before is read."""
    joined = user.date_joined.isoformat() if getattr(user, "date_joined", None) else ""
    parts = (
        user.pk,
        joined,
        user.is_active,
        user.is_staff,
        user.is_superuser,
        role_rows(user),
        settings.DEFAULT_PARTNERSHIP,  # ``request.partnership``, which a panel may read
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def _cache_keys(request) -> tuple[str, dict[str, str]] | None:
    """(the key of which panels apply to the person, {panel key: cache key} of every
    cacheable panel), or None when the panel cache is off. The data version is read before
    any panel reads its data, so what a panel reads while a change is being committed is
    kept under a version that is already out of date."""
    if not _seconds():
        return None
    key = _person_key_maker(request.user)
    panels = {panel.key: key(panel.key) for panel in registered() if panel.cacheable}
    return key("applicable"), panels


def _person_key_maker(user) -> Callable[[str], str]:
    """name -> the cache key of what is kept under that name for this person, today, under
    the data version read now (before the data it keeps is read)."""
    person = f"{user.pk}:{person_fingerprint(user)}:{timezone.localdate().isoformat()}"
    prefix = f"{_KEY_PREFIX}:{data_version.current()}"
    return lambda name: f"{prefix}:{name}:{person}"


def kept_for_person(name: str, user, compute: Callable[[], object]):
    """What ``compute()`` gives, kept for this person like the panels (ADR 0038): the same
    person, day and data version get the kept copy for ``DASHBOARD_PANEL_CACHE_SECONDS``.
    Only for plain values that name no request and whose reading logs nothing (the caller
    logs what its page shows). With the cache off it computes every time."""
    if not _seconds():
        return compute()
    key = _person_key_maker(user)(name)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, _seconds())
    return found


def keep_rendered(cache_key: str | None, html: str, read: tuple | None = None) -> None:
    """Keep a cacheable panel's HTML, with the confidential read it logs on every view
    (``render_panel`` calls it once it has rendered it)."""
    if cache_key:
        cache.set(cache_key, (_SHOWN, str(html), read), _seconds())


def _log_read(panel: Panel, request, read: tuple | None) -> None:
    if panel.log_read is not None and read:
        panel.log_read(request, *read)


def _link(panel: Panel, user) -> dict | None:
    if panel.link and (len(panel.link) < 3 or user.has_perm(panel.link[2])):
        return {"text": panel.link[0], "href": reverse(panel.link[1])}
    return None


def panels_for(request) -> list[dict]:
    """The panels that apply to this person and have something to show, things waiting on
    them first. A cacheable panel kept for this person comes with its ``html`` instead of a
    context; one computed afresh carries the ``cache_key`` to keep its HTML under."""
    found_keys = _cache_keys(request)
    keys: dict[str, str] = {}
    kept: dict = {}
    applicable_keys = None
    if found_keys is not None:
        applicable_key, keys = found_keys
        kept = cache.get_many([applicable_key, *keys.values()])
        # Which panels apply follows from the person's roles (the fingerprint) and the data
        # (the version): some forty permission checks, kept like the panels.
        applicable_keys = kept.get(applicable_key)
    if applicable_keys is None:
        applicable = [panel for panel in registered() if panel.shown_to(request.user)]
        if found_keys is not None:
            cache.set(applicable_key, [panel.key for panel in applicable], _seconds())
    else:
        wanted = set(applicable_keys)
        applicable = [panel for panel in registered() if panel.key in wanted]
    shown = []
    for panel in applicable:
        cache_key = keys.get(panel.key)
        found = kept.get(cache_key) if cache_key else None
        if found is not None:
            state, html, read = (*found, None)[:3]  # kept before reads were kept: no read
            _log_read(panel, request, read)
            if state == _SHOWN:
                shown.append(
                    {
                        "panel": panel,
                        "context": {},
                        "html": html,
                        "link": _link(panel, request.user),
                        "group": panel.group,
                    }
                )
            continue
        context = panel.context(request)
        read = context.get(READ)
        _log_read(panel, request, read)
        if panel.items is not None and not context.get(panel.items):
            if cache_key:
                cache.set(cache_key, (_HIDDEN, "", read), _seconds())
            continue
        found = context.get(panel.items) if panel.items else None
        limit = ITEMS_SHOWN if panel.group == NEEDS_YOU else SUMMARY_ITEMS_SHOWN
        if isinstance(found, list | tuple | QuerySet) and len(found) > limit:
            # A short summary: the panel's link leads to the full list.
            context = {**context, panel.items: found[:limit]}
        shown.append(
            {
                "panel": panel,
                "context": context,
                "link": _link(panel, request.user),
                "group": panel.group,
                "cache_key": cache_key,
                "read": read,
            }
        )
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
