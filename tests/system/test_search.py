"""Search and theme pages in a browser: the header box, results with facets, a theme's chain,
a bad query's message — every page checked with axe."""

from datetime import date

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.planning.models import Theme
from safeguarding.reviews.tests.factories import ReviewFactory
from safeguarding.training.tests.factories import CourseFactory


@pytest.fixture
def corpus(transactional_db, settings):
    settings.DEFAULT_PARTNERSHIP = "essex"
    essex = PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")
    theme, _ = Theme.objects.get_or_create(
        slug="non-accidental-injury",
        defaults={"name": "Non-accidental injury", "synonyms": "NAI\nNon-accidental injury"},
    )
    review = ReviewFactory(
        partnership=essex,
        title="Child Q: bruising in a non-mobile baby",
        summary="Bruises on babies who cannot crawl were not referred.",
        status="published",
        published_on=date(2024, 5, 1),
    )
    review.themes.add(theme)
    course = CourseFactory(
        partnership=essex,
        title="Bruising in non-mobile babies",
        summary="How to respond when you see a bruise on a baby.",
    )
    course.themes.add(theme)
    return theme


def test_searching_from_the_header_and_opening_a_theme(browse, corpus):
    browse.goto("/")
    browse.page.get_by_label("Search this site").fill("bruising babies")
    browse.page.get_by_role("button", name="Search", exact=True).first.click()
    browse.page.wait_for_url("**/search/?q=*")
    browse.check()
    assert browse.page.get_by_role("link", name="Child Q: bruising in a non-mobile baby").count()
    assert browse.page.get_by_role("link", name="Bruising in non-mobile babies").count()
    browse.page.get_by_role("link", name="Training course (1)").click()
    browse.check()
    assert browse.page.locator("#result-count").inner_text().startswith("1 result")
    browse.goto(f"/themes/{corpus.slug}/")
    assert browse.page.get_by_role("heading", name="Non-accidental injury", level=1).count()
    assert browse.page.locator("#chain-counts").count()


def test_a_bad_query_gets_a_message_not_an_error(browse, corpus):
    browse.goto('/search/?q="""')
    assert "no letters or numbers" in browse.page.locator(".govuk-error-summary").inner_text()
    browse.goto("/themes/")


def test_the_business_unit_tags_what_exists(browse, corpus):
    from safeguarding.accounts.models import Partnership
    from safeguarding.accounts.tests.factories import user_with_role
    from safeguarding.core.roles import Role
    from safeguarding.reviews.tests.factories import NotificationFactory

    essex = Partnership.objects.get(slug="essex")
    neglect, _ = Theme.objects.get_or_create(slug="neglect", defaults={"name": "Neglect"})
    notification = NotificationFactory(partnership=essex, outline="Neglect of a toddler.")
    browse.sign_in(user_with_role(Role.BUSINESS_UNIT, partnership=essex))
    browse.goto("/themes/suggestions/")
    assert browse.page.get_by_role("link", name=f"Notification {notification.reference}").count()
    browse.page.get_by_label("Neglect", exact=True).check()
    browse.page.get_by_role("button", name="Accept all checked").click()
    browse.check()
    assert "1 theme added." in browse.page.locator("main").inner_text()
    assert list(notification.themes.all()) == [neglect]
