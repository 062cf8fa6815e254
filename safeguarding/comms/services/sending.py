"""Sending an edition on the worker: in batches, resumable, never twice to anyone.

When sending starts, every recipient gets a ``BulletinDelivery`` row waiting to be sent
(unique per edition and subscriber): that fixes who the edition goes to. Each batch then
*claims* waiting rows, sends, and marks them delivered. A run that stops half-way (a
restart, a crash) is simply run again: only rows still waiting are sent, so nobody gets a
second copy. Someone who unsubscribes before their turn is skipped. A row left "being
sent" by a crash is not retried — we cannot know whether that one email left — and counts
as not delivered. Once it has been "being sent" for longer than ``STUCK_AFTER`` the edition's
pages say so, and the business unit decides (:func:`bulletin_stuck_resolve`): mark those
emails not sent, or send them again knowing some people may get a second copy.
"""

from __future__ import annotations

import logging
import secrets

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_tasks import task

from safeguarding.comms import audit_events, tokens
from safeguarding.comms.models import (
    STUCK_AFTER,
    Bulletin,
    BulletinDelivery,
    BulletinStatus,
    DeliveryStatus,
    Subscriber,
    SubscriberStatus,
)
from safeguarding.comms.rendering import build_message, email_template
from safeguarding.comms.workflow import BULLETINS
from safeguarding.core.audit import audit_record
from safeguarding.core.email import send_email_task

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
JOB = "bulletin sending"

REFERENCE_PREFIX = "bulletin-delivery-"


def delivery_reference(delivery_pk: int) -> str:
    """The reference a bulletin email carries, handed back in delivery receipts
    (services/receipts.py)."""
    return f"{REFERENCE_PREFIX}{delivery_pk}"


