"""factory_boy factories for governance records. Fictional data only."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory, UserFactory
from safeguarding.core.markdown import render_markdown
from safeguarding.governance.models import Action, AgendaItem, Body, KeyMessage, Meeting, Membership
from safeguarding.governance.services.key_messages import title_key
from safeguarding.planning.models import BusinessPlan, Priority


class KeyMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyMessage
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    meeting_date = datetime.date(2024, 3, 12)
    meeting_title = "Executive meeting"
    title = factory.Sequence(lambda n: f"Key message {n}")
    title_key = factory.LazyAttribute(lambda o: title_key(o.title))
    body = "Partners agreed to **work together** on [neglect](https://example.org/neglect)."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
    status = "published"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class BusinessPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessPlan

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Business plan"
    starts_on = datetime.date(2022, 4, 1)
    ends_on = datetime.date(2027, 3, 31)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(BusinessPlanFactory)
    title = factory.Sequence(lambda n: f"Priority {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Body {n}")
    type = "executive"
    quorum_minimum = 2

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create:
            self.partnerships.set(extracted or [PartnershipFactory()])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(UserFactory)
    role = "member"
    starts_on = datetime.date(2020, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    location = "County Hall, Chelmsford"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    position = factory.Sequence(lambda n: n + 1)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
