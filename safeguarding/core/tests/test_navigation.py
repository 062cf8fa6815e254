"""The service navigation is grouped by what people do: a few top-level sections, and the
section's own pages as section navigation inside it."""

import re

import pytest

from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db

TOP = re.compile(
    r'<li class="govuk-service-navigation__item(?! app-account)[^"]*">\s*'
    r"<a[^>]*>(?:<strong[^>]*>)?([^<]+)<"
)
SUB = re.compile(r'<a class="app-sub-navigation__link" href="([^"]+)"[^>]*>([^<]+)</a>')


def top_level(page: str) -> list[str]:
    return TOP.findall(page)


EVERY_SECTION = [
    "Dashboard",
    "Governance",
    "Reviews and learning",
    "Audits",
    "Training",
    "Communications",
]
WITHOUT_AUDITS = ["Dashboard", "Governance", "Reviews and learning", "Training", "Communications"]
TOP_LEVEL_BY_ROLE = {
    Role.BUSINESS_UNIT: [*EVERY_SECTION, "Administration"],
    Role.CHAIR: [*EVERY_SECTION, "Administration"],
    Role.SAFEGUARDING_PARTNER: [*EVERY_SECTION, "Administration"],
    Role.AGENCY_LEAD: [*EVERY_SECTION, "Administration"],
    Role.PRACTITIONER: [*WITHOUT_AUDITS, "Administration"],
    Role.REVIEWER: [*WITHOUT_AUDITS, "Administration"],
    # Child deaths are in Reviews and learning; the CDOP takes no part in multi-agency audits.
    Role.CDOP_CHAIR: [*WITHOUT_AUDITS, "Administration"],
    Role.CDOP_MEMBER: [*WITHOUT_AUDITS, "Administration"],
}


def test_every_role_has_its_expected_top_level_items():
    assert set(TOP_LEVEL_BY_ROLE) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_exactly_its_top_level_items_in_order(signed_in, role):
    """At most seven, in the sections' order; a new top-level item is a decision, made here."""
    items = top_level(signed_in(role).get("/dashboard/").content.decode())
    assert items == TOP_LEVEL_BY_ROLE[role]
    assert len(items) <= 7


def test_the_business_unit_works_in_sections(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    items = top_level(client.get("/dashboard/").content.decode())
    assert items == [
        "Dashboard",
        "Governance",
        "Reviews and learning",
        "Audits",
        "Training",
        "Communications",
        "Administration",
    ]
    for near_duplicate in ("Audit log", "Recommendations", "Learning from reviews"):
        assert near_duplicate not in items


def test_the_audit_log_is_in_administration_with_its_section_navigation(signed_in):
    page = signed_in(Role.BUSINESS_UNIT).get("/audit-log/").content.decode()
    assert 'aria-label="Administration"' in page
    links = dict((label, href) for href, label in SUB.findall(page))
    assert links["Audit log"] == "/audit-log/"
    assert {"Agencies", "People"} <= set(links)
    assert re.search(r'href="/audit-log/" aria-current="page">Audit log<', page)
    assert re.search(r'aria-current="page"><strong[^>]*>Administration<', page)


def test_the_public_sees_home_learning_and_training(client, partnership):
    items = top_level(client.get("/").content.decode())
    assert items == ["Home", "Reviews and learning", "Training", "Communications"]
    page = client.get("/key-messages/").content.decode()
    assert "Learning from reviews" in page and "Sign in" in page


def test_every_navigation_item_and_section_has_its_place_in_nav_order():
    """The order is declared once, in core.navigation.NAV_ORDER: a new item or section is
    placed there (unlisted ones are shown last, after the listed ones)."""
    from safeguarding.core import navigation

    items, sections = navigation.registered()
    keys = [item.url_name for item in items] + [section.key for section in sections]
    unlisted = sorted(key for key in keys if key not in navigation.NAV_ORDER)
    assert unlisted == [], f"Add these to core.navigation.NAV_ORDER where they belong: {unlisted}"
    stale = sorted(set(navigation.NAV_ORDER) - set(keys))
    assert stale == [], f"NAV_ORDER lists what nothing registers: {stale}"
    assert len(set(navigation.NAV_ORDER)) == len(navigation.NAV_ORDER)


def test_a_section_comes_where_nav_order_lists_it_and_links_to_its_first_item(signed_in):
    client = signed_in(Role.BUSINESS_UNIT)
    page = client.get("/dashboard/").content.decode()
    assert top_level(page) == [*EVERY_SECTION, "Administration"]
    governance = re.search(r'<a[^>]*href="([^"]+)"[^>]*>(?:<strong[^>]*>)?Governance<', page).group(
        1
    )
    assert governance == "/governance/"
