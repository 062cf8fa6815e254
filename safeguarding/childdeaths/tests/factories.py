"""Fictional child deaths for the tests: references only, never a name."""

from __future__ import annotations

import datetime

import factory

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, UserFactory
from safeguarding.childdeaths.models import AgencyReport, ChildDeath, age_band_for


class ChildDeathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildDeath
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"CD-T-{n:04d}")
    age_at_death_days = 200
    age_band = factory.LazyAttribute(lambda o: age_band_for(o.age_at_death_days))
    sex = "female"
    ethnicity = "white"
    place = "hospital"
    died_on = datetime.date(2025, 3, 3)
    notified_on = datetime.date(2025, 3, 4)
    expected = False
    notifying_agency = factory.SubFactory(AgencyFactory)
    recorded_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if create:
            self.partnerships.set(extracted or [PartnershipFactory()])


class AgencyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyReport

    child_death = factory.SubFactory(ChildDeathFactory)
    agency = factory.SubFactory(AgencyFactory)
    requested_on = datetime.date(2025, 3, 5)
    due_on = datetime.date(2025, 4, 2)
