"""Bounces that come back by mail to the sending mailbox (SMTP), read from a real Maildir:
an address that fails for good stops being mailed, as with GOV.UK Notify's receipts, and a
message read again changes nothing (ADR 0039)."""

from __future__ import annotations

import json
import mailbox
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
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
from safeguarding.comms.tests.conftest import FIXTURES
from safeguarding.comms.tests.factories import SubscriberFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs

pytestmark = pytest.mark.django_db

SENDER = "bulletin@partnership.example"
GONE, KEPT, SLOW = "gone@school.example", "kept@school.example", "slow@academy.example"


@pytest.fixture
def sent(settings, partnership, make_user, django_capture_on_commit_callbacks):
    """An edition sent by SMTP (the in-memory backend) to three subscribers; returns
    (bulletin, {address: the X-Delivery-Reference its email carried})."""
    settings.DEFAULT_FROM_EMAIL = SENDER
    for email in (GONE, KEPT, SLOW):
        SubscriberFactory(partnership=partnership, email=email)
    business_unit = make_user(Role.BUSINESS_UNIT)
    bulletin = services.bulletin_create(
        actor=business_unit, partnership=partnership, title="Bulletin – April"
    )
    services.bulletin_block_add_text(
        actor=business_unit, bulletin=bulletin, heading="Safer sleep", body="Back to sleep."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.bulletin_send(actor=business_unit, bulletin=bulletin)
    bulletin.refresh_from_db()
    references = {
        message.to[0]: message.extra_headers["X-Delivery-Reference"]
        for message in mail.outbox
        if "X-Delivery-Reference" in message.extra_headers
    }
    assert set(references) == {GONE, KEPT, SLOW}
    return bulletin, references


@pytest.fixture
def maildir(tmp_path):
    path = tmp_path / "bounces"
    mailbox.Maildir(path, create=True)
    return path


def _deliver(maildir, fixture: str, *, recipient: str, reference: str | None) -> str:
    """Put a bounce fixture into the Maildir's ``new`` folder as the mail server would;
    ``reference=None`` leaves out the returned X-Delivery-Reference line."""
    text = (FIXTURES / "bounces" / fixture).read_text()
    if reference is None:
        text = "".join(line for line in text.splitlines(True) if "{{REFERENCE}}" not in line)
    text = text.replace("{{REFERENCE}}", reference or "")
    text = text.replace("{{RECIPIENT}}", recipient).replace("{{SENDER}}", SENDER)
    return mailbox.Maildir(maildir, create=False).add(text.encode())


def _read(maildir, *extra) -> dict:
    out = StringIO()
    call_command("read-bounces", "--maildir", str(maildir), "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def _summary(**counts) -> dict:
    return {
        "read": 0,
        "bounced": 0,
        "temporary": 0,
        "not_ours": 0,
        "unchanged": 0,
        "errors": [],
        "dry_run": False,
    } | counts


def _delivery_status(bulletin, email):
    return BulletinDelivery.objects.get(bulletin=bulletin, subscriber__email=email).status


def test_a_postfix_bounce_stops_mail_to_the_address_and_is_read_once(
    sent, maildir, signed_in, partnership
):
    bulletin, references = sent
    key = _deliver(maildir, "postfix_permanent.eml", recipient=GONE, reference=references[GONE])

    assert _read(maildir) == _summary(read=1, bounced=1)

    assert _delivery_status(bulletin, GONE) == DeliveryStatus.BOUNCED
    assert Subscriber.objects.get(email=GONE).status == SubscriberStatus.BOUNCED
    assert Suppression.objects.get(email=GONE).reason == SuppressionReason.BOUNCED
    assert Subscriber.objects.get(email=KEPT).status == SubscriberStatus.CONFIRMED
    event = AuditEvent.objects.get(event="comms.subscriber.bounce")
    assert event.actor_label == "system: read-bounces"
    # The message is marked read where it lies, as a mail program would.
    held = mailbox.Maildir(maildir, create=False).get_message(key)
    assert (held.get_subdir(), "S" in held.get_flags()) == ("cur", True)

    # What the business unit sees: the edition's figures and the subscriber list.
    staff = signed_in(Role.BUSINESS_UNIT)
    page = staff.get(reverse("comms:bulletin-edition-stats", args=[bulletin.pk])).content.decode()
    assert 'id="edition-delivered">2<' in page
    assert 'id="edition-bounced">1<' in page
    listing = staff.get(reverse("comms:subscriber-list")).content.decode()
    assert "Stopped: the address does not accept email" in listing

    # Run again: the message was read, nothing changes.
    assert _read(maildir) == _summary()
    assert AuditEvent.objects.filter(event="comms.subscriber.bounce").count() == 1


def test_the_same_bounce_arriving_twice_changes_nothing_the_second_time(sent, maildir):
    bulletin, references = sent
    for _ in range(2):
        _deliver(maildir, "postfix_permanent.eml", recipient=GONE, reference=references[GONE])

    assert _read(maildir) == _summary(read=2, bounced=1, unchanged=1)
    bulletin.refresh_from_db()
    assert (bulletin.recipients, bulletin.delivered) == (3, 2)
    assert AuditEvent.objects.filter(event="comms.subscriber.bounce").count() == 1


def test_an_exim_bounce_in_plain_text_is_matched_by_the_reference_it_quotes(sent, maildir):
    bulletin, references = sent
    _deliver(maildir, "exim_plain.eml", recipient=GONE, reference=references[GONE])

    assert _read(maildir) == _summary(read=1, bounced=1)
    assert _delivery_status(bulletin, GONE) == DeliveryStatus.BOUNCED
    assert Subscriber.objects.get(email=GONE).status == SubscriberStatus.BOUNCED


def test_a_bounce_without_the_reference_is_matched_to_the_latest_email_to_that_address(
    sent, maildir, partnership, make_user, django_capture_on_commit_callbacks
):
    april, _references = sent
    business_unit = make_user(Role.BUSINESS_UNIT)
    may = services.bulletin_create(actor=business_unit, partnership=partnership, title="May")
    services.bulletin_block_add_text(
        actor=business_unit, bulletin=may, heading="Online safety", body="Half-term."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.bulletin_send(actor=business_unit, bulletin=may)
    # Some mail servers return only the text of the bounce, or strip our header.
    _deliver(maildir, "exim_plain.eml", recipient=GONE, reference=None)

    assert _read(maildir) == _summary(read=1, bounced=1)
    assert _delivery_status(may, GONE) == DeliveryStatus.BOUNCED
    assert _delivery_status(april, GONE) == DeliveryStatus.SENT
    may.refresh_from_db()
    assert may.delivered == 2


def test_a_delay_warning_changes_nothing_and_a_final_temporary_failure_counts_that_email(
    sent, maildir
):
    bulletin, references = sent
    _deliver(maildir, "postfix_delayed.eml", recipient=SLOW, reference=references[SLOW])

    assert _read(maildir) == _summary(read=1, temporary=1)
    assert _delivery_status(bulletin, SLOW) == DeliveryStatus.SENT  # still being tried

    # Five days later the relay gives up, on a problem that may pass (4.4.1): that email
    # was not delivered, but the address is kept.
    _deliver(maildir, "postfix_expired.eml", recipient=SLOW, reference=references[SLOW])
    assert _read(maildir) == _summary(read=1, temporary=1)
    assert _delivery_status(bulletin, SLOW) == DeliveryStatus.FAILED
    assert Subscriber.objects.get(email=SLOW).status == SubscriberStatus.CONFIRMED
    assert not Suppression.objects.filter(email=SLOW).exists()
    bulletin.refresh_from_db()
    assert bulletin.delivered == 2
    assert not AuditEvent.objects.filter(event="comms.subscriber.bounce").exists()


def test_an_out_of_office_reply_and_other_people_s_bounces_are_not_ours(sent, maildir):
    bulletin, references = sent
    _deliver(maildir, "out_of_office.eml", recipient=KEPT, reference=None)
    _deliver(maildir, "not_ours.eml", recipient="someone@elsewhere.example", reference=None)
    # A bounce naming one of our emails for an address it did not go to (mistaken, or
    # forged to stop someone's mail) stops nobody.
    _deliver(
        maildir, "not_ours.eml", recipient="someone@elsewhere.example", reference=references[KEPT]
    )

    assert _read(maildir) == _summary(read=3, not_ours=3)
    assert set(
        BulletinDelivery.objects.filter(bulletin=bulletin).values_list("status", flat=True)
    ) == {DeliveryStatus.SENT}
    assert not Suppression.objects.exists()
    # Read and set aside: the next run does not read them again.
    assert _read(maildir) == _summary()


def test_a_dry_run_says_what_would_change_and_changes_nothing(sent, maildir):
    bulletin, references = sent
    key = _deliver(maildir, "postfix_permanent.eml", recipient=GONE, reference=references[GONE])

    assert _read(maildir, "--dry-run") == _summary(read=1, bounced=1, dry_run=True)
    assert _delivery_status(bulletin, GONE) == DeliveryStatus.SENT
    assert Subscriber.objects.get(email=GONE).status == SubscriberStatus.CONFIRMED
    assert not AuditEvent.objects.filter(event="comms.subscriber.bounce").exists()
    assert "S" not in mailbox.Maildir(maildir, create=False).get_message(key).get_flags()

    out = StringIO()
    call_command("read-bounces", "--maildir", str(maildir), stdout=out)
    assert "1 read, 1 bounced" in out.getvalue()


def test_a_folder_that_is_not_a_maildir_is_refused_with_the_reason(tmp_path):
    out = StringIO()
    with pytest.raises(CommandError, match="is not a Maildir: it needs the folders new, cur"):
        call_command("read-bounces", "--maildir", str(tmp_path), "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["read"] == 0
    assert summary["errors"][0]["message"] is None


def test_imap_without_a_mailbox_set_says_which_settings_it_needs():
    with pytest.raises(CommandError, match="set BOUNCE_IMAP_HOST, BOUNCE_IMAP_USER"):
        call_command("read-bounces", "--imap")


def test_the_schedule_reads_the_bounce_maildir_when_one_is_set(sent, maildir, settings):
    bulletin, references = sent
    _deliver(maildir, "postfix_permanent.eml", recipient=GONE, reference=references[GONE])

    # No mailbox set: the job does nothing.
    [(_job, done, error)] = run_due_jobs(only="comms.bounces.read")
    assert (done, error) == (0, None)
    assert _delivery_status(bulletin, GONE) == DeliveryStatus.SENT

    settings.BOUNCE_MAILDIR = str(maildir)
    [(_job, done, error)] = run_due_jobs(only="comms.bounces.read")
    assert (done, error) == (1, None)
    assert Subscriber.objects.get(email=GONE).status == SubscriberStatus.BOUNCED
    assert AuditEvent.objects.get(event="comms.subscriber.bounce").actor_label == (
        "system: comms.bounces.read"
    )
    [(_job, done, error)] = run_due_jobs(only="comms.bounces.read")
    assert (done, error) == (0, None)
