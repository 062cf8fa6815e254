"""The assurance home page lists the open campaigns with their return rates in a number of
queries that does not grow with the campaigns (issue 20: every list page's query count is
flat)."""

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.tests.factories import campaign, small_template
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_assurance_home_query_count_does_not_grow(
    client, make_user, partnership, count_queries
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    url = reverse("assurance:index")
    version = small_template()
    AgencyFactory(partnerships=[partnership])  # an organisation for the campaigns to ask
    campaign(partnership=partnership, version=version, title="Campaign 0")
    assert client.get(url).status_code == 200
    few = count_queries(lambda: client.get(url))
    for n in range(1, 5):  # the page shows up to five open campaigns
        campaign(partnership=partnership, version=version, title=f"Campaign {n}")
    response = client.get(url)
    assert response.status_code == 200
    assert all(f"Campaign {n}" in response.text for n in range(5))
    assert count_queries(lambda: client.get(url)) == few
