"""Every registry that shows what several apps add takes its order from one tuple of keys
beside it (core.ordering): an app registers without a number, and a key the tuple does not
list fails here, named, so a new app cannot forget to place itself. At run time an unlisted
key is shown after the listed ones (never an error), which the last tests show."""

from __future__ import annotations

import pytest

from safeguarding.core import (
    approvals,
    bulletin_blocks,
    dashboard,
    navigation,
    ordering,
    public_site,
    reporting,
    searching,
    tracker,
)
from safeguarding.planning import priority_links


def _navigation_keys() -> list[str]:
    items, sections = navigation.registered()
    return [item.url_name for item in items] + [section.key for section in sections]


# (the tuple's name, the tuple, the keys registered)
REGISTRIES = {
    "core.navigation.NAV_ORDER": (navigation.NAV_ORDER, _navigation_keys),
    "core.dashboard.PANEL_ORDER": (dashboard.PANEL_ORDER, lambda: list(dashboard._PANELS)),
    "core.dashboard.HOME_SECTION_ORDER": (
        dashboard.HOME_SECTION_ORDER,
        lambda: list(dashboard._HOME_SECTIONS),
    ),
    "core.tracker.SOURCE_ORDER": (tracker.SOURCE_ORDER, lambda: list(tracker._SOURCES)),
    "core.approvals.SOURCE_ORDER": (approvals.SOURCE_ORDER, lambda: list(approvals._SOURCES)),
    "core.bulletin_blocks.SOURCE_ORDER": (
        bulletin_blocks.SOURCE_ORDER,
        lambda: list(bulletin_blocks._SOURCES),
    ),
    "core.public_site.FOOTER_ORDER": (public_site.FOOTER_ORDER, lambda: list(public_site._FOOTER)),
    "core.reporting.FIGURE_SOURCE_ORDER": (
        reporting.FIGURE_SOURCE_ORDER,
        lambda: list(reporting._SOURCES),
    ),
    "core.searching.KIND_ORDER": (searching.KIND_ORDER, lambda: list(searching._KINDS)),
    "core.searching.THEME_FIGURE_ORDER": (
        searching.THEME_FIGURE_ORDER,
        lambda: list(searching._FIGURE_SOURCES),
    ),
    "planning.priority_links.LINK_ORDER": (
        priority_links.LINK_ORDER,
        lambda: list(priority_links._PROVIDERS),
    ),
}


@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_every_registered_key_has_its_place_in_the_declared_order(name):
    order, registered = REGISTRIES[name]
    keys = registered()
    assert keys, f"nothing is registered for {name}"
    unlisted = ordering.unplaced(keys, order)
    assert unlisted == [], f"Add these keys to {name} where they belong: {unlisted}"
    assert ordering.stale(keys, order) == [], f"{name} lists keys nothing registers"
    assert len(set(order)) == len(order), f"{name} lists a key twice"


def test_no_registry_takes_an_order_number_any_more():
    """The order is the tuple's: the registered records have no ``order`` to disagree with it."""
    for record_type in (
        tracker.TrackerSource,
        approvals.Source,
        bulletin_blocks.BlockSource,
        public_site.FooterPage,
        reporting.FigureSource,
        searching.Kind,
        searching.ThemeFigureSource,
        priority_links.Provider,
        dashboard.Panel,
    ):
        fields = record_type.__dataclass_fields__
        assert not [f for f in fields if "order" in f], record_type.__name__


def test_an_unlisted_key_comes_after_the_listed_ones_in_the_order_registered():
    registered = ["late", "b", "later", "a"]
    assert ordering.in_order(registered, ("a", "b"), str) == ["a", "b", "late", "later"]
    assert ordering.position(("a", "b"), "c") == 2


@pytest.mark.django_db
def test_an_unlisted_tracker_source_is_shown_last_and_the_check_names_it(make_user, partnership):
    from safeguarding.core.roles import Role

    extra = tracker.TrackerSource(key="test-unlisted", label="Test items", items=lambda user: [])
    tracker.register(extra)
    try:
        shown = [s.key for s in tracker.sources_for(make_user(Role.BUSINESS_UNIT))]
        unlisted = ordering.unplaced(tracker._SOURCES, tracker.SOURCE_ORDER)
    finally:
        tracker._SOURCES.pop("test-unlisted")
    assert shown[-1] == "test-unlisted"
    assert shown[:-1] == [key for key in tracker.SOURCE_ORDER if key in shown]
    assert unlisted == ["test-unlisted"]


def test_an_unlisted_footer_page_comes_after_the_listed_ones():
    public_site.register_footer_page(public_site.FooterPage("Accessibility", "core:accessibility"))
    try:
        shown = [page.url_name for page in public_site.footer_pages()]
    finally:
        public_site._FOOTER.pop("core:accessibility")
    assert shown == ["comms:subscribe", "comms:bulletin-archive", "core:accessibility"]
