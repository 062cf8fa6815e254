"""factory_boy factories for performance records. Fictional figures only."""

import factory

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.performance.models import Area, AreaKind, Indicator, IndicatorValue
from safeguarding.performance.periods import financial_year
from safeguarding.performance.services.reference import period_for


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["slug"]

    kind = AreaKind.LOCAL_AUTHORITY
    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda a: a.name.lower().replace(" ", "-"))


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    key = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "count"
    period_type = "financial_year"
    source = "Testshire County Council"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def fy(start_year: int):
    """The stored financial year period starting in April of ``start_year``."""
    return period_for(financial_year(start_year))


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    area = factory.SubFactory(AreaFactory)
    period = factory.LazyFunction(lambda: fy(2022))
    value = 100
    origin = "entry"
