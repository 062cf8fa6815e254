"""The OpenAPI document says what the API really does (nulls, blanks, error responses), and
the API reference page's examples are made from it."""

from __future__ import annotations

import html
import json

import pytest
from rest_framework.test import APIClient

from safeguarding.accounts.services import api_token_create
from safeguarding.core.roles import Role
from safeguarding.training.tests.factories import BookingFactory, CourseFactory, SessionFactory


@pytest.fixture
def document(client, db) -> dict:
    return client.get("/api/v1/openapi.json").json()


def _property(document: dict, component: str, field: str) -> dict:
    return document["components"]["schemas"][component]["properties"][field]


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Action", "priority"),
        ("Indicator", "priority"),
        ("Indicator", "target"),
        ("AuditReturn", "case_reference"),
        ("AuditReturn", "lead"),
        ("Agency", "locality"),
        ("Body", "reports_to"),
        ("IndicatorValue", "flag"),
        ("Course", "priority"),
        ("Booking", "line_manager_email"),
    ],
)
def test_fields_that_can_be_null_are_nullable_in_the_document(document, component, field):
    assert _property(document, component, field).get("nullable") is True


def test_a_booking_without_a_line_manager_has_a_null_email_not_an_empty_string(
    make_user, partnership
):
    user = make_user(Role.BUSINESS_UNIT)
    session = SessionFactory(course=CourseFactory(partnership=partnership))
    booking = BookingFactory(session=session, line_manager_email="")
    _, raw = api_token_create(job="test", user=user, name="test")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    found = api.get(f"/api/v1/training/bookings/{booking.pk}/").json()
    assert found["line_manager_email"] is None
    assert found["attendance"] == ""
    assert "" in document_enum(api, "Booking", "attendance")


def document_enum(api, component: str, field: str) -> list:
    document = api.get("/api/v1/openapi.json").json()
    spec = _property(document, component, field)
    return [value for choice in spec["oneOf"] for value in _enum(document, choice)]


def _enum(document: dict, spec: dict) -> list:
    ref = spec.get("$ref")
    if ref:
        spec = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return spec.get("enum", [])


def test_error_responses_are_documented_for_every_operation(document):
    public = {
        "/api/v1/key-messages/",
        "/api/v1/themes/",
        "/api/v1/priorities/",
        "/api/v1/yearly-reports/",  # published reports are public, like their pages
        "/api/v1/search/",
        # The library is public; a token only adds its own partnership's drafts.
        "/api/v1/resources/",
        "/api/v1/procedures/",
        "/api/v1/campaigns/",
        "/api/v1/you-said-we-did/",
    }
    for path, item in document["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            where = f"{method.upper()} {path}"
            if not any(path.startswith(p) for p in public):
                assert {"401", "403"} <= codes, where
            if "{" in path:
                assert "404" in codes, where
            if method in {"post", "patch"}:
                assert "400" in codes, where
                schema = operation["responses"]["400"]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ValidationError"}, where


def test_the_reference_page_examples_come_from_the_document(client, document):
    page = html.unescape(client.get("/api/v1/docs/").content.decode())
    scheme = document["components"]["securitySchemes"]["tokenAuth"]
    assert f"{scheme['name']}: Token <token>" in page
    assert '<code>{"count", "next", "previous", "results"}</code>' in page
    # The booking example has every field the document asks for, and none it does not know.
    request = document["components"]["schemas"]["BookingCreateRequest"]
    start = page.index("curl -X POST 'http://testserver/api/v1/training/bookings/'")
    line = page[start:].split("-d '", 1)[1].split("'</code>", 1)[0]
    sent = json.loads(line)
    assert set(request["required"]) <= set(sent) <= set(request["properties"])
    # Each endpoint lists its responses, errors included.
    assert "There is no such record, or not one you may see" in page
    assert "Enter the body's id as a whole number from 1 to 9223372036854775807" in page


@pytest.mark.parametrize("path", ["/api/v1/actions/1.5/", "/api/v1/no-such-thing/", "/api/v1/x/y/"])
def test_an_api_address_that_does_not_exist_is_a_json_404(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Not found")


def test_a_page_that_does_not_exist_is_still_the_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
