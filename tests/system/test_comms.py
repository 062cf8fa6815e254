"""Journeys through the bulletin, every page checked with axe (WCAG 2.2 AA): a member of
the public subscribes, confirms, changes preferences and unsubscribes; the business unit
imports subscribers, composes and sends a bulletin, and reads its open rates."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory, user_with_role
from safeguarding.comms.models import CommsSettings
from safeguarding.comms.tests.factories import sent_bulletin
from safeguarding.core.roles import Role

FIXTURES = Path(__file__).resolve().parents[2] / "safeguarding/comms/tests/fixtures"


@pytest.fixture
def essex(transactional_db):
    partnership = PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 01632 960 001",
    )
    CommsSettings.objects.create(
        partnership=partnership,
        front_door_name="Children and Families Hub",
        front_door_phone="01632 960 001",
        out_of_hours_phone="01632 960 002",
    )
    for n, opens in enumerate([24, 27, 30]):
        sent_bulletin(
            partnership,
            title=f"Safeguarding bulletin {n + 1}",
            sent_at=timezone.now() - timedelta(days=90 - 30 * n),
            delivered=100,
            unique_opens=opens,
        )
    return partnership


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_member_of_the_public_subscribes_confirms_and_unsubscribes(browse, essex):
    browse.goto("/bulletins/")
    assert browse.page.get_by_role("heading", name="Concerned about a child?").is_visible()
    browse.page.get_by_role("link", name="Safeguarding bulletin 3").click()
    browse.check()
    browse.goto("/subscribe/")
    browse.page.get_by_role("button", name="Subscribe").click()
    browse.check()  # the error summary
    browse.page.get_by_label("Email address").fill("robin.hart@home.example")
    browse.page.get_by_label("Parents and carers").check()
    browse.page.get_by_label(
        "I agree to the partnership emailing me its safeguarding bulletin"
    ).check()
    browse.page.get_by_role("button", name="Subscribe").click()
    browse.check()
    assert browse.page.get_by_role("heading", name="Check your email").is_visible()
    link = re.search(r"https?://\S+/subscribe/confirm/\S+", mail.outbox[-1].body).group(0)
    browse.goto(_path(link))
    assert browse.page.get_by_role("heading", name="Subscription confirmed").is_visible()
    browse.page.get_by_role("link", name="change what you hear about").click()
    browse.check()
    browse.page.get_by_label("Education", exact=True).check()
    browse.page.get_by_role("button", name="Save your preferences").click()
    browse.check()
    browse.page.get_by_role("link", name="Unsubscribe").click()
    browse.check()
    browse.page.get_by_role("button", name="Unsubscribe").click()
    browse.check()
    assert browse.page.get_by_role("heading", name="You are unsubscribed").is_visible()


def test_the_business_unit_imports_composes_sends_and_reads_open_rates(browse, essex):
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=essex, email="officer@essex.example")
    browse.sign_in(officer)
    browse.goto("/communications/subscribers/import/")
    browse.page.get_by_label("Upload a CSV file").set_input_files(
        str(FIXTURES / "mailchimp_audience.csv")
    )
    browse.page.get_by_role("button", name="Import").click()
    browse.check()
    assert "3 added" in browse.page.locator("#import-result").inner_text()
    browse.goto("/communications/subscribers/")
    browse.goto("/communications/settings/")
    browse.goto("/communications/bulletins/")
    browse.page.get_by_role("link", name="Start a bulletin").click()
    browse.check()
    browse.page.get_by_label("Title").fill("Safeguarding bulletin – June")
    browse.page.get_by_label("Parents and carers").check()  # who it is for
    browse.page.get_by_role("button", name="Save").click()
    browse.check()
    browse.page.get_by_label("Heading").fill("Safer sleep campaign")
    browse.page.get_by_label("Text").fill("Our safer sleep campaign reached many families.")
    browse.page.get_by_role("button", name="Add this text").click()
    browse.check()
    browse.page.get_by_role("link", name="Preview as a web page").click()
    browse.check()
    browse.page.go_back()
    assert "Parents and carers" in browse.page.locator("#bulletin-targeting").inner_text()
    browse.page.get_by_role("link", name="Send now").click()
    browse.check()  # the confirmation, with how many it will go to
    # The imported subscribers chose no audience: they hear about everything.
    assert browse.page.locator("#recipient-count").inner_text() == "It will go to 3 people"
    browse.page.get_by_role("button", name="Send to 3 people").click()
    browse.check()
    assert "3 of 3 sent" in browse.page.locator("#send-progress").inner_text()
    browse.page.get_by_role("link", name="See opens and clicks").click()
    browse.check()
    browse.goto("/communications/bulletins/figures/")
    assert browse.page.locator("#open-rate-table").is_visible()
    browse.assert_no_csp_violations()


def test_the_business_unit_deals_with_emails_stuck_being_sent(browse, essex):
    """A send stopped part-way left emails "being sent": the list, the figures page and the
    confirmation say so, and the business unit marks them not sent."""
    from safeguarding.comms.models import STUCK_AFTER, BulletinDelivery, DeliveryStatus
    from safeguarding.comms.tests.factories import SubscriberFactory

    bulletin = sent_bulletin(essex, title="Safeguarding bulletin 4")
    for n in range(3):
        subscriber = SubscriberFactory(partnership=essex, email=f"stuck-{n}@agency.example")
        BulletinDelivery.objects.create(
            bulletin=bulletin,
            subscriber=subscriber,
            subscriber_key=subscriber.pk,
            claim="stopped",
            status=DeliveryStatus.CLAIMED,
        )
    BulletinDelivery.objects.filter(bulletin=bulletin).update(
        updated_at=timezone.now() - STUCK_AFTER - timedelta(minutes=5)
    )
    officer = user_with_role(Role.BUSINESS_UNIT, partnership=essex, email="officer@essex.example")
    browse.sign_in(officer)
    browse.goto("/communications/bulletins/")
    browse.check()
    assert "3 emails stuck being sent" in browse.page.locator("main").inner_text()
    browse.goto(f"/communications/bulletins/{bulletin.pk}/figures/")
    browse.check()
    browse.page.get_by_role("link", name="Decide what to do with them").click()
    browse.check()
    assert browse.page.locator("#stuck-count").inner_text() == "3 emails stuck being sent"
    browse.page.get_by_role("button", name="Confirm").click()
    browse.check()  # the error summary: nothing chosen
    browse.page.get_by_label("Mark them not sent", exact=False).check()
    browse.page.get_by_role("button", name="Confirm").click()
    browse.check()
    assert "3 emails marked not sent" in browse.page.locator("main").inner_text()
    browse.assert_no_csp_violations()
