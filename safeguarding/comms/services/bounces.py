"""Bounces that arrive by mail (SMTP): each one recorded as GOV.UK Notify's receipts are.

A bounce message is read (``bounce_mail.bounce_read``) and matched to the bulletin email it
returns: by the ``X-Delivery-Reference`` the email carried, when the bounce returns it and it
names a delivery to the address that failed; otherwise by the address, to the latest bulletin
email handed over for it. The outcome is then recorded by the one receipts service
(``receipts.delivery_receipt_record``): a permanent failure marks the delivery bounced, stops
mail to the subscriber and suppresses the address; a final temporary failure (``4.x.x``)
marks that one email failed. A delay warning (the mail server is still trying) changes
nothing. A message read again changes nothing (ADR 0039).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from safeguarding.comms.bounce_mail import (
    DELAYED,
    PERMANENT,
    Incoming,
    bounce_read,
)
from safeguarding.comms.models import BulletinDelivery, DeliveryStatus
from safeguarding.comms.services.receipts import delivery_receipt_record
from safeguarding.comms.services.sending import REFERENCE_PREFIX, delivery_reference

JOB = "read-bounces"

# Bulletin emails that reached the mail server: only these can bounce.
HANDED_OVER = (DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.BOUNCED)


@dataclass
class BounceSummary:
    read: int = 0  # messages read
    bounced: int = 0  # addresses that failed for good: subscriber stopped, address suppressed
    temporary: int = 0  # a final temporary failure (that email failed) or a delay warning
    not_ours: int = 0  # messages that are not a bounce of a bulletin email
    unchanged: int = 0  # bounces already recorded (the same bounce read again)
    errors: list[dict] = field(default_factory=list)  # {"message": name, "reason": ...}
    dry_run: bool = False

    def count(self, outcomes: list[str]) -> None:
        """Add one message's outcomes; a message with none is not a bounce of ours."""
        self.not_ours += not outcomes
        self.bounced += outcomes.count("bounced")
        self.temporary += outcomes.count("temporary")
        self.unchanged += outcomes.count("unchanged")

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "bounced": self.bounced,
            "temporary": self.temporary,
            "not_ours": self.not_ours,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "dry_run": self.dry_run,
        }


def bounces_read(
    messages: Iterable[Incoming], *, dry_run: bool = False, job: str = JOB
) -> BounceSummary:
    """Record every message's bounces, each message in one transaction, and mark it read
    once its outcome is saved. A message that cannot be recorded is left unread (it is read
    again next time) and named in ``errors``. A dry run records nothing and marks nothing."""
    summary = BounceSummary(dry_run=dry_run)
    for incoming in messages:
        summary.read += 1
        try:
            with transaction.atomic():
                outcomes = bounce_message_record(incoming.message, job=job)
                if dry_run:
                    transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - one message must not stop the others
            summary.errors.append({"message": incoming.name, "reason": _reason(error)})
            continue
        summary.count(outcomes)
        if not dry_run:
            incoming.mark_read()
    return summary


def bounce_message_record(message, *, job: str = JOB) -> list[str]:
    """Record one message's bounces; return an outcome per bulletin email it bounces
    (``bounced``, ``temporary`` or ``unchanged``), none when it is not a bounce of ours."""
    bounce = bounce_read(message)
    by_reference = _deliveries_by_reference(bounce.references)
    outcomes: list[str] = []
    for failure in bounce.failures:
        delivery_pk = by_reference.get(failure.address) or _latest_delivery_to(failure.address)
        if delivery_pk is None:
            continue  # an address we never sent a bulletin to
        if failure.kind == DELAYED:
            outcomes.append("temporary")  # still being tried: nothing to record yet
            continue
        status = "permanent-failure" if failure.kind == PERMANENT else "temporary-failure"
        recorded = delivery_receipt_record(
            reference=delivery_reference(delivery_pk), status=status, job=job
        )
        if recorded != "recorded":
            outcomes.append("unchanged")
        else:
            outcomes.append("bounced" if failure.kind == PERMANENT else "temporary")
    return outcomes


def _deliveries_by_reference(references: set[str]) -> dict[str, int]:
    """{address: delivery id} for the returned references. A reference counts only for the
    address its delivery went to, so a forged or mistaken one cannot stop someone else."""
    ids = [int(ref.removeprefix(REFERENCE_PREFIX)) for ref in references]
    rows = BulletinDelivery.objects.filter(pk__in=ids, status__in=HANDED_OVER).values_list(
        "subscriber__email", "pk"
    )
    return {email.lower(): pk for email, pk in rows if email}


def _latest_delivery_to(address: str) -> int | None:
    return (
        BulletinDelivery.objects.filter(subscriber__email=address, status__in=HANDED_OVER)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
