"""/api/v1/child-deaths/ makes the same number of queries whatever the number of deaths, its
one logged event naming every death it showed."""

import pytest

from safeguarding.childdeaths.tests.factories import AgencyReportFactory, ChildDeathFactory
from safeguarding.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_child_deaths_list_makes_the_same_queries_for_few_or_many(
    client, member, partnership, agencies, flat_queries
):
    client.force_login(member)
    url = "/api/v1/child-deaths/"

    def record(n):
        made = []
        for _ in range(n):
            death = ChildDeathFactory(partnerships=[partnership])
            AgencyReportFactory(child_death=death, agency=agencies["health"])
            AgencyReportFactory(child_death=death, agency=agencies["police"])
            made.append(death.reference)
        return made

    listed = record(2)
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(record(20)))
    assert {row["reference"] for row in response.json()["results"]} == set(listed)
    logged = AuditEvent.objects.filter(event="childdeaths.death.list_view").latest("pk")
    assert set(logged.after["shown"]) == set(listed)
