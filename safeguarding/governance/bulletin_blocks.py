"""What governance offers a bulletin edition: key messages published since the last one."""

from __future__ import annotations

import datetime

from django.urls import reverse

from safeguarding.core.bulletin_blocks import BlockItem
from safeguarding.governance.models import KeyMessage


def key_messages_published_since(partnership, since: datetime.date) -> list[BlockItem]:
    messages = (
        KeyMessage.objects.published()
        .filter(partnership=partnership, published_at__date__gte=since)
        .order_by("-meeting_date", "position", "pk")
        .only("pk", "title", "meeting_title")[:20]
    )
    return [
        BlockItem(
            title=m.title,
            url=reverse("governance:key-message-detail", args=[m.pk]),
            summary=m.meeting_title,
        )
        for m in messages
    ]
