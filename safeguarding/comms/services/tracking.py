"""Counting opens and clicks without storing who."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from safeguarding.comms import tokens
from safeguarding.comms.models import Bulletin, BulletinLink, BulletinOpen


def bulletin_open_record(*, token: str) -> bool:
    """Count an open once per email copy; a forged token counts nothing."""
    found = tokens.open_read(token)
    if found is None:
        return False
    bulletin_pk, nonce = found
    if not Bulletin.objects.filter(pk=bulletin_pk, track_opens=True).exists():
        return False
    try:
        with transaction.atomic():
            BulletinOpen.objects.create(
                bulletin_id=bulletin_pk, nonce=nonce[:32], opened_on=timezone.localdate()
            )
            Bulletin.objects.filter(pk=bulletin_pk).update(unique_opens=F("unique_opens") + 1)
    except IntegrityError:
        return False
    return True


def bulletin_link_follow(*, token: str) -> str | None:
    """The address to redirect to: only a link of that edition, and the click counted.
    None for anything else, so the redirect can never be pointed elsewhere."""
    found = tokens.link_read(token)
    if found is None:
        return None
    bulletin_pk, link_pk = found
    link = BulletinLink.objects.filter(pk=link_pk, bulletin_id=bulletin_pk).first()
    if link is None:
        return None
    BulletinLink.objects.filter(pk=link.pk).update(clicks=F("clicks") + 1)
    return link.url
