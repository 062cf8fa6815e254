"""Factories for library tests: fictional records only."""

from __future__ import annotations

import datetime

import factory

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.library.models import (
    ActivityKind,
    ActivityParticipation,
    Campaign,
    Procedure,
    ProcedureVersion,
    Resource,
    ResourceKind,
    YouSaidWeDid,
    YouthVoiceActivity,
)
from safeguarding.library.services.resources import title_key


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Practice guide {n}")
    title_key = factory.LazyAttribute(lambda o: title_key(o.title))
    kind = ResourceKind.GUIDANCE
    audiences = factory.LazyFunction(lambda: ["practitioners"])
    link = "https://resources.example/guide"
    published_on = datetime.date(2024, 4, 1)


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Multi-agency protocol {n}")
    review_due_on = datetime.date(2026, 3, 31)

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create:
            self.partnerships.set(extracted or [PartnershipFactory()])


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureVersion

    procedure = factory.SubFactory(ProcedureFactory)
    version = factory.Sequence(lambda n: f"1.{n}")
    effective_on = datetime.date(2024, 1, 1)
    change_summary = "First published."


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Campaign {n}")
    starts_on = datetime.date(2024, 9, 1)
    ends_on = datetime.date(2024, 9, 30)


class YouSaidWeDidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouSaidWeDid

    partnership = factory.SubFactory(PartnershipFactory)
    you_said = "We want to know who to talk to when something online worries us."
    we_did = "Every school now shows the same poster with three people to talk to."
    said_on = datetime.date(2024, 5, 1)


class YouthVoiceActivityFactory(factory.django.DjangoModelFactory):
    """An activity with its numbers: counts only, never a child."""

    class Meta:
        model = YouthVoiceActivity
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Youth Voices session {n}")
    kind = ActivityKind.YOUTH_VOICES
    held_on = datetime.date(2024, 3, 14)

    @factory.post_generation
    def counts(self, create, extracted, **kwargs):
        if not create:
            return
        for (band, setting), n in (extracted or {("11_15", "secondary"): 12}).items():
            ActivityParticipation.objects.create(
                activity=self, age_band=band, setting=setting, count=n
            )
