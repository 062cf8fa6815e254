"""The business unit's list of arrangements versions makes the same number of queries
whatever the number of versions (issue 20: every list page's query count is flat)."""

import datetime

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.roles import Role
from safeguarding.reports.models import Arrangements

pytestmark = pytest.mark.django_db


def test_the_arrangements_list_query_count_does_not_grow(signed_in, partnership, flat_queries):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("reports:arrangements-manage")

    def versions(numbers):
        for number in numbers:
            Arrangements.objects.create(
                partnership=partnership,
                number=number,
                created_by=client.user,
                published_on=datetime.date(2020 + number, 4, 1),
            )

    versions([1])
    response = flat_queries(lambda: client.get(url), lambda: versions(range(2, 7)))
    assert all(f"Version {n}<" in response.text for n in range(1, 7))


def test_the_public_arrangements_query_count_does_not_grow(client, partnership, flat_queries):
    """The public page shows each partnership's current version, in the same number of queries
    for one partnership as for six, each with several versions."""
    url = reverse("reports:arrangements-public")

    def published(place, numbers):
        for number in numbers:
            Arrangements.objects.create(
                partnership=place,
                number=number,
                narrative=f"How {place.name} works together, version {number}.",
                published_on=datetime.date(2020 + number, 4, 1),
            )

    others = []

    def more_partnerships():
        published(partnership, [2])
        others.extend(PartnershipFactory(name=f"Shire {n}") for n in range(5))
        for place in others:
            published(place, [1, 2, 3])

    published(partnership, [1])
    response = flat_queries(lambda: client.get(url), more_partnerships)
    for place in others:
        assert f"How {place.name} works together, version 3." in response.text
        assert f"How {place.name} works together, version 2." not in response.text
