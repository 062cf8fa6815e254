"""Ordinary bad input is a 400 naming the field, never a 500: ids too large for the database,
ids that are not whole numbers, and a partnership with the same locality twice."""

import pytest
from rest_framework.test import APIClient

from safeguarding.accounts.models import Locality, Partnership
from safeguarding.accounts.services import api_token_create
from safeguarding.core.api.params import MAX_ID
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

TOO_LARGE = str(MAX_ID + 1)  # 9223372036854775808: one more than a signed 64-bit integer


@pytest.fixture
def business_unit_api(make_user):
    user = make_user(Role.BUSINESS_UNIT)
    _, raw = api_token_create(job="test", user=user, name="test")
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


FILTERS = [
    ("/api/v1/meetings/", "body"),
    ("/api/v1/actions/", "body"),
    ("/api/v1/training/sessions/", "course"),
    ("/api/v1/training/bookings/", "session"),
    ("/api/v1/indicator-values/", "indicator"),
    ("/api/v1/audit-returns/", "campaign"),
    ("/api/v1/recommendations/", "owner_agency"),
]


@pytest.mark.parametrize(("path", "field"), FILTERS)
@pytest.mark.parametrize("value", [TOO_LARGE, "99999999999999999999999", "0", "9" * 5000])
def test_an_id_filter_outside_the_database_range_is_a_400_naming_it(
    business_unit_api, path, field, value
):
    response = business_unit_api.get(path, {field: value})
    assert response.status_code == 400, response.content
    message = response.json()[field][0]
    assert "whole number from 1 to 9223372036854775807" in message


@pytest.mark.parametrize(
    ("path", "field"), [f for f in FILTERS if f[1] != "indicator"]
)  # an indicator is named by its key as well as its id
@pytest.mark.parametrize("value", ["abc", "²", "-3", "1.5"])
def test_an_id_filter_that_is_not_a_whole_number_is_a_400_naming_it(
    business_unit_api, path, field, value
):
    response = business_unit_api.get(path, {field: value})
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(("path", "field"), FILTERS)
def test_the_largest_id_is_accepted_and_finds_nothing(business_unit_api, path, field):
    response = business_unit_api.get(path, {field: str(MAX_ID)})
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/actions/",
        "/api/v1/meetings/",
        "/api/v1/agencies/",
        "/api/v1/training/sessions/",
        "/api/v1/training/bookings/",
        "/api/v1/audit-returns/",
        "/api/v1/indicator-values/",
    ],
)
def test_an_id_in_the_path_too_large_for_the_database_is_not_found(business_unit_api, path):
    response = business_unit_api.get(f"{path}{TOO_LARGE}/")
    assert response.status_code == 404, response.content


def test_a_booking_for_a_session_id_too_large_is_a_400_naming_the_session(business_unit_api):
    response = business_unit_api.post(
        "/api/v1/training/bookings/",
        {
            "session": TOO_LARGE,
            "full_name": "Sam Example",
            "email": "sam@example.org",
            "job_role": "Teacher",
            "sector": "education",
            "member_group": TOO_LARGE,
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert set(response.json()) >= {"session", "member_group"}


def test_an_agency_with_a_parent_id_too_large_is_a_400_naming_the_parent(
    business_unit_api, partnership
):
    response = business_unit_api.post(
        "/api/v1/agencies/",
        {
            "name": "Example School",
            "type": "school",
            "sector": "education",
            "partnerships": [partnership.slug],
            "parent": TOO_LARGE,
            "locality_id": TOO_LARGE,
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert set(response.json()) >= {"parent", "locality_id"}


def test_a_partnership_with_the_same_locality_twice_is_a_400_and_nothing_is_written(
    business_unit_api,
):
    response = business_unit_api.post(
        "/api/v1/partnerships/",
        {
            "slug": "kent",
            "name": "Kent Safeguarding Children Partnership",
            "area": "Kent",
            "contact_line": "0300 123 4567",
            "brand_colour": "#1d70b8",
            "localities": ["North", "South", "north "],
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "North" in response.json()["localities"][0]
    assert not Partnership.objects.filter(slug="kent").exists()
    assert not Locality.objects.filter(name="South").exists()
    assert not AuditEvent.objects.filter(event="accounts.partnership.created").exists()


def test_a_partnership_with_distinct_localities_is_created(business_unit_api):
    response = business_unit_api.post(
        "/api/v1/partnerships/",
        {
            "slug": "kent",
            "name": "Kent Safeguarding Children Partnership",
            "area": "Kent",
            "contact_line": "0300 123 4567",
            "brand_colour": "#1d70b8",
            "localities": ["North", "South"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert sorted(
        Locality.objects.filter(partnership__slug="kent").values_list("name", flat=True)
    ) == ["North", "South"]
