"""Factories for comms tests (fictional people and addresses only)."""

from __future__ import annotations

import factory
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.comms.models import (
    BlockKind,
    Bulletin,
    BulletinBlock,
    ConsentSource,
    Subscriber,
    SubscriberStatus,
)


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    partnership = factory.SubFactory(PartnershipFactory)
    email = factory.Sequence(lambda n: f"subscriber{n}@agency.example")
    first_name = "Sam"
    status = SubscriberStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_wording = "I agree to the partnership emailing me its bulletin."
    consent_source = ConsentSource.SIGN_UP


class BulletinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bulletin

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Safeguarding bulletin {n}")


class TextBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BulletinBlock

    bulletin = factory.SubFactory(BulletinFactory)
    kind = BlockKind.TEXT
    heading = "News from the partnership"
    body = "Read the [new bruising protocol](https://procedures.example/bruising)."


def sent_bulletin(partnership, **fields) -> Bulletin:
    defaults = {
        "status": "sent",
        "sent_at": timezone.now(),
        "recipients": 100,
        "delivered": 98,
        "unique_opens": 25,
    }
    defaults.update(fields)
    return BulletinFactory(partnership=partnership, **defaults)
