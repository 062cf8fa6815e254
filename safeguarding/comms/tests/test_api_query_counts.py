"""/api/v1/bulletins/ makes the same number of queries whatever the number of sent bulletins."""

import pytest

from safeguarding.comms.tests.factories import sent_bulletin
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_bulletins_list_makes_the_same_queries_for_few_or_many(
    signed_in, partnership, flat_queries
):
    client = signed_in(Role.BUSINESS_UNIT)
    url = "/api/v1/bulletins/"

    def send(n):
        return [sent_bulletin(partnership).pk for _ in range(n)]

    listed = send(2)
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(send(20)))
    assert {row["id"] for row in response.json()["results"]} == set(listed)
