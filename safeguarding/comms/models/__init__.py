"""Subscribers, bulletins and the partnership's public contact numbers."""

from safeguarding.comms.models.bulletins import (
    STUCK_AFTER,
    BlockKind,
    Bulletin,
    BulletinBlock,
    BulletinDelivery,
    BulletinLink,
    BulletinOpen,
    BulletinStatus,
    DeliveryStatus,
)
from safeguarding.comms.models.settings import CommsSettings
from safeguarding.comms.models.subscribers import (
    Audience,
    ConsentSource,
    Subscriber,
    SubscriberStatus,
    Suppression,
    SuppressionReason,
)

__all__ = [
    "STUCK_AFTER",
    "Audience",
    "BlockKind",
    "Bulletin",
    "BulletinBlock",
    "BulletinDelivery",
    "BulletinLink",
    "BulletinOpen",
    "BulletinStatus",
    "CommsSettings",
    "ConsentSource",
    "DeliveryStatus",
    "Subscriber",
    "SubscriberStatus",
    "Suppression",
    "SuppressionReason",
]
