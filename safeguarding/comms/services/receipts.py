"""GOV.UK Notify's delivery receipts: whether each bulletin email reached its address.

Every bulletin email carries a reference naming its delivery row (``bulletin-delivery-<id>``);
Notify posts a receipt for it to the receipts address once it knows the outcome. A
*permanent failure* (the address does not exist or refuses mail) marks the delivery bounced,
stops mail to the subscriber and suppresses the address, so no import re-subscribes it; a
*temporary* or *technical* failure marks that one email failed and keeps the subscriber. Each
receipt changes the edition's "delivered" figure. A receipt can come more than once (Notify
retries): recording one again changes nothing.
"""

from __future__ import annotations

import re

from django.db import transaction

from safeguarding.comms.models import BulletinDelivery, DeliveryStatus, SubscriberStatus
from safeguarding.comms.services.sending import REFERENCE_PREFIX, bulletin_refresh_figures
from safeguarding.comms.services.subscribers import subscriber_bounce
from safeguarding.core import data_version

JOB = "delivery receipts"

_REFERENCE = re.compile(rf"^{REFERENCE_PREFIX}(\d{{1,18}})$")

# Notify's email statuses (its "Callbacks" documentation) and what each makes of a delivery.
OUTCOMES = {
    "permanent-failure": DeliveryStatus.BOUNCED,
    "temporary-failure": DeliveryStatus.FAILED,
    "technical-failure": DeliveryStatus.FAILED,
}
FINAL_STATUSES = {"delivered", *OUTCOMES}


@transaction.atomic
def delivery_receipt_record(*, reference: str, status: str, job: str = JOB) -> str:
    """Record one receipt; return what it did: ``recorded``, ``unchanged`` (delivered, or
    already recorded) or ``unknown`` (not one of our bulletin emails). ``job`` names what
    reported it in the audit log: Notify's receipts, or the bounces read from the sending
    mailbox (``services.bounces``)."""
    matched = _REFERENCE.match(reference or "")
    if matched is None or status not in FINAL_STATUSES:
        return "unknown"
    delivery = (
        BulletinDelivery.objects.select_for_update(of=("self",))
        .select_related("subscriber")
        .filter(pk=int(matched.group(1)))
        .first()
    )
    if delivery is None:
        return "unknown"
    outcome = OUTCOMES.get(status)
    if outcome is None or delivery.status != DeliveryStatus.SENT:
        # Delivered changes nothing; a bounce already recorded is not recorded twice, and a
        # row never handed over (skipped, waiting) cannot have a receipt of ours.
        return "unchanged"
    delivery.status = outcome
    delivery.save(update_fields=["status", "updated_at"])
    bulletin_refresh_figures(delivery.bulletin)
    # The bulletin's figures are written with QuerySet.update(), which sends no signal, and
    # the receipt's page leaves the data version alone for the many receipts that change
    # nothing: kept dashboard panels are out of date from the commit (ADR 0038).
    data_version.changed_after_commit()
    subscriber = delivery.subscriber
    if (
        outcome == DeliveryStatus.BOUNCED
        and subscriber is not None
        and subscriber.status == SubscriberStatus.CONFIRMED
    ):
        subscriber_bounce(subscriber=subscriber, bulletin_pk=delivery.bulletin_id, job=job)
    return "recorded"
