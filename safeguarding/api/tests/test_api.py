"""API v1: the contract (OpenAPI, pagination, token auth) and the same scoping as the pages."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from safeguarding.accounts.models import Agency
from safeguarding.accounts.services import api_token_create, api_token_revoke
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

SNAPSHOT = Path(__file__).resolve().parents[1] / "openapi.json"


def _client_for(user) -> APIClient:
    _, raw = api_token_create(job="test", user=user, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_openapi_document_is_public_and_openapi_3(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/agencies/" in document["paths"]
    assert "tokenAuth" in document["components"]["securitySchemes"]


def _without_integer_bounds(node):
    """Integer field bounds come from the database backend (SQLite and PostgreSQL differ), so
    they are left out of the comparison; everything else must match."""
    if isinstance(node, dict):
        return {
            k: _without_integer_bounds(v)
            for k, v in node.items()
            if k not in {"maximum", "minimum"}
            and not (k == "format" and isinstance(v, str) and v in {"int32", "int64"})
        }
    if isinstance(node, list):
        return [_without_integer_bounds(v) for v in node]
    return node


def test_committed_openapi_document_matches_the_code(tmp_path, db):
    fresh = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(fresh))
    generated = _without_integer_bounds(json.loads(fresh.read_text()))
    assert generated == _without_integer_bounds(json.loads(SNAPSHOT.read_text())), (
        "The API changed: regenerate the snapshot with `make openapi` and commit it."
    )


def test_interactive_documentation_is_served_from_our_own_static_files(client, db):
    page = client.get("/api/v1/docs/try/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower()
    script = client.get("/api/v1/docs/try/", {"script": ""}).content.decode()
    assert "/api/v1/openapi.json" in script


def test_api_reference_page_lists_every_endpoint_with_its_fields(client, db):
    page = client.get("/api/v1/docs/").content.decode()
    assert "API reference" in page
    assert "GET /api/v1/agencies/" in page and "PATCH /api/v1/partnerships/{slug}/" in page
    assert "<code>is_statutory_partner</code>" in page


def test_anonymous_requests_are_refused(client, db):
    assert client.get("/api/v1/agencies/").status_code == 401
    assert client.get("/api/v1/partnerships/").status_code == 401


def test_a_wrong_or_revoked_token_is_refused_with_a_reason(make_user):
    user = make_user(Role.PRACTITIONER)
    token, raw = api_token_create(job="test", user=user, name="script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get("/api/v1/agencies/").status_code == 200
    api_token_revoke(actor=user, token=token)
    response = client.get("/api/v1/agencies/")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    client.credentials(HTTP_AUTHORIZATION="Token nonsense")
    assert client.get("/api/v1/agencies/").status_code == 401


def test_agency_list_is_paginated_and_scoped_to_the_users_partnerships(partnership, make_user):
    mine = AgencyFactory(name="Oakfield Primary School", partnerships=[partnership])
    AgencyFactory(name="Elsewhere Academy", partnerships=[PartnershipFactory()])
    body = _client_for(make_user(Role.AGENCY_LEAD)).get("/api/v1/agencies/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [a["name"] for a in body["results"]] == [mine.name]
    assert body["results"][0]["partnerships"] == [partnership.slug]


def test_agency_filters(partnership, make_user):
    AgencyFactory(name="A school", type="school", sector="education", partnerships=[partnership])
    AgencyFactory(name="A charity", partnerships=[partnership])
    client = _client_for(make_user(Role.CHAIR))
    names = [a["name"] for a in client.get("/api/v1/agencies/?type=school").json()["results"]]
    assert names == ["A school"]


def test_business_unit_creates_an_agency_through_the_same_service(partnership, make_user):
    user = make_user(Role.BUSINESS_UNIT)
    response = _client_for(user).post(
        "/api/v1/agencies/",
        {
            "name": "Harbour Lights",
            "type": "voluntary",
            "sector": "voluntary",
            "partnerships": [partnership.slug],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    agency = Agency.objects.get(name="Harbour Lights")
    assert AuditEvent.objects.filter(
        event="accounts.agency.created", target_id=str(agency.pk), actor=user
    ).exists()


def test_bad_agency_input_gets_field_messages_and_nothing_is_written(partnership, make_user):
    client = _client_for(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        "/api/v1/agencies/",
        {
            "name": "Odd",
            "type": "voluntary",
            "sector": "voluntary",
            "school_phase": "primary",
            "partnerships": [partnership.slug],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Only schools and colleges have a phase" in json.dumps(response.json())
    assert not Agency.objects.filter(name="Odd").exists()


@pytest.mark.parametrize("role", [Role.CHAIR, Role.PRACTITIONER, Role.AGENCY_LEAD])
def test_only_the_business_unit_writes(partnership, make_user, role):
    agency = AgencyFactory(partnerships=[partnership])
    client = _client_for(make_user(role))
    response = client.patch(f"/api/v1/agencies/{agency.pk}/", {"name": "Renamed"}, format="json")
    assert response.status_code == 403
    agency.refresh_from_db()
    assert agency.name != "Renamed"


def test_business_unit_cannot_add_agencies_to_another_partnership(partnership, make_user):
    other = PartnershipFactory()
    client = _client_for(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        "/api/v1/agencies/",
        {
            "name": "Sneaky",
            "type": "voluntary",
            "sector": "voluntary",
            "partnerships": [other.slug],
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Agency.objects.filter(name="Sneaky").exists()


def test_partnerships_update_refuses_an_unreadable_brand_colour(partnership, make_user):
    client = _client_for(make_user(Role.BUSINESS_UNIT))
    response = client.patch(
        f"/api/v1/partnerships/{partnership.slug}/", {"brand_colour": "#ffdd00"}, format="json"
    )
    assert response.status_code == 400
    assert "hard to read" in json.dumps(response.json())
    ok = client.patch(
        f"/api/v1/partnerships/{partnership.slug}/", {"brand_colour": "#0b3b60"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["brand_colour"] == "#0b3b60"


def test_list_query_count_does_not_grow_with_rows(
    partnership, make_user, django_assert_max_num_queries
):
    client = _client_for(make_user(Role.CHAIR))
    AgencyFactory.create_batch(3, partnerships=[partnership])
    with django_assert_max_num_queries(8):
        client.get("/api/v1/agencies/")
    AgencyFactory.create_batch(30, partnerships=[partnership])
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/agencies/").json()["count"] == 33
