"""Composing, sending (in batches, resumable, once per person), opens and clicks."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguarding.comms import tokens
from safeguarding.comms.models import (
    BulletinDelivery,
    BulletinLink,
    BulletinStatus,
    CommsSettings,
    SubscriberStatus,
)
from safeguarding.comms.services import bulletins as services
from safeguarding.comms.services.sending import bulletin_send_all, bulletin_send_batch
from safeguarding.comms.tests.factories import (
    BulletinFactory,
    SubscriberFactory,
    TextBlockFactory,
    sent_bulletin,
)
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.training.tests.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def business_unit(make_user):
    return make_user(Role.BUSINESS_UNIT)


@pytest.fixture
def bulletin(partnership, business_unit):
    found = services.bulletin_create(
        actor=business_unit, partnership=partnership, title="Safeguarding bulletin – March"
    )
    services.bulletin_block_add_text(
        actor=business_unit,
        bulletin=found,
        heading="Bruising protocol",
        body="Read the [updated protocol](https://procedures.example/bruising).",
    )
    return found


def _send(bulletin, user, capture):
    with capture(execute=True):
        services.bulletin_send(actor=user, bulletin=bulletin)
    bulletin.refresh_from_db()
    return bulletin


def test_an_edition_goes_once_to_each_confirmed_subscriber_with_one_click_headers(
    partnership, business_unit, bulletin, django_capture_on_commit_callbacks
):
    confirmed = SubscriberFactory.create_batch(3, partnership=partnership)
    SubscriberFactory(partnership=partnership, status=SubscriberStatus.PENDING)
    SubscriberFactory(partnership=partnership, status=SubscriberStatus.UNSUBSCRIBED)
    SubscriberFactory()  # another partnership's

    bulletin = _send(bulletin, business_unit, django_capture_on_commit_callbacks)

    assert bulletin.status == BulletinStatus.SENT
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in confirmed)
    assert (bulletin.recipients, bulletin.delivered) == (3, 3)
    message = mail.outbox[0]
    assert message.subject == "Safeguarding bulletin – March"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https?://\S+/subscribe/unsubscribe/\S+/>", message.extra_headers["List-Unsubscribe"]
    )
    html = message.alternatives[0][0]
    assert "https://procedures.example/bruising" not in html  # links go through the redirect
    assert "/bulletins/link/" in html and "/bulletins/open/" in html


def test_a_send_stopped_half_way_resumes_without_mailing_anyone_twice(
    partnership, business_unit, bulletin
):
    SubscriberFactory.create_batch(5, partnership=partnership)
    services.bulletin_send(actor=business_unit, bulletin=bulletin)  # the task never ran
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.SENDING
    assert bulletin_send_batch(bulletin=bulletin, batch_size=2) == 2  # then the worker stopped
    assert len(mail.outbox) == 2

    run_due_jobs(only="comms.bulletins.send-due")  # the schedule picks it up again

    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.SENT
    assert len(mail.outbox) == 5
    assert len({m.to[0] for m in mail.outbox}) == 5
    assert BulletinDelivery.objects.filter(bulletin=bulletin).count() == 5
    bulletin_send_all(bulletin_pk=bulletin.pk)
    assert len(mail.outbox) == 5


def test_a_bulletin_is_sent_once(
    partnership, business_unit, bulletin, django_capture_on_commit_callbacks
):
    SubscriberFactory(partnership=partnership)
    _send(bulletin, business_unit, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="already been sent"):
        services.bulletin_send(actor=business_unit, bulletin=bulletin)
    assert len(mail.outbox) == 1


def test_an_empty_bulletin_cannot_be_sent(partnership, business_unit):
    empty = services.bulletin_create(actor=business_unit, partnership=partnership, title="Empty")
    with pytest.raises(ValidationError, match="at least one block"):
        services.bulletin_send(actor=business_unit, bulletin=empty)


def test_a_scheduled_bulletin_goes_when_its_time_comes(
    partnership, business_unit, bulletin, django_capture_on_commit_callbacks
):
    SubscriberFactory(partnership=partnership)
    services.bulletin_schedule(
        actor=business_unit, bulletin=bulletin, when=timezone.now() + timedelta(hours=1)
    )
    run_due_jobs(only="comms.bulletins.send-due")
    assert not mail.outbox
    bulletin.refresh_from_db()
    bulletin.scheduled_for = timezone.now() - timedelta(minutes=1)
    bulletin.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(only="comms.bulletins.send-due")
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.SENT
    assert len(mail.outbox) == 1


def test_opens_count_once_per_copy_and_are_not_tied_to_anyone(
    client, partnership, business_unit, bulletin, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(4, partnership=partnership)
    bulletin = _send(bulletin, business_unit, django_capture_on_commit_callbacks)
    pixels = [
        re.search(r'/bulletins/open/([^"]+)\.gif', m.alternatives[0][0]).group(1)
        for m in mail.outbox
    ]
    assert len(set(pixels)) == 4
    for token in pixels[:3]:
        response = client.get(reverse("comms:bulletin-open", args=[token]))
        assert response["Content-Type"] == "image/gif"
    client.get(reverse("comms:bulletin-open", args=[pixels[0]]))  # opened again
    client.get(reverse("comms:bulletin-open", args=["forged.token"]))
    bulletin.refresh_from_db()
    assert bulletin.unique_opens == 3
    assert bulletin.open_rate == 75.0


def test_no_tracking_image_when_the_partnership_switched_it_off(
    partnership, business_unit, bulletin, django_capture_on_commit_callbacks
):
    CommsSettings.objects.create(partnership=partnership, track_opens=False)
    SubscriberFactory(partnership=partnership)
    _send(bulletin, business_unit, django_capture_on_commit_callbacks)
    assert "/bulletins/open/" not in mail.outbox[0].alternatives[0][0]


def test_clicks_redirect_only_to_links_of_that_edition(
    client, partnership, business_unit, bulletin, django_capture_on_commit_callbacks
):
    SubscriberFactory(partnership=partnership)
    bulletin = _send(bulletin, business_unit, django_capture_on_commit_callbacks)
    redirect = re.search(
        r'href="https?://[^"]+(/bulletins/link/[^"]+)"', mail.outbox[0].alternatives[0][0]
    ).group(1)
    response = client.get(redirect)
    assert response.status_code == 302
    assert response["Location"] == "https://procedures.example/bruising"
    assert BulletinLink.objects.get(bulletin=bulletin).clicks == 1

    # A link of another edition, signed for this one's number, or forged: refused.
    other = BulletinLink.objects.create(
        bulletin=sent_bulletin(partnership), url="https://elsewhere.example/"
    )
    forged = tokens.link_token(other).replace(f"{other.bulletin_id}.", f"{bulletin.pk}.", 1)
    assert client.get(reverse("comms:bulletin-link", args=[forged])).status_code == 404
    assert client.get("/bulletins/link/https:%2F%2Fevil.example/").status_code == 404
    assert client.get(reverse("comms:bulletin-link", args=["evil.example"])).status_code == 404


def test_blocks_come_from_other_capabilities_through_the_registry(partnership, business_unit):
    course = CourseFactory(
        partnership=partnership, title="Safer sleep for practitioners", is_published=True
    )
    SessionFactory(course=course, capacity=10, starts_at=timezone.now() + timedelta(days=10))
    full = CourseFactory(partnership=partnership, title="Full course", is_published=True)
    session = SessionFactory(course=full, capacity=1, starts_at=timezone.now() + timedelta(days=5))
    type(session).objects.filter(pk=session.pk).update(places_taken=1)
    edition = services.bulletin_create(actor=business_unit, partnership=partnership, title="April")

    block = services.bulletin_block_add_source(
        actor=business_unit, bulletin=edition, source_key="training.courses-with-places"
    )

    assert [item["title"] for item in block.items] == ["Safer sleep for practitioners"]
    assert block.items[0]["url"] == reverse("training:course", args=[course.pk])
    with pytest.raises(ValidationError, match="nothing new"):
        services.bulletin_block_add_source(
            actor=business_unit, bulletin=edition, source_key="reviews.learning"
        )


def test_business_unit_composes_previews_tests_and_sends_through_the_pages(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    SubscriberFactory(partnership=partnership, email="reader@school.example")
    response = client.post(reverse("comms:bulletin-new"), {"title": "May bulletin"})
    manage_url = response["Location"]
    pk = int(manage_url.rstrip("/").split("/")[-1])
    response = client.post(
        reverse("comms:bulletin-block-add", args=[pk]), {"kind": "text", "heading": "", "body": ""}
    )
    assert response.status_code == 400
    assert "Enter a heading" in response.content.decode()
    client.post(
        reverse("comms:bulletin-block-add", args=[pk]),
        {
            "kind": "text",
            "heading": "Half-term online safety",
            "body": "Talk to children about apps.",
        },
    )
    assert (
        "Half-term online safety"
        in client.get(reverse("comms:bulletin-preview", args=[pk])).content.decode()
    )
    assert (
        "Half-term online safety"
        in client.get(reverse("comms:bulletin-preview-email", args=[pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comms:bulletin-test", args=[pk]), {"email": "me@partnership.example"})
    assert [m.to for m in mail.outbox] == [["me@partnership.example"]]
    assert mail.outbox[0].subject == "[Test] May bulletin"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comms:bulletin-transition", args=[pk]), {"step": "send"})
    assert mail.outbox[-1].to == ["reader@school.example"]
    page = client.get(manage_url).content.decode()
    assert "1 of 1 sent (100%)" in page
    archive = client.get(reverse("comms:bulletin-archive")).content.decode()
    assert "May bulletin" in archive


def test_drafts_are_not_in_the_public_archive(client, partnership):
    draft = TextBlockFactory(
        bulletin=BulletinFactory(partnership=partnership, title="Not yet")
    ).bulletin
    assert "Not yet" not in client.get(reverse("comms:bulletin-archive")).content.decode()
    assert client.get(reverse("comms:bulletin-detail", args=[draft.pk])).status_code == 404


def test_the_open_rate_page_has_the_trend_and_its_table(signed_in, partnership):
    for n, opens in enumerate([24, 27, 30]):
        sent_bulletin(
            partnership,
            title=f"Edition {n}",
            sent_at=timezone.now() - timedelta(days=90 - 30 * n),
            delivered=100,
            unique_opens=opens,
        )
    client = signed_in(Role.CHAIR)
    body = client.get(reverse("comms:bulletin-stats")).content.decode()
    assert "<polyline" in body
    rows = re.findall(r"Edition (\d).*?([\d.]+)%", body, re.S)
    assert [(n, rate) for n, rate in rows] == [("0", "24.0"), ("1", "27.0"), ("2", "30.0")]


def test_archive_query_count_does_not_grow(client, partnership, count_queries):
    sent_bulletin(partnership)
    url = reverse("comms:bulletin-archive")
    few = count_queries(lambda: client.get(url))
    for _ in range(30):
        sent_bulletin(partnership)
    assert count_queries(lambda: client.get(url)) == few
