"""A NUL character in a query parameter is refused with 400 and a reason, on pages and in the
API, instead of reaching the database (PostgreSQL cannot hold NUL in text: it was a 500)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_in_an_api_filter_is_refused_with_400_and_a_reason(client):
    response = client.get("/api/v1/indicator-values/?area=a%00b")

    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_page_query_is_refused_with_400(client):
    response = client.get("/search/?q=neglect%00")

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_an_ordinary_query_still_answers(client):
    assert client.get("/search/?q=neglect").status_code == 200
