"""The dashboard leads with what needs the person (approvals waiting first), shows only the
panels that apply to them and have something in them, each with a link to its full list;
approvers are emailed when something starts waiting; recent activity reads as sentences."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core import dashboard
from safeguarding.core.audit import audit_read, audit_record
from safeguarding.core.roles import Role
from safeguarding.governance.models import KeyMessage
from safeguarding.governance.services import key_messages

pytestmark = pytest.mark.django_db


def _draft(partnership, actor, title="Online harm"):
    return key_messages.key_message_create(
        actor=actor,
        partnership=partnership,
        title=title,
        body="Young people do not separate the real and virtual world.",
        meeting_date=datetime.date(2024, 3, 12),
        meeting_title="Executive meeting",
    )


def _panel_keys(page: str) -> list[tuple[str, str]]:
    return re.findall(r'data-panel="([^"]+)" data-group="([^"]+)"', page)


def test_the_chair_is_emailed_and_shown_a_key_message_awaiting_approval(
    client, make_user, partnership, django_capture_on_commit_callbacks
):
    business_unit = make_user(Role.BUSINESS_UNIT)
    chair = make_user(Role.CHAIR, email="chair@testshire.example", full_name="Cath Chair")
    with django_capture_on_commit_callbacks(execute=True):
        message = _draft(partnership, business_unit)
    assert [m.to for m in mail.outbox] == [["chair@testshire.example"]]
    assert "Online harm" in mail.outbox[0].subject
    assert reverse("governance:key-message-manage", args=[message.pk]) in mail.outbox[0].body

    client.force_login(chair)
    page = client.get("/dashboard/").content.decode()
    assert _panel_keys(page)[0] == ("waiting-for-approval", dashboard.NEEDS_YOU)
    assert "Waiting for your approval" in page and "Key message to approve</a>: <strong>1<" in page
    assert "Online harm" in client.get(reverse("core:approvals")).content.decode()

    key_messages.key_message_approve(actor=chair, key_message=message)
    page = client.get("/dashboard/").content.decode()
    assert "Waiting for your approval" not in page  # nothing waits: no empty panel


def test_changing_an_approved_key_message_asks_the_chair_again(
    make_user, partnership, django_capture_on_commit_callbacks
):
    business_unit = make_user(Role.BUSINESS_UNIT)
    chair = make_user(Role.CHAIR, email="chair@testshire.example")
    message = _draft(partnership, business_unit)
    key_messages.key_message_approve(actor=chair, key_message=message)
    with django_capture_on_commit_callbacks(execute=True):
        key_messages.key_message_update(
            actor=business_unit,
            key_message=KeyMessage.objects.get(pk=message.pk),
            title="Online harm",
            body="New words the chair has not seen.",
            meeting_date=datetime.date(2024, 3, 12),
            meeting_title="Executive meeting",
        )
    assert [m.to for m in mail.outbox] == [["chair@testshire.example"]]


def test_the_business_unit_is_not_asked_to_approve_key_messages(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    _draft(partnership, client.user)
    page = client.get("/dashboard/").content.decode()
    assert "Waiting for your approval" not in page


def test_panels_appear_only_for_the_people_they_apply_to(signed_in):
    page = signed_in(Role.CHAIR).get("/dashboard/").content.decode()
    assert "Rapid review summaries requested from your agency" not in page
    assert "Overdue actions" not in page  # none overdue: no empty panel
    assert "Your actions" not in page


def test_what_needs_you_comes_first_and_every_panel_links_to_its_full_list(
    client, make_user, partnership
):
    agency = AgencyFactory(partnerships=[partnership])
    lead = make_user(Role.AGENCY_LEAD, agency=agency)
    business_unit = make_user(Role.BUSINESS_UNIT)
    make_user(Role.CHAIR)
    _draft(partnership, business_unit)  # activity for the business unit
    client.force_login(business_unit)
    page = client.get("/dashboard/").content.decode()
    keys = _panel_keys(page)
    assert keys, page
    groups = [group for _, group in keys]
    assert groups == sorted(groups, key=lambda g: dashboard.GROUP_ORDER[g])
    assert page.index("What needs you") < page.index('id="summary"')
    sections = page.split('<section class="app-dashboard-panel"')[1:]
    assert len(sections) == len(keys)
    for section in sections:
        assert 'class="govuk-link app-panel-link"' in section, section[:200]
    client.force_login(lead)
    assert "What needs you" in client.get("/dashboard/").content.decode()


def test_every_registered_panel_declares_its_list_and_its_link():
    for panel in dashboard.registered():
        assert panel.link, f"{panel.key} has no link to its full list"
        reverse(panel.link[1])
        assert panel.group in dashboard.GROUP_ORDER


def test_recent_activity_reads_as_sentences_without_reads(signed_in, partnership, make_user):
    client = signed_in(Role.BUSINESS_UNIT, full_name="Alex Smith")
    chair = make_user(Role.CHAIR, full_name="Cath Chair")
    message = _draft(partnership, client.user, title="Neglect")
    key_messages.key_message_approve(actor=chair, key_message=message)
    audit_read(actor=chair, target=message)
    audit_record(actor=chair, event="reviews.agency_summaries.panel_viewed", target=None)
    audit_record(actor=chair, event="reviews.referrals.list_viewed", target=None)
    page = client.get("/dashboard/").content.decode()
    assert "Cath Chair approved the key message “Neglect”" in page
    assert "You created the key message “Neglect”" in page
    assert "Today at " in page
    for code in ("governance.key_message.approve", "panel_viewed", "list_viewed", "record.viewed"):
        assert code not in page


def test_others_see_only_their_own_activity(signed_in, partnership, make_user):
    business_unit = make_user(Role.BUSINESS_UNIT, full_name="Alex Smith")
    _draft(partnership, business_unit, title="Neglect")
    client = signed_in(Role.AGENCY_LEAD)
    page = client.get("/dashboard/").content.decode()
    assert "Neglect" not in page and "Alex Smith" not in page


def test_every_registered_panel_is_listed_in_panel_order():
    """Each app's panel belongs in dashboard.PANEL_ORDER; this names any that is not, so the
    lead can place it (an unlisted panel still shows, after the listed ones)."""
    unlisted = sorted(set(dashboard._PANELS) - set(dashboard.PANEL_ORDER))
    assert unlisted == [], f"Add these panel keys to core.dashboard.PANEL_ORDER: {unlisted}"
    unlisted_sections = sorted(set(dashboard._HOME_SECTIONS) - set(dashboard.HOME_SECTION_ORDER))
    assert unlisted_sections == [], (
        f"Add these home-page section keys to core.dashboard.HOME_SECTION_ORDER: "
        f"{unlisted_sections}"
    )


def test_panels_follow_panel_order_and_an_unlisted_panel_comes_last_in_its_group():
    extra = dashboard.Panel(
        key="test-unlisted",
        title="Unlisted",
        template="govuk/pagination.html",
        context=lambda request: {},
        group=dashboard.NEEDS_YOU,
    )
    dashboard.register(extra)
    try:
        keys = [panel.key for panel in dashboard.registered()]
    finally:
        dashboard._PANELS.pop("test-unlisted")
    needs_you = [p.key for p in dashboard.registered() if p.group == dashboard.NEEDS_YOU]
    assert keys.index("test-unlisted") == len(needs_you)  # after every listed needs-you panel
    listed = [key for key in keys if key in dashboard.PANEL_ORDER]
    assert listed == [key for key in dashboard.PANEL_ORDER if key in listed]


def test_the_approval_panel_counts_what_the_approvals_page_lists(
    client, make_user, partnership, django_capture_on_commit_callbacks
):
    """The panel counts each kind with one query per source; the numbers are those of the
    full list."""
    from safeguarding.core import approvals

    def listed(user) -> list[tuple[str, int]]:
        kinds: dict[str, int] = {}
        for item in approvals.waiting_for(user):
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
        return list(kinds.items())

    business_unit = make_user(Role.BUSINESS_UNIT)
    chair = make_user(Role.CHAIR, email="chair@testshire.example")
    for title in ("Online harm", "Neglect", "Exploitation"):
        _draft(partnership, business_unit, title=title)

    assert listed(chair) == [("Key message to approve", 3)]
    assert approvals.counts_for(chair) == listed(chair)
    assert approvals.counts_for(business_unit) == listed(business_unit)

    client.force_login(chair)
    page = client.get("/dashboard/").content.decode()
    assert "Key message to approve</a>: <strong>3<" in page
