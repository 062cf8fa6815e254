"""factory_boy factories for people, partnerships and agencies. Fictional data only."""

import factory

from safeguarding.accounts.models import (
    Agency,
    AgencyMembership,
    Locality,
    Partnership,
    RoleAssignment,
    User,
)

TEST_PASSWORD = "correct horse battery staple"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Testshire Safeguarding Partnership {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")
    area = "Testshire"
    contact_line = "Concerned about a child or young person? Call 0300 000 0000"
    brand_colour = "#1d70b8"


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Quadrant {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Agency {n}")
    type = "voluntary"
    sector = "voluntary"

    @factory.post_generation
    def partnerships(self, create, extracted, **kwargs):
        if not create:
            return
        self.partnerships.set(extracted or [PartnershipFactory()])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def user_with_role(
    role: str, partnership: Partnership | None = None, agency: Agency | None = None, **user_fields
) -> User:
    """A person holding one role in a partnership (and belonging to the agency, if given)."""
    partnership = partnership or PartnershipFactory()
    user = UserFactory(**user_fields)
    if agency is not None:
        AgencyMembership.objects.create(user=user, agency=agency)
    RoleAssignment.objects.create(user=user, partnership=partnership, role=role, agency=agency)
    return user
