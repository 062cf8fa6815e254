"""The business unit reshapes a draft audit template: moves and removes sections and
standards without JavaScript, every page checked with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.assurance.tests.factories import small_template
from safeguarding.core.roles import Role


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board")


def _main(browse) -> str:
    return browse.page.locator("main").inner_text()


def test_the_business_unit_reorders_and_removes_in_a_draft(browse, essex):
    draft = small_template(status="draft")
    published = small_template()
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Morgan Ellis")
    browse.sign_in(bu)
    page = browse.page
    browse.goto(f"/assurance/template-versions/{draft.pk}/")

    page.get_by_role("button", name="Move down section Leadership").click()
    browse.check()
    assert "has been moved down to number 2" in _main(browse)
    assert _main(browse).index("1. About you") < _main(browse).index("2. Leadership")

    page.get_by_role("button", name="Move up standard 1.2").click()
    browse.check()
    assert _main(browse).index("Contracts include") < _main(browse).index("A named lead")

    page.get_by_role("link", name="Remove standard 2.4").click()
    browse.check()
    page.get_by_role("button", name="Remove the standard").click()
    browse.check()
    assert "Standard 2.4 has been removed." in _main(browse)
    assert "Organisation chart" not in _main(browse)

    page.get_by_role("link", name="Remove section About you").click()
    browse.check()
    assert "Its 3 standards will be removed too." in _main(browse)
    page.get_by_role("button", name="Remove the section").click()
    browse.check()
    assert "Section “About you” and its standards have been removed." in _main(browse)
    assert "1. Leadership" in _main(browse) and "Is there a policy?" not in _main(browse)
    assert draft.sections.count() == 1

    # A published version is frozen: the confirmation page says why and offers no button.
    question = published.questions.get(reference="1.1")
    browse.goto(f"/assurance/template-versions/{published.pk}/questions/{question.pk}/remove/")
    assert "published and frozen" in _main(browse)
    assert page.get_by_role("button", name="Remove the standard").count() == 0