def bulletin_fix_recipients(*, bulletin: Bulletin) -> int:
    """Give every recipient of the edition a row waiting to be sent: who it goes to is fixed
    from here on (someone who subscribes later does not get it). Runs in the transaction
    that starts the sending; returns how many it goes to."""
    recipients = Subscriber.objects.recipients_of(bulletin).values_list("pk", flat=True)
    BulletinDelivery.objects.bulk_create(
        [
            BulletinDelivery(
                bulletin=bulletin,
                subscriber_id=pk,
                subscriber_key=pk,
                claim="",
                status=DeliveryStatus.QUEUED,
            )
            for pk in recipients.iterator()
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    count = BulletinDelivery.objects.filter(bulletin=bulletin).count()
    Bulletin.objects.filter(pk=bulletin.pk).update(recipients=count)
    return count


def _waiting(bulletin: Bulletin):
    return BulletinDelivery.objects.filter(bulletin=bulletin, status=DeliveryStatus.QUEUED)


def bulletin_send_batch(*, bulletin: Bulletin, template=None, batch_size: int = BATCH_SIZE) -> int:
    """Claim and send one batch of the recipients fixed when sending started; return how
    many were claimed (0: none left)."""
    claim = secrets.token_hex(8)
    batch = list(_waiting(bulletin).order_by("pk").values_list("pk", flat=True)[:batch_size])
    if not batch:
        return 0
    # Only rows still waiting are claimed: another worker that took one first keeps it.
    BulletinDelivery.objects.filter(pk__in=batch, status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.CLAIMED, claim=claim, updated_at=timezone.now()
    )
    mine = list(
        BulletinDelivery.objects.filter(bulletin=bulletin, claim=claim).values_list(
            "pk", "subscriber_key", "subscriber__email", "subscriber__status"
        )
    )
    template = template or email_template(bulletin)
    sent, failed, skipped = [], [], []
    with get_connection() as connection:
        for delivery_pk, subscriber_pk, email, status in mine:
            if status != SubscriberStatus.CONFIRMED:  # unsubscribed (or gone) since it started
                skipped.append(delivery_pk)
                continue
            token = tokens.preferences_token(_Key(subscriber_pk))
            message = build_message(
                template,
                to=email,
                subscriber_pk=subscriber_pk,
                token=token,
                connection=connection,
                reference=delivery_reference(delivery_pk),
            )
            try:
                message.send()
            except Exception:  # noqa: BLE001 - one refused address must not stop the edition
                logger.exception("Bulletin %s to subscriber %s failed", bulletin.pk, subscriber_pk)
                failed.append(delivery_pk)
            else:
                sent.append(delivery_pk)
    # Only rows this batch still holds: a row the business unit has since marked not sent or
    # queued again (it looked stuck) keeps what they chose.
    mine_still = BulletinDelivery.objects.filter(claim=claim, status=DeliveryStatus.CLAIMED)
    mine_still.filter(pk__in=sent).update(status=DeliveryStatus.SENT)
    mine_still.filter(pk__in=failed).update(status=DeliveryStatus.FAILED)
    mine_still.filter(pk__in=skipped).update(status=DeliveryStatus.SKIPPED)
    bulletin_refresh_figures(bulletin)
    return len(batch)


class _Key:
    """Just enough of a subscriber for its signed link (its id)."""

    def __init__(self, pk: int) -> None:
        self.pk = pk


def bulletin_refresh_figures(bulletin: Bulletin) -> None:
    """Count the edition's recipients and the emails delivered (handed over and not since
    reported failed or bounced)."""
    deliveries = BulletinDelivery.objects.filter(bulletin=bulletin)
    Bulletin.objects.filter(pk=bulletin.pk).update(
        recipients=deliveries.count(),
        delivered=deliveries.filter(status=DeliveryStatus.SENT).count(),
    )


def bulletin_send_all(*, bulletin_pk: int, batch_size: int = BATCH_SIZE) -> Bulletin | None:
    """Send every remaining batch of an edition that is sending, then mark it sent; or, for
    a sent edition, the emails the business unit chose to send again after a stopped send."""
    bulletin = Bulletin.objects.select_related("partnership").filter(pk=bulletin_pk).first()
    if bulletin is None or bulletin.status not in (BulletinStatus.SENDING, BulletinStatus.SENT):
        return bulletin
    template = email_template(bulletin)
    while bulletin_send_batch(bulletin=bulletin, template=template, batch_size=batch_size):
        pass
    return bulletin_finish(bulletin=bulletin)


@transaction.atomic
def bulletin_finish(*, bulletin: Bulletin) -> Bulletin:
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.status != BulletinStatus.SENDING:
        return bulletin
    if _waiting(bulletin).exists():
        return bulletin
    bulletin_refresh_figures(bulletin)
    bulletin.refresh_from_db()
    BULLETINS.apply(bulletin, "finish")
    bulletin.sent_at = timezone.now()
    bulletin.save(update_fields=["status", "sent_at", "updated_at"])
    audit_record(
        job=JOB,
        event=audit_events.BULLETIN_FINISH,
        target=bulletin,
        after={"recipients": bulletin.recipients, "delivered": bulletin.delivered},
    )
    return bulletin


def bulletins_due(now=None):
    """Editions whose scheduled time has come, editions left sending (a restart), and sent
    editions with emails queued to be sent again whose sending has not run yet."""
    now = now or timezone.now()
    queued_again = BulletinDelivery.objects.filter(
        bulletin=OuterRef("pk"), status=DeliveryStatus.QUEUED
    )
    return Bulletin.objects.filter(
        Q(status=BulletinStatus.SCHEDULED, scheduled_for__lte=now)
        | Q(status=BulletinStatus.SENDING)
        | (Q(status=BulletinStatus.SENT) & Exists(queued_again))
    ).order_by("pk")


def stuck_deliveries(bulletin: Bulletin, now=None):
    """The edition's emails left "being sent": claimed longer than ``STUCK_AFTER`` ago and
    never marked sent or failed, because the worker sending them stopped."""
    cutoff = (now or timezone.now()) - STUCK_AFTER
    return BulletinDelivery.objects.filter(
        bulletin=bulletin, status=DeliveryStatus.CLAIMED, updated_at__lt=cutoff
    )


STUCK_OUTCOMES = {
    "not_sent": "Mark them not sent",
    "send_again": "Send them again",
}


@transaction.atomic
def bulletin_stuck_resolve(*, actor, bulletin: Bulletin, outcome: str) -> int:
    """The business unit's decision about the edition's stuck emails: ``not_sent`` marks them
    not sent for good; ``send_again`` queues them to be sent again on the worker — someone
    whose email did leave before the worker stopped gets a second copy. Returns how many."""
    if outcome not in STUCK_OUTCOMES:
        raise ValidationError(
            {"outcome": "Choose whether to mark the emails not sent or to send them again."}
        )
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    pks = list(stuck_deliveries(bulletin).values_list("pk", flat=True))
    if not pks:
        raise ValidationError(
            {
                "outcome": "No email of this bulletin is stuck being sent now: sending may "
                "have finished, or someone has already dealt with them."
            }
        )
    rows = BulletinDelivery.objects.filter(pk__in=pks, status=DeliveryStatus.CLAIMED)
    if outcome == "not_sent":
        count = rows.update(status=DeliveryStatus.NOT_SENT, updated_at=timezone.now())
        event = audit_events.BULLETIN_STUCK_NOT_SENT
    else:
        count = rows.update(status=DeliveryStatus.QUEUED, claim="", updated_at=timezone.now())
        event = audit_events.BULLETIN_STUCK_SEND_AGAIN
        pk = bulletin.pk
        transaction.on_commit(lambda: _send_again(pk))
    bulletin_refresh_figures(bulletin)
    audit_record(
        actor=actor,
        event=event,
        target=bulletin,
        after={"emails": count, "stuck_after_minutes": int(STUCK_AFTER.total_seconds() // 60)},
    )
    return count


def _send_again(bulletin_pk: int) -> None:
    bulletin_send_task.enqueue(bulletin_pk=bulletin_pk)


def bulletin_send_test(*, actor, bulletin: Bulletin, email: str) -> None:
    """Email one copy to ``email``: links go straight to their pages and nothing is counted."""
    from django.core.validators import validate_email

    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": "Enter an email address in the correct format, like name@example.com"}
        ) from None
    if not bulletin.blocks.exists():
        raise ValidationError("Add at least one block before sending a test.")
    template = email_template(bulletin, tracked_links=False)
    with transaction.atomic():
        audit_record(
            actor=actor, event=audit_events.BULLETIN_SEND_TEST, target=bulletin, after={"to": email}
        )
        text, body, _ = template.for_subscriber(0, "test")
        subject = f"[Test] {template.subject}"
        transaction.on_commit(
            lambda: send_email_task.enqueue(to=[email], subject=subject, text=text, html=body)
        )


@task()
def bulletin_send_task(*, bulletin_pk: int) -> None:
    """Send an edition on the worker (queued by ``bulletin_send`` once its transaction
    commits). Defined beside what it runs, so services import no higher module."""
    bulletin_send_all(bulletin_pk=bulletin_pk)
