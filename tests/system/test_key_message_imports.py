"""Journey: the business unit uploads a newsletter, reviews the batch beside the document
(fixes a title, drops a non-message), publishes, and the public archive shows exactly those
messages; every page checked with axe."""

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.governance.models import KeyMessage

NEWSLETTER = """# Ashcombe Partnership Newsletter – Winter 2024

## News from the Board

At its meeting on 12 December 2024, the Partnership Board agreed the following:

- Neglect strategy – The refreshed strategy is published, with a toolkit for every agency.
- Exploitation hub – The hub will take referrals from January, seven days a week.
- Thank you to everyone who came to the conference.

## Training

Places remain on our January course on trauma-informed practice.
"""


def test_import_review_and_publish_a_newsletter(browse, tmp_path, settings):
    partnership = PartnershipFactory(slug="ashcombe", name="Ashcombe Safeguarding Partnership")
    settings.DEFAULT_PARTNERSHIP = "ashcombe"
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=partnership, full_name="Bea Unit")
    document = tmp_path / "winter.md"
    document.write_text(NEWSLETTER)

    browse.sign_in(officer)
    browse.goto("/governance/key-messages/import/")
    browse.page.get_by_label("Key messages document").set_input_files(str(document))
    browse.page.get_by_role("button", name="Import").click()
    browse.check()
    page = browse.page
    assert "Review winter.md" in page.locator("h1").inner_text()
    assert not KeyMessage.objects.exists()
    assert "Title made from its first words" in page.content()

    page.get_by_role("link", name="Fix the title or text of “Exploitation hub”").click()
    browse.check()
    page.get_by_label("Title").fill("Exploitation hub opens")
    page.get_by_role("button", name="Save").click()
    browse.check()
    page.get_by_role(
        "button", name="Drop “Thank you to everyone who came to the conference”"
    ).click()
    browse.check()
    page.get_by_role("button", name="Publish all 2 messages").click()
    browse.check()
    assert "Published: 2 new messages" in page.content()

    browse.goto("/key-messages/?partnership=ashcombe")
    archive = page.content()
    assert "Exploitation hub opens" in archive and "Neglect strategy" in archive
    assert "Thank you to everyone" not in archive
    browse.goto("/governance/key-messages/imports/")
