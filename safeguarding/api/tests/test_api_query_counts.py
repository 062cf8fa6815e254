"""/api/v1/partnerships/ makes the same number of queries whatever the number of partnerships."""

import pytest

from safeguarding.accounts.models import Partnership
from safeguarding.accounts.tests.factories import LocalityFactory, PartnershipFactory
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_partnerships_list_makes_the_same_queries_for_few_or_many(
    client, make_user, count_queries
):
    client.force_login(make_user(Role.PRACTITIONER))
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
    assert client.get(url).status_code == 200
    few = count_queries(lambda: client.get(url))
    listed += add(20)
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == Partnership.objects.count()
    assert set(listed) <= {row["slug"] for row in response.json()["results"]}
    assert count_queries(lambda: client.get(url)) == few
