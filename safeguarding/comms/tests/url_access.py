"""URL arguments for the core URL sweep (safeguarding/core/tests/test_url_access.py)."""

from __future__ import annotations

from safeguarding.comms import tokens
from safeguarding.comms.tests.factories import (
    BulletinFactory,
    SubscriberFactory,
    TextBlockFactory,
    sent_bulletin,
)


def draft_bulletin(partnership, user) -> dict:
    return {"pk": BulletinFactory(partnership=partnership).pk}


def block(partnership, user) -> dict:
    found = TextBlockFactory(bulletin=BulletinFactory(partnership=partnership))
    return {"pk": found.bulletin_id, "block_pk": found.pk}


def published_bulletin(partnership, user) -> dict:
    return {"pk": sent_bulletin(partnership).pk}


def confirm_link(partnership, user) -> dict:
    subscriber = SubscriberFactory(partnership=partnership, status="pending")
    return {"token": tokens.confirm_token(subscriber)}


def subscriber_link(partnership, user) -> dict:
    return {"token": tokens.preferences_token(SubscriberFactory(partnership=partnership))}


def open_link(partnership, user) -> dict:
    return {"token": tokens.open_token(sent_bulletin(partnership).pk, "abc123")}


def click_link(partnership, user) -> dict:
    from safeguarding.comms.models import BulletinLink

    link = BulletinLink.objects.create(
        bulletin=sent_bulletin(partnership), url="https://procedures.example/"
    )
    return {"token": tokens.link_token(link)}
