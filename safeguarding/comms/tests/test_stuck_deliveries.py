"""A send left "being sent" by a worker that stopped: never retried by itself (nobody is mailed
twice), but shown — on the edition's page, its figures and the edition list — once it has been
stuck longer than ``STUCK_AFTER``, and the business unit decides, after a confirmation that
explains the risk of a duplicate, to mark those emails not sent or to send them again; both
are audited.

The crash is real: the email service stops the worker in the middle of a batch (an exception
the sending loop does not catch, as a killed process would leave it), on the same task and
scheduled job that send every edition."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone

from safeguarding.comms.models import (
    STUCK_AFTER,
    BulletinStatus,
    DeliveryStatus,
)
from safeguarding.comms.services import bulletins as services
from safeguarding.comms.services.sending import bulletins_due
from safeguarding.comms.tests.factories import SubscriberFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs

pytestmark = pytest.mark.django_db


class WorkerStopped(BaseException):
    """What the sending loop sees when its process is killed: not an ``Exception``, so it is
    not counted as one failed address."""


class StopsAfterTwo(EmailBackend):
    """The local mail outbox, whose worker stops while handing over the third email."""

    sent = 0

    def send_messages(self, messages):
        if StopsAfterTwo.sent >= 2:
            raise WorkerStopped
        StopsAfterTwo.sent += len(messages)
        return super().send_messages(messages)


@pytest.fixture
def crashed(partnership, signed_in, settings, django_capture_on_commit_callbacks):
    """An edition to five people whose worker stopped after two emails left; the schedule
    then finished it (it resumes only emails still waiting)."""
    client = signed_in(Role.BUSINESS_UNIT)
    for n in range(5):
        SubscriberFactory(partnership=partnership, email=f"person-{n}@agency.example")
    bulletin = services.bulletin_create(
        actor=client.user, partnership=partnership, title="Safeguarding bulletin – March"
    )
    services.bulletin_block_add_text(
        actor=client.user, bulletin=bulletin, heading="News", body="Something new."
    )
    StopsAfterTwo.sent = 0
    settings.EMAIL_BACKEND = f"{__name__}.StopsAfterTwo"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("comms:bulletin-transition", args=[bulletin.pk]), {"step": "send"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2  # two left before the worker stopped
    assert set(bulletin.deliveries.values_list("status", flat=True)) == {DeliveryStatus.CLAIMED}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run_due_jobs(only="comms.bulletins.send-due")  # resumes: nothing is waiting, so it ends
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.SENT
    assert (bulletin.recipients, bulletin.delivered) == (5, 0)
    assert len(mail.outbox) == 2  # nobody was mailed again by itself
    return client, bulletin


def _later():
    return time_machine.travel(timezone.now() + STUCK_AFTER + timedelta(minutes=1), tick=False)


def test_emails_stuck_a_short_while_are_not_flagged(crashed):
    """A worker may still be sending: nothing is said or offered before the threshold."""
    client, bulletin = crashed
    page = client.get(reverse("comms:bulletin-manage", args=[bulletin.pk])).content.decode()
    assert "stuck being sent" not in page
    response = client.post(
        reverse("comms:bulletin-stuck", args=[bulletin.pk]), {"outcome": "send_again"}
    )
    assert response.status_code == 400
    assert "No email of this bulletin is stuck being sent now" in response.content.decode()
    assert set(bulletin.deliveries.values_list("status", flat=True)) == {DeliveryStatus.CLAIMED}


def test_stuck_emails_are_shown_on_the_edition_its_figures_and_the_list(crashed):
    client, bulletin = crashed
    with _later():
        manage = client.get(reverse("comms:bulletin-manage", args=[bulletin.pk])).content.decode()
        figures = client.get(
            reverse("comms:bulletin-edition-stats", args=[bulletin.pk])
        ).content.decode()
        listing = client.get(reverse("comms:bulletin-list")).content.decode()
    assert "5 emails are stuck being sent" in manage
    assert reverse("comms:bulletin-stuck", args=[bulletin.pk]) in manage
    assert "5 emails are stuck being sent" in figures
    assert 'id="edition-stuck">5<' in figures
    assert "5 emails stuck being sent" in listing


def test_the_confirmation_explains_the_risk_of_a_duplicate(crashed):
    client, bulletin = crashed
    with _later():
        page = client.get(reverse("comms:bulletin-stuck", args=[bulletin.pk])).content.decode()
        refused = client.post(reverse("comms:bulletin-stuck", args=[bulletin.pk]), {})
    assert "5 emails stuck being sent" in page
    assert "will get this edition twice" in page
    assert "will not get this edition" in page
    assert refused.status_code == 400
    assert "Choose whether to mark the emails not sent or to send them again." in (
        refused.content.decode()
    )
    assert not AuditEvent.objects.filter(event__startswith="comms.bulletin.stuck").exists()


def test_marking_them_not_sent_sends_nothing_and_is_audited(crashed):
    client, bulletin = crashed
    with _later():
        response = client.post(
            reverse("comms:bulletin-stuck", args=[bulletin.pk]), {"outcome": "not_sent"}
        )
        assert response.status_code == 302
        figures = client.get(
            reverse("comms:bulletin-edition-stats", args=[bulletin.pk])
        ).content.decode()
        listing = client.get(reverse("comms:bulletin-list")).content.decode()
    assert len(mail.outbox) == 2
    assert set(bulletin.deliveries.values_list("status", flat=True)) == {DeliveryStatus.NOT_SENT}
    assert 'id="edition-stuck">0<' in figures and 'id="edition-not-sent">5<' in figures
    assert "stuck being sent" not in listing
    event = AuditEvent.objects.get(event="comms.bulletin.stuck_not_sent")
    assert event.actor == client.user and event.after["emails"] == 5
    # The schedule does not pick them up again.
    assert bulletin not in bulletins_due()


def test_sending_them_again_goes_through_the_worker_and_is_audited(
    crashed, django_capture_on_commit_callbacks
):
    client, bulletin = crashed
    with _later(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("comms:bulletin-stuck", args=[bulletin.pk]), {"outcome": "send_again"}
        )
    assert response.status_code == 302
    # All five, including the two whose email had left: the duplicate the page warned of.
    assert len(mail.outbox) == 7
    bulletin.refresh_from_db()
    assert (bulletin.status, bulletin.recipients, bulletin.delivered) == (
        BulletinStatus.SENT,
        5,
        5,
    )
    event = AuditEvent.objects.get(event="comms.bulletin.stuck_send_again")
    assert event.actor == client.user and event.after["emails"] == 5
    # Done: nothing is stuck, and doing it again is refused rather than mailing anyone.
    with _later():
        again = client.post(
            reverse("comms:bulletin-stuck", args=[bulletin.pk]), {"outcome": "send_again"}
        )
    assert again.status_code == 400 and len(mail.outbox) == 7


def test_emails_queued_again_are_sent_by_the_schedule_if_the_worker_missed_them(crashed):
    """Queued again but the task never ran (the worker was down): the scheduled job finds the
    sent edition with emails waiting and sends them."""
    client, bulletin = crashed
    with _later():
        response = client.post(
            reverse("comms:bulletin-stuck", args=[bulletin.pk]), {"outcome": "send_again"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 2  # the on-commit task did not run here
    assert bulletin in bulletins_due()
    run_due_jobs(only="comms.bulletins.send-due")
    assert len(mail.outbox) == 7
    assert set(bulletin.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}


@pytest.mark.parametrize("role", [Role.CHAIR, Role.SAFEGUARDING_PARTNER, Role.PRACTITIONER])
def test_only_the_business_unit_decides(crashed, client, make_user, role):
    _, bulletin = crashed
    client.force_login(make_user(role))
    with _later():
        response = client.post(
            reverse("comms:bulletin-stuck", args=[bulletin.pk]), {"outcome": "send_again"}
        )
    assert response.status_code in (403, 404)
    assert len(mail.outbox) == 2


def test_the_edition_list_flags_stuck_editions_in_a_constant_number_of_queries(
    crashed, count_queries
):
    from safeguarding.comms.models import BulletinDelivery
    from safeguarding.comms.tests.factories import sent_bulletin

    client, bulletin = crashed
    url = reverse("comms:bulletin-list")
    with _later():
        client.get(url)
        few = count_queries(lambda: client.get(url))
    for n in range(10):
        other = sent_bulletin(bulletin.partnership, title=f"Edition {n}")
        subscriber = SubscriberFactory(partnership=bulletin.partnership)
        BulletinDelivery.objects.create(
            bulletin=other,
            subscriber=subscriber,
            subscriber_key=subscriber.pk,
            claim="stopped",
            status=DeliveryStatus.CLAIMED,
        )
    with _later():
        assert count_queries(lambda: client.get(url)) == few
        page = client.get(url).content.decode()
    assert page.count("stuck being sent") == 11
