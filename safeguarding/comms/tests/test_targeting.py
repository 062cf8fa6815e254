"""A bulletin that targets audiences and themes goes to exactly the subscribers who match."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from safeguarding.comms.models import BulletinDelivery, BulletinStatus, SubscriberStatus
from safeguarding.comms.selectors.bulletins import bulletin_recipients
from safeguarding.comms.services import bulletins as services
from safeguarding.comms.services import subscribers as subscriber_services
from safeguarding.comms.services.sending import bulletin_send_all, bulletin_send_batch
from safeguarding.comms.tests.factories import SubscriberFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def business_unit(make_user):
    return make_user(Role.BUSINESS_UNIT)


@pytest.fixture
def themes(db):
    return {
        slug: Theme.objects.create(name=f"Targeting {slug}", slug=f"targeting-{slug}")
        for slug in ("online", "neglect", "sleep")
    }


@pytest.fixture
def people(partnership, themes):
    """One subscriber of each kind of preference, by a name that says what they chose."""

    def make(name, audiences=(), chosen=(), **fields):
        subscriber = SubscriberFactory(
            partnership=partnership,
            email=f"{name}@agency.example",
            audiences=list(audiences),
            **fields,
        )
        subscriber.themes.set([themes[t] for t in chosen])
        return subscriber

    return {
        "everything": make("everything"),
        "teacher": make("teacher", ["education"]),
        "nurse": make("nurse", ["health"]),
        "teacher-online": make("teacher-online", ["education"], ["online"]),
        "nurse-sleep": make("nurse-sleep", ["health"], ["sleep"]),
        "parent-online-sleep": make("parent-online-sleep", ["parents"], ["online", "sleep"]),
        "any-neglect": make("any-neglect", [], ["neglect"]),
        "police-social": make("police-social", ["police", "social_care"]),
        "pending": make("pending", status=SubscriberStatus.PENDING),
        "gone": make("gone", status=SubscriberStatus.UNSUBSCRIBED),
        "pending-teacher": make("pending-teacher", ["education"], status=SubscriberStatus.PENDING),
    }


def _bulletin(business_unit, partnership, themes, audiences=(), chosen=()):
    bulletin = services.bulletin_create(
        actor=business_unit,
        partnership=partnership,
        title="Targeted bulletin",
        target_audiences=list(audiences),
        target_themes=[themes[t] for t in chosen],
    )
    services.bulletin_block_add_text(
        actor=business_unit, bulletin=bulletin, heading="News", body="Something new."
    )
    return bulletin


@pytest.mark.parametrize(
    ("audiences", "chosen", "expected"),
    [
        (
            (),
            (),
            {
                "everything",
                "teacher",
                "nurse",
                "teacher-online",
                "nurse-sleep",
                "parent-online-sleep",
                "any-neglect",
                "police-social",
            },
        ),
        (["education"], (), {"everything", "teacher", "teacher-online", "any-neglect"}),
        (
            ["education", "health"],
            (),
            {"everything", "teacher", "nurse", "teacher-online", "nurse-sleep", "any-neglect"},
        ),
        (["social_care"], (), {"everything", "police-social", "any-neglect"}),
        (
            (),
            ["online"],
            {"everything", "teacher", "nurse", "teacher-online", "parent-online-sleep"}
            | {"police-social"},
        ),
        (
            (),
            ["sleep", "neglect"],
            {"everything", "teacher", "nurse", "nurse-sleep", "parent-online-sleep"}
            | {"any-neglect", "police-social"},
        ),
        (["education"], ["online"], {"everything", "teacher", "teacher-online"}),
        (
            ["health", "parents"],
            ["sleep"],
            {"everything", "nurse", "nurse-sleep"} | {"parent-online-sleep"},
        ),
        (["voluntary"], ["neglect"], {"everything", "any-neglect"}),
    ],
)
def test_targeting_selects_exactly_the_matching_confirmed_subscribers(
    partnership, business_unit, themes, people, audiences, chosen, expected
):
    SubscriberFactory(email="elsewhere@agency.example")  # another partnership's
    bulletin = _bulletin(business_unit, partnership, themes, audiences, chosen)

    found = {s.email.split("@")[0] for s in bulletin_recipients(bulletin=bulletin)}

    assert found == expected
    bulletin_send_all_now(bulletin, business_unit)
    assert sorted(m.to[0].split("@")[0] for m in mail.outbox) == sorted(expected)


def bulletin_send_all_now(bulletin, user):
    services.bulletin_send(actor=user, bulletin=bulletin)
    bulletin_send_all(bulletin_pk=bulletin.pk)
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.SENT


def test_recipients_are_fixed_when_sending_starts(partnership, business_unit, themes, people):
    bulletin = _bulletin(business_unit, partnership, themes, ["education"])
    services.bulletin_send(actor=business_unit, bulletin=bulletin)  # the worker has not run
    bulletin.refresh_from_db()
    assert bulletin.recipients == 4
    assert bulletin_send_batch(bulletin=bulletin, batch_size=2) == 2  # then it stopped
    # Meanwhile: a new teacher confirms, a teacher who was waiting unsubscribes, and someone
    # changes their preferences so that they no longer match.
    SubscriberFactory(partnership=partnership, email="late@agency.example", audiences=[])
    waiting = set(
        BulletinDelivery.objects.filter(bulletin=bulletin, status="queued").values_list(
            "subscriber__email", flat=True
        )
    )
    leaving = sorted(waiting)[0]
    subscriber_services.subscriber_unsubscribe(subscriber=people[leaving.split("@")[0]])

    bulletin_send_all(bulletin_pk=bulletin.pk)  # resumed after the restart
    bulletin_send_all(bulletin_pk=bulletin.pk)  # and again: nothing more

    bulletin.refresh_from_db()
    mailed = [m.to[0] for m in mail.outbox]
    assert len(mailed) == len(set(mailed)) == 3
    assert "late@agency.example" not in mailed and leaving not in mailed
    assert (bulletin.recipients, bulletin.delivered) == (4, 3)
    assert bulletin.status == BulletinStatus.SENT


def test_the_count_shown_before_sending_matches_the_mails_sent(
    signed_in, partnership, themes, people, django_capture_on_commit_callbacks
):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        reverse("comms:bulletin-new"),
        {
            "title": "For schools",
            "target_audiences": ["education", "parents"],
            "target_themes": [themes["online"].pk],
        },
    )
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(
        reverse("comms:bulletin-block-add", args=[pk]),
        {"kind": "text", "heading": "Online safety", "body": "Half-term advice."},
    )
    page = client.get(reverse("comms:bulletin-manage", args=[pk])).content.decode()
    assert "Education, Parents and carers, and subscribers who chose no audience" in page

    confirm = client.get(reverse("comms:bulletin-send", args=[pk]))
    assert confirm.status_code == 200
    # everything, teacher, teacher-online, parent-online-sleep
    assert "It will go to 4 people" in confirm.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comms:bulletin-transition", args=[pk]), {"step": "send"})

    assert len(mail.outbox) == 4
    assert {m.to[0].split("@")[0] for m in mail.outbox} == {
        "everything",
        "teacher",
        "teacher-online",
        "parent-online-sleep",
    }
    page = client.get(reverse("comms:bulletin-manage", args=[pk])).content.decode()
    assert "4 of 4 sent (100%)" in page
    # Sent: the confirmation page sends the person back to the edition.
    assert client.get(reverse("comms:bulletin-send", args=[pk])).status_code == 302


def test_the_targeting_is_chosen_on_the_edit_page_and_audited(
    signed_in, partnership, themes, people
):
    client = signed_in(Role.BUSINESS_UNIT)
    bulletin = services.bulletin_create(
        actor=client.user, partnership=partnership, title="Monthly bulletin"
    )
    edit = reverse("comms:bulletin-edit", args=[bulletin.pk])
    assert "Who is it for?" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "title": "Monthly bulletin",
            "target_audiences": ["health"],
            "target_themes": [themes["sleep"].pk],
        },
    )
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.target_audiences == ["health"]
    assert list(bulletin.target_themes.all()) == [themes["sleep"]]
    event = AuditEvent.objects.filter(event="comms.bulletin.update").latest("pk")
    assert event.before["target_audiences"] == []
    assert event.after["target_audiences"] == ["health"]
    assert "target_themes" in event.after

    response = client.post(edit, {"title": "Monthly bulletin", "target_audiences": ["pirates"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()

    # Back to everyone.
    client.post(edit, {"title": "Monthly bulletin"})
    bulletin.refresh_from_db()
    assert bulletin.target_audiences == [] and not bulletin.target_themes.exists()

    services.bulletin_block_add_text(
        actor=client.user, bulletin=bulletin, heading="News", body="Something."
    )
    services.bulletin_send(actor=client.user, bulletin=bulletin)
    sent = AuditEvent.objects.filter(event="comms.bulletin.send").latest("pk")
    assert sent.after["recipients"] == 8
    assert sent.after["target_audiences"] == [] and sent.after["target_themes"] == []


def test_other_roles_cannot_see_the_send_confirmation(signed_in, partnership, business_unit):
    bulletin = services.bulletin_create(actor=business_unit, partnership=partnership, title="B")
    client = signed_in(Role.PRACTITIONER)
    assert client.get(reverse("comms:bulletin-send", args=[bulletin.pk])).status_code in (
        403,
        404,
    )
