"""/api/v1/partnerships/ makes the same number of queries whatever the number of partnerships."""

import pytest

from safeguarding.accounts.models import Partnership
from safeguarding.accounts.tests.factories import LocalityFactory, PartnershipFactory
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_partnerships_list_makes_the_same_queries_for_few_or_many(signed_in, flat_queries):
    client = signed_in(Role.PRACTITIONER)
    url = "/api/v1/partnerships/"

    def add(n):
        made = []
        for _ in range(n):
            partnership = PartnershipFactory()
            LocalityFactory(partnership=partnership, name="North")
            LocalityFactory(partnership=partnership, name="South")
            made.append(partnership.slug)
        return made

    listed = add(2)
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(add(20)))
    assert response.json()["count"] == Partnership.objects.count()
    assert set(listed) <= {row["slug"] for row in response.json()["results"]}
