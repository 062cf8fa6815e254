"""The agency lead's report requests and the public child death figures make the same number
of queries whatever the number of deaths (issue 20: every list page's query count is flat;
issue 19: the CDOP pages with a constant number of queries)."""

import datetime

import pytest
from django.urls import reverse

from safeguarding.childdeaths.tests.factories import AgencyReportFactory, ChildDeathFactory

pytestmark = pytest.mark.django_db


def test_an_agency_leads_report_requests_query_count_does_not_grow(
    client, partnership, agencies, lead_of, flat_queries
):
    health = agencies["health"]
    lead = lead_of(health, email="health@test.example")
    client.force_login(lead)
    url = reverse("childdeaths:reports")

    def ask(n):
        for _ in range(n):
            death = ChildDeathFactory(partnerships=[partnership])
            AgencyReportFactory(child_death=death, agency=health)

    ask(1)
    response = flat_queries(lambda: client.get(url), lambda: ask(12))
    assert response.text.count("CD-T-") >= 13  # every request is listed


def test_the_public_figures_query_count_does_not_grow(
    client, partnership, flat_queries, count_queries
):
    url = reverse("childdeaths:public-figures")

    def deaths(years, per_year):
        for year in years:
            for day in range(per_year):
                ChildDeathFactory(
                    partnerships=[partnership],
                    category="infection",
                    status="reviewed",
                    died_on=datetime.date(year, 2, day + 1),
                    notified_on=datetime.date(year, 3, 1),
                )

    deaths([2024], 2)
    response = flat_queries(lambda: client.get(url), lambda: deaths(range(2015, 2024), 6))
    assert "2015" in response.text  # the new years are counted
    # One year's figures cost what every year's do, which is what they cost with few deaths.
    one_year = count_queries(lambda: client.get(url, {"year": 2020}))
    assert one_year == count_queries(lambda: client.get(url))
