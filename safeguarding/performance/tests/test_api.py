"""/api/v1/indicators/ and /api/v1/indicator-values/: token auth, pagination, filters,
scoping, and writes only for those who own the figures."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.roles import Role
from safeguarding.performance.models import IndicatorValue
from safeguarding.performance.periods import reporting_year
from safeguarding.performance.services.reference import period_for
from safeguarding.performance.tests.factories import (
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    fy,
)

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    _, raw = api_token_create(job="test", user=user, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_indicators_list_names_and_units(partnership, make_user):
    IndicatorFactory(partnership=partnership, name="Referrals", unit="count")
    IndicatorFactory(partnership=partnership, name="Re-referrals", unit="percentage")
    IndicatorFactory(partnership=PartnershipFactory(), name="Elsewhere")
    response = api_for(make_user(Role.CHAIR)).get("/api/v1/indicators/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [(r["name"], r["unit"]) for r in body["results"]] == [
        ("Re-referrals", "percentage"),
        ("Referrals", "count"),
    ]


def test_anonymous_and_reviewers_get_nothing(partnership, make_user, client):
    IndicatorFactory(partnership=partnership)
    assert client.get("/api/v1/indicators/").status_code == 401
    assert client.get("/api/v1/indicator-values/").status_code == 401
    assert api_for(make_user(Role.REVIEWER)).get("/api/v1/indicators/").status_code == 403


def test_values_filter_by_indicator_area_and_period(partnership, make_user, home):
    indicator = IndicatorFactory(partnership=partnership, key="referrals")
    england = AreaFactory(name="England", slug="england", kind="national", code="E92000001")
    IndicatorValueFactory(indicator=indicator, area=home, period=fy(2022), value=6586)
    IndicatorValueFactory(indicator=indicator, area=england, period=fy(2022), value=650270)
    IndicatorValueFactory(
        indicator=indicator, area=home, period=fy(2021), value=None, flag="suppressed"
    )
    client = api_for(make_user(Role.PRACTITIONER))
    response = client.get(
        "/api/v1/indicator-values/",
        {"indicator": "referrals", "area": home.slug, "period": "FY2022-23"},
    )
    assert response.json()["count"] == 1
    row = response.json()["results"][0]
    assert {k: row[k] for k in ("indicator", "area", "period", "value", "flag")} == {
        "indicator": "referrals",
        "area": home.slug,
        "period": "FY2022-23",
        "value": 6586,
        "flag": None,
    }
    by_code = client.get("/api/v1/indicator-values/", {"area": "E92000001"}).json()
    assert [r["value"] for r in by_code["results"]] == [650270]
    suppressed = client.get("/api/v1/indicator-values/", {"period": "FY2021-22"}).json()
    assert [(r["value"], r["flag"]) for r in suppressed["results"]] == [(None, "suppressed")]


def test_values_of_another_partnership_are_not_listed(partnership, make_user, home):
    IndicatorValueFactory(indicator=IndicatorFactory(partnership=PartnershipFactory()), area=home)
    response = api_for(make_user(Role.BUSINESS_UNIT)).get("/api/v1/indicator-values/")
    assert response.json()["count"] == 0


def test_values_list_is_paginated_with_a_constant_number_of_queries(
    partnership, make_user, home, django_assert_max_num_queries
):
    indicator = IndicatorFactory(partnership=partnership)
    client = api_for(make_user(Role.CHAIR))
    for year in range(2000, 2003):
        IndicatorValueFactory(indicator=indicator, area=home, period=fy(year))
    client.get("/api/v1/indicator-values/")
    with django_assert_max_num_queries(8):
        few = client.get("/api/v1/indicator-values/")
    for year in range(2003, 2060):
        IndicatorValueFactory(indicator=indicator, area=home, period=fy(year))
    with django_assert_max_num_queries(8):
        many = client.get("/api/v1/indicator-values/")
    assert few.json()["count"] == 3
    assert many.json()["count"] == 60 and len(many.json()["results"]) == 50
    assert many.json()["next"]


def test_business_unit_records_a_figure(partnership, make_user, home):
    IndicatorFactory(partnership=partnership, key="ehe", name="Electively home educated")
    client = api_for(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        "/api/v1/indicator-values/",
        {"indicator": "ehe", "area": home.slug, "period": "2022-23", "value": "2926"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["period"], response.json()["value"]) == ("FY2022-23", 2926)
    assert IndicatorValue.objects.get().value == Decimal(2926)


def test_the_lead_of_the_providing_agency_records_its_figure_and_nobody_else(
    partnership, make_user, home
):
    agency = AgencyFactory(partnerships=[partnership])
    IndicatorFactory(partnership=partnership, key="cme", source_agency=agency)
    IndicatorFactory(partnership=partnership, key="other")
    lead = api_for(make_user(Role.AGENCY_LEAD, agency=agency))
    payload = {"indicator": "cme", "area": home.slug, "period": "FY2022-23", "value": 477}
    assert lead.post("/api/v1/indicator-values/", payload, format="json").status_code == 201
    refused = lead.post(
        "/api/v1/indicator-values/", {**payload, "indicator": "other"}, format="json"
    )
    assert refused.status_code == 403
    assert "Only the business unit" in refused.json()["detail"]
    practitioner = api_for(make_user(Role.PRACTITIONER))
    assert practitioner.post("/api/v1/indicator-values/", payload, format="json").status_code == 403
    assert IndicatorValue.objects.count() == 1


def test_bad_writes_are_refused_with_the_reason(partnership, make_user, home):
    IndicatorFactory(partnership=partnership, key="ehe")
    client = api_for(make_user(Role.BUSINESS_UNIT))
    wrong_period = client.post(
        "/api/v1/indicator-values/",
        {"indicator": "ehe", "area": home.slug, "period": "RY2024", "value": 1},
        format="json",
    )
    assert wrong_period.status_code == 400
    assert "counted by financial year" in wrong_period.json()["period"]
    no_area = client.post(
        "/api/v1/indicator-values/",
        {"indicator": "ehe", "area": "atlantis", "period": "2022-23", "value": 1},
        format="json",
    )
    assert no_area.json() == {"area": "There is no area “atlantis”."}
    assert not IndicatorValue.objects.exists()
    assert period_for(reporting_year(2024)).code == "RY2024"
