"""What the comms app makes searchable (registered in ``capabilities.py``, ADR 0026): the
bulletin editions that were sent, as their public web version shows them — the title, the
introduction and every block's heading, text and items — with the themes the business unit
gave the edition. A draft, scheduled or sending edition is not indexed: nobody outside the
business unit may read it, and its public page does not exist yet. The row is written when
the edition is marked sent (the send saves it), so the archive and search agree."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from safeguarding.comms.models import Bulletin, BulletinBlock, BulletinStatus
from safeguarding.core.searching import Document, Kind


def _body(bulletin: Bulletin) -> str:
    parts = [bulletin.introduction]
    for block in bulletin.blocks.all():
        parts += [block.heading, block.body]
        for item in block.items or []:
            if isinstance(item, dict):
                parts += [str(item.get("title", "")), str(item.get("summary", ""))]
    return "\n".join(part for part in parts if part)


def bulletin_documents(records):
    for bulletin in records:
        if bulletin.status != BulletinStatus.SENT or bulletin.sent_at is None:
            continue
        yield Document(
            object_id=bulletin.pk,
            title=bulletin.title,
            body=_body(bulletin),
            url=reverse("comms:bulletin-detail", args=[bulletin.pk]),
            date=timezone.localdate(bulletin.sent_at),
            theme_ids=tuple(t.pk for t in bulletin.themes.all()),
            partnership_id=bulletin.partnership_id,
            public=True,
            detail=f"Bulletin sent {timezone.localdate(bulletin.sent_at):%-d %B %Y}",
        )


BULLETINS = Kind(
    key="comms.bulletin",
    label="Bulletin",
    plural="Bulletins",
    model=Bulletin,
    records=lambda: Bulletin.objects.prefetch_related("themes", "blocks"),
    documents=bulletin_documents,
    depends_on=((BulletinBlock, "bulletin_id"),),
)
