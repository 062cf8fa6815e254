"""Key messages: drafting, the approve → publish workflow, the public archive, each
message's page, the Atom feed, the home-page section and the public API."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.markdown import render_markdown
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.models import KeyMessage
from safeguarding.governance.selectors.key_messages import latest_published_key_messages
from safeguarding.governance.services import key_messages as services
from safeguarding.governance.tests.factories import (
    BusinessPlanFactory,
    KeyMessageFactory,
    PriorityFactory,
)
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site_partnership(partnership, settings):
    settings.DEFAULT_PARTNERSHIP = partnership.slug
    return partnership


def _draft(partnership, actor, **overrides):
    fields = {
        "partnership": partnership,
        "title": "Online harm",
        "body": "Young people do not separate the real and virtual world.",
        "meeting_date": datetime.date(2024, 3, 12),
        "meeting_title": "Executive meeting",
    }
    fields.update(overrides)
    return services.key_message_create(actor=actor, **fields)


# Safe Markdown ---------------------------------------------------------------------------


def test_markdown_is_rendered_with_govuk_classes_and_sanitised():
    html = render_markdown(
        "# Big heading\n\nSee [our pages](https://example.org) and **act**.\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n<script>alert(1)</script>"
        "[bad](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<h3" in html and "<h1" not in html
    assert '<a href="https://example.org" class="govuk-link" rel="noopener noreferrer">' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert "<strong>act</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "<img" not in html


# Services and workflow ---------------------------------------------------------------------


def test_business_unit_drafts_chair_approves_and_business_unit_publishes(
    site_partnership, make_user
):
    officer = make_user(Role.BUSINESS_UNIT)
    chair = make_user(Role.CHAIR)
    neglect = Theme.objects.get(slug="neglect")
    message = _draft(site_partnership, officer, themes=[neglect])
    assert message.status == "draft"
    assert list(message.themes.all()) == [neglect]

    message = services.key_message_approve(actor=chair, key_message=message)
    assert (message.status, message.approved_by) == ("approved", chair)
    message = services.key_message_publish(actor=officer, key_message=message)
    assert message.status == "published" and message.published_at is not None
    events = list(
        AuditEvent.objects.filter(target_id=str(message.pk)).values_list("event", flat=True)
    )
    assert set(events) == {
        "governance.key_message.created",
        "governance.key_message.approve",
        "governance.key_message.publish",
    }


def test_publishing_an_unapproved_message_is_refused_and_nothing_changes(
    site_partnership, make_user
):
    officer = make_user(Role.BUSINESS_UNIT)
    message = _draft(site_partnership, officer)
    with pytest.raises(ValidationError) as error:
        services.key_message_publish(actor=officer, key_message=message)
    assert "has not been approved" in error.value.messages[0]
    message.refresh_from_db()
    assert message.status == "draft" and message.published_at is None
    assert not AuditEvent.objects.filter(event="governance.key_message.publish").exists()


def test_only_a_chair_approves(site_partnership, make_user):
    officer = make_user(Role.BUSINESS_UNIT)
    message = _draft(site_partnership, officer)
    with pytest.raises(ValidationError, match="Only a chair"):
        services.key_message_approve(actor=officer, key_message=message)
    chair_elsewhere = make_user(Role.CHAIR, partnership=PartnershipFactory())
    with pytest.raises(ValidationError, match="Only a chair"):
        services.key_message_approve(actor=chair_elsewhere, key_message=message)
    message.refresh_from_db()
    assert message.status == "draft"


def test_changing_an_approved_message_sends_it_back_to_draft(site_partnership, make_user):
    officer = make_user(Role.BUSINESS_UNIT)
    message = _draft(site_partnership, officer)
    services.key_message_approve(actor=make_user(Role.CHAIR), key_message=message)
    message = services.key_message_update(
        actor=officer,
        key_message=message,
        title="Online harm",
        body="New words",
        meeting_date=datetime.date(2024, 3, 12),
    )
    assert message.status == "draft" and message.approved_by is None


def test_published_messages_cannot_be_changed_until_withdrawn(site_partnership, make_user):
    officer = make_user(Role.BUSINESS_UNIT)
    message = KeyMessageFactory(partnership=site_partnership)
    with pytest.raises(ValidationError, match="Withdraw it"):
        services.key_message_update(
            actor=officer,
            key_message=message,
            title="x",
            body="y",
            meeting_date=message.meeting_date,
        )
    message = services.key_message_transition(actor=officer, key_message=message, name="withdraw")
    assert message.status == "draft" and message.published_at is None


def test_bad_drafts_are_refused_with_clear_messages(site_partnership, make_user):
    officer = make_user(Role.BUSINESS_UNIT)
    with pytest.raises(ValidationError) as error:
        _draft(site_partnership, officer, title=" ", body="", meeting_date=None)
    assert error.value.message_dict == {
        "title": ["Enter a title for the key message."],
        "body": ["Enter the key message itself."],
        "meeting_date": ["Choose the meeting, or enter the date of the meeting."],
    }
    _draft(site_partnership, officer)
    with pytest.raises(ValidationError, match="already a key message with this title"):
        _draft(site_partnership, officer, title="ONLINE HARM!")
    other_priority = PriorityFactory(plan=BusinessPlanFactory(partnership=PartnershipFactory()))
    with pytest.raises(ValidationError, match="not in a business plan"):
        _draft(site_partnership, officer, title="Another", priority=other_priority)
    assert KeyMessage.objects.count() == 1


# The public archive ------------------------------------------------------------------------


def test_archive_groups_by_financial_year_and_meeting_and_hides_drafts(client, site_partnership):
    KeyMessageFactory(
        partnership=site_partnership, meeting_date=datetime.date(2024, 3, 12), title="Online harm"
    )
    KeyMessageFactory(
        partnership=site_partnership,
        meeting_date=datetime.date(2023, 6, 20),
        title="Youth voices",
    )
    KeyMessageFactory(
        partnership=site_partnership,
        meeting_date=datetime.date(2023, 3, 14),
        title="Adultification podcast",
    )
    KeyMessageFactory(partnership=site_partnership, title="Secret draft", status="draft")
    KeyMessageFactory(partnership=PartnershipFactory(), title="Another partnership's")
    response = client.get("/key-messages/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Key messages 2023–24" in html and "Key messages 2022–23" in html
    assert html.index("Key messages 2023–24") < html.index("Online harm")
    assert html.index("Youth voices") < html.index("Key messages 2022–23")
    assert "Executive meeting, 12 March 2024" in html
    assert "Secret draft" not in html
    assert "Another partnership" not in html
    assert "3 key messages" in html


def test_archive_filters_by_theme_year_and_search(client, site_partnership):
    neglect = Theme.objects.get(slug="neglect")
    KeyMessageFactory(partnership=site_partnership, title="Neglect strategy", themes=[neglect])
    KeyMessageFactory(
        partnership=site_partnership,
        title="Safer sleep",
        body="Babies should sleep on their backs.",
        meeting_date=datetime.date(2022, 9, 1),
    )
    html = client.get("/key-messages/?theme=neglect").content.decode()
    assert "Neglect strategy" in html and "Safer sleep" not in html
    html = client.get("/key-messages/?q=babies+backs").content.decode()
    assert "Safer sleep" in html and "Neglect strategy" not in html
    html = client.get("/key-messages/?year=2022").content.decode()
    assert "Safer sleep" in html and "Neglect strategy" not in html
    html = client.get("/key-messages/?q=nothing-like-this").content.decode()
    assert "No key messages match your search" in html


def test_archive_is_paginated_and_its_query_count_does_not_grow(
    client, site_partnership, django_assert_max_num_queries
):
    neglect = Theme.objects.get(slug="neglect")
    for n in range(3):
        KeyMessageFactory(partnership=site_partnership, themes=[neglect], title=f"A {n}")
    with django_assert_max_num_queries(25) as few:
        client.get("/key-messages/")
    for n in range(40):
        KeyMessageFactory(
            partnership=site_partnership,
            themes=[neglect],
            title=f"B {n}",
            meeting_date=datetime.date(2020 + n % 4, 1 + n % 12, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/key-messages/")
    assert "Page 1 of 3" in response.content.decode()
    assert "Page 3 of 3" in client.get("/key-messages/?page=3").content.decode()


def test_each_published_message_has_its_own_page(client, site_partnership):
    message = KeyMessageFactory(partnership=site_partnership, title="Online harm")
    sibling = KeyMessageFactory(partnership=site_partnership, title="Youth voices")
    response = client.get(f"/key-messages/{message.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Online harm</h1>' in html
    assert 'href="https://example.org/neglect"' in html
    assert "Youth voices" in html and f"/key-messages/{sibling.pk}/" in html
    assert 'media="print"' in html  # the print stylesheet


def test_draft_messages_have_no_public_page(client, site_partnership):
    draft = KeyMessageFactory(partnership=site_partnership, status="draft")
    assert client.get(f"/key-messages/{draft.pk}/").status_code == 404


def test_atom_feed_lists_published_messages(client, site_partnership):
    neglect = Theme.objects.get(slug="neglect")
    KeyMessageFactory(partnership=site_partnership, title="Online harm", themes=[neglect])
    KeyMessageFactory(partnership=site_partnership, title="Draft only", status="draft")
    response = client.get("/key-messages/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Online harm"]
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}category").get("term") == "Neglect"
    assert "govuk-link" in entry.find(f"{ATOM}summary").text


def test_home_page_section_shows_latest_published_messages(site_partnership):
    for n in range(4):
        KeyMessageFactory(
            partnership=site_partnership,
            title=f"Message {n}",
            meeting_date=datetime.date(2024, 1 + n, 1),
        )
    KeyMessageFactory(partnership=site_partnership, title="Not yet", status="draft")
    latest = latest_published_key_messages(site_partnership, 3)
    assert [m.title for m in latest] == ["Message 3", "Message 2", "Message 1"]
    html = render_to_string("governance/home_key_messages.html", {"latest_key_messages": latest})
    assert "Message 3" in html and "Not yet" not in html
    assert reverse("governance:key-message-feed") in html


def test_published_key_messages_appear_on_the_partnership_home_page(
    client, site_partnership, settings
):
    settings.DEFAULT_PARTNERSHIP = site_partnership.slug
    KeyMessageFactory(
        partnership=site_partnership,
        title="Safer sleep reminder",
        meeting_date=datetime.date(2024, 3, 1),
    )
    KeyMessageFactory(partnership=site_partnership, title="Not yet", status="draft")
    page = client.get("/").content.decode()
    assert "Latest key messages" in page and "Safer sleep reminder" in page
    assert "Not yet" not in page


# Staff pages ---------------------------------------------------------------------------------


def test_staff_draft_approve_publish_through_the_pages(client, site_partnership, make_user):
    officer = make_user(Role.BUSINESS_UNIT)
    chair = make_user(Role.CHAIR)
    client.force_login(officer)
    response = client.post(
        "/governance/key-messages/new/",
        {
            "partnership": site_partnership.pk,
            "meeting_date": "2024-03-12",
            "meeting_title": "Executive meeting",
            "title": "Online harm",
            "body": "Young people **must** be supported.",
            "themes": [Theme.objects.get(slug="online-harm").pk],
        },
    )
    message = KeyMessage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/governance/key-messages/{message.pk}/"

    response = client.post(f"/governance/key-messages/{message.pk}/publish/", follow=True)
    assert "has not been approved" in response.content.decode()
    message.refresh_from_db()
    assert message.status == "draft"

    client.force_login(chair)
    page = client.get(f"/governance/key-messages/{message.pk}/").content.decode()
    assert ">Approve</button>" in page
    client.post(f"/governance/key-messages/{message.pk}/approve/")
    client.force_login(officer)
    client.post(f"/governance/key-messages/{message.pk}/publish/")
    message.refresh_from_db()
    assert message.status == "published"
    assert "Online harm" in client.get("/key-messages/").content.decode()


def test_staff_form_shows_errors(client, site_partnership, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        "/governance/key-messages/new/", {"partnership": site_partnership.pk, "title": ""}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a title for the key message" in html
    assert "Choose the meeting, or enter the date of the meeting" in html
    assert not KeyMessage.objects.exists()


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.AGENCY_LEAD, Role.REVIEWER])
def test_staff_pages_are_refused_to_other_roles(signed_in, role, site_partnership):
    client = signed_in(role)
    message = KeyMessageFactory(partnership=site_partnership, status="draft")
    assert client.get("/governance/key-messages/").status_code == 403
    assert client.get("/governance/key-messages/new/").status_code == 403
    # A draft they may not see is not found, so its existence is not given away.
    assert client.get(f"/governance/key-messages/{message.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in_from_staff_pages(client, site_partnership):
    response = client.get("/governance/key-messages/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_staff_list_query_count_does_not_grow(
    client, site_partnership, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    for n in range(3):
        KeyMessageFactory(partnership=site_partnership, title=f"A {n}", status="draft")
    with django_assert_max_num_queries(25) as few:
        client.get("/governance/key-messages/")
    for n in range(30):
        KeyMessageFactory(partnership=site_partnership, title=f"B {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/governance/key-messages/").status_code == 200


# API -----------------------------------------------------------------------------------------


def test_public_api_lists_published_messages_of_a_partnership(client, site_partnership):
    other = PartnershipFactory(slug="elsewhere")
    KeyMessageFactory(
        partnership=site_partnership,
        title="Online harm",
        themes=[Theme.objects.get(slug="online-harm")],
    )
    KeyMessageFactory(partnership=site_partnership, title="Draft", status="draft")
    KeyMessageFactory(partnership=other, title="Elsewhere")
    response = client.get(f"/api/v1/key-messages/?partnership={site_partnership.slug}")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["title"] == "Online harm"
    assert item["meeting_date"] == "2024-03-12"
    assert item["themes"] == ["Online harm"]
    assert item["body"].startswith("Partners agreed")
    assert item["url"].endswith(f"/key-messages/{KeyMessage.objects.get(title='Online harm').pk}/")
    assert client.get("/api/v1/key-messages/").json()["count"] == 2
    assert client.post("/api/v1/key-messages/", {}).status_code in (403, 405)


def test_staff_list_links_another_partnerships_published_message_to_its_public_page(
    client, site_partnership, make_user
):
    ours = KeyMessageFactory(partnership=site_partnership, title="Our message")
    theirs = KeyMessageFactory(partnership=PartnershipFactory(), title="Their published message")
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=site_partnership))
    html = client.get("/governance/key-messages/").content.decode()
    assert f'href="/governance/key-messages/{ours.pk}/"' in html
    assert f'href="/key-messages/{theirs.pk}/"' in html
    assert f'href="/governance/key-messages/{theirs.pk}/"' not in html
    assert client.get(f"/key-messages/{theirs.pk}/").status_code == 200


def test_every_key_message_step_has_a_written_out_declared_audit_code():
    from safeguarding.core import audit_catalogue
    from safeguarding.governance.workflow import KEY_MESSAGES

    assert list(services.KEY_MESSAGE_STEP_EVENTS) == KEY_MESSAGES.names()
    assert [
        code
        for code in services.KEY_MESSAGE_STEP_EVENTS.values()
        if not audit_catalogue.is_declared(code)
    ] == []
