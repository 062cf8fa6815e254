"""GOV.UK Notify's delivery receipts: bounces stop mail and suppress the address; the
edition's delivered figure follows the receipts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safeguarding.comms.models import (
    BulletinDelivery,
    DeliveryStatus,
    Subscriber,
    SubscriberStatus,
    Suppression,
    SuppressionReason,
)
from safeguarding.comms.services import bulletins as services
from safeguarding.comms.services import subscribers as subscriber_services
from safeguarding.comms.tests.factories import SubscriberFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.tests.notify_double import API_KEY, TEMPLATE_ID, notify_api

pytestmark = pytest.mark.django_db

TOKEN = "receipts-token-for-tests"
RECEIPTS = "/communications/delivery-receipts/"


@pytest.fixture
def receipts_on(settings):
    settings.NOTIFY_CALLBACK_TOKEN = TOKEN
    return settings


def _receipt(client, reference, status, token=TOKEN):
    return client.post(
        RECEIPTS,
        {
            "id": "740e5834-3a29-46b4-9a6f-16142fde533a",
            "reference": reference,
            "status": status,
            "to": "someone@example.org",
            "notification_type": "email",
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )


@pytest.fixture
def sent_through_notify(settings, partnership, make_user, django_capture_on_commit_callbacks):
    """An edition sent to three subscribers through the Notify backend (a local stand-in
    for Notify's API); returns (bulletin, {email: reference sent to Notify})."""
    settings.EMAIL_BACKEND = "safeguarding.core.notify.NotifyBackend"
    settings.GOVUK_NOTIFY_API_KEY = API_KEY
    settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = TEMPLATE_ID
    for email in ("kept@school.example", "gone@school.example", "full@school.example"):
        SubscriberFactory(partnership=partnership, email=email)
    business_unit = make_user(Role.BUSINESS_UNIT)
    bulletin = services.bulletin_create(
        actor=business_unit, partnership=partnership, title="Bulletin – April"
    )
    services.bulletin_block_add_text(
        actor=business_unit, bulletin=bulletin, heading="Safer sleep", body="Back to sleep."
    )
    with notify_api() as (base_url, sent):
        settings.GOVUK_NOTIFY_BASE_URL = base_url
        with django_capture_on_commit_callbacks(execute=True):
            services.bulletin_send(actor=business_unit, bulletin=bulletin)
    bulletin.refresh_from_db()
    return bulletin, {body["email_address"]: body["reference"] for body in sent}


def test_each_bulletin_email_reaches_notify_with_the_reference_of_its_delivery(
    sent_through_notify,
):
    bulletin, references = sent_through_notify
    deliveries = {
        d.subscriber.email: d.pk
        for d in BulletinDelivery.objects.filter(bulletin=bulletin).select_related("subscriber")
    }
    assert references == {email: f"bulletin-delivery-{pk}" for email, pk in deliveries.items()}
    assert (bulletin.recipients, bulletin.delivered) == (3, 3)


def test_a_permanent_failure_stops_mail_suppresses_the_address_and_counts_as_not_delivered(
    client, receipts_on, sent_through_notify, signed_in, partnership
):
    bulletin, references = sent_through_notify

    response = _receipt(client, references["gone@school.example"], "permanent-failure")
    assert response.status_code == 200
    assert response.json() == {"outcome": "recorded"}
    assert _receipt(client, references["full@school.example"], "temporary-failure").json() == {
        "outcome": "recorded"
    }
    assert _receipt(client, references["kept@school.example"], "delivered").json() == {
        "outcome": "unchanged"
    }
    # Notify retries a receipt it thinks was lost: the second changes nothing.
    assert _receipt(client, references["gone@school.example"], "permanent-failure").json() == {
        "outcome": "unchanged"
    }

    bulletin.refresh_from_db()
    assert (bulletin.recipients, bulletin.delivered) == (3, 1)
    gone = Subscriber.objects.get(email="gone@school.example")
    assert gone.status == SubscriberStatus.BOUNCED
    assert Suppression.objects.get(email="gone@school.example").reason == SuppressionReason.BOUNCED
    # A temporary failure is that one email, not the address.
    assert Subscriber.objects.get(email="full@school.example").status == SubscriberStatus.CONFIRMED
    assert set(
        BulletinDelivery.objects.filter(bulletin=bulletin).values_list("status", flat=True)
    ) == {DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.BOUNCED}
    assert AuditEvent.objects.filter(event="comms.subscriber.bounce").count() == 1

    # The business unit sees it on the edition's figures and in the subscriber list.
    staff = signed_in(Role.BUSINESS_UNIT)
    staff_user = staff.user
    figures = staff.get(reverse("comms:bulletin-edition-stats", args=[bulletin.pk]))
    page = figures.content.decode()
    assert 'id="edition-delivered">1<' in page
    assert 'id="edition-bounced">1<' in page
    assert 'id="edition-failed">1<' in page

    # The next edition does not go to the bounced address, and an import does not bring it
    # back.
    assert "gone@school.example" not in [
        s.email for s in Subscriber.objects.recipients_of(bulletin)
    ]
    result = subscriber_services.subscribers_import(
        actor=staff_user,
        partnership=partnership,
        content=b"Email Address,First Name,Last Name,Tags\ngone@school.example,Sam,Lee,\n",
        filename="audience.csv",
        dry_run=True,
    )
    assert (result.created, result.skipped) == (0, 1)
    assert "bounced" in result.skipped_rows[0]["reason"]


def test_receipts_need_notify_s_bearer_token(client, receipts_on, sent_through_notify):
    bulletin, references = sent_through_notify
    reference = references["gone@school.example"]
    assert _receipt(client, reference, "permanent-failure", token=None).status_code == 401
    assert _receipt(client, reference, "permanent-failure", token="guess").status_code == 401
    assert Subscriber.objects.get(email="gone@school.example").status == SubscriberStatus.CONFIRMED


def test_without_a_token_configured_the_receipts_address_does_not_exist(
    client, settings, sent_through_notify
):
    settings.NOTIFY_CALLBACK_TOKEN = ""
    _bulletin, references = sent_through_notify
    response = _receipt(client, references["gone@school.example"], "permanent-failure")
    assert response.status_code == 404


def test_a_receipt_that_is_not_ours_or_not_json_gets_a_clear_answer(client, receipts_on):
    assert _receipt(client, "someone-elses-reference", "permanent-failure").json() == {
        "outcome": "unknown"
    }
    assert _receipt(client, "bulletin-delivery-999999", "permanent-failure").json() == {
        "outcome": "unknown"
    }
    response = client.post(
        RECEIPTS,
        "not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400
    assert "status and reference" in response.json()["error"]


def test_signing_up_again_and_confirming_lifts_a_bounce(
    client, receipts_on, sent_through_notify, partnership
):
    from safeguarding.comms import tokens

    _bulletin, references = sent_through_notify
    _receipt(client, references["gone@school.example"], "permanent-failure")

    subscriber = subscriber_services.subscriber_subscribe(
        partnership=partnership, email="gone@school.example"
    )
    assert subscriber.status == SubscriberStatus.PENDING
    client.get(reverse("comms:subscribe-confirm", args=[tokens.confirm_token(subscriber)]))

    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert not Suppression.objects.filter(email="gone@school.example").exists()
