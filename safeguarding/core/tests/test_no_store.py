"""Confidential pages, exports and downloads are never kept in a cache."""

import pytest
from django.urls import reverse

from safeguarding.core.roles import Role
from safeguarding.reviews.tests import url_access as rv

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_a_confidential_review_page_is_not_stored(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.get(reverse("reviews:review-detail", kwargs=rv.review(partnership, None)))
    assert response.status_code == 200
    assert _no_store(response)
    assert "private" in response["Cache-Control"]


def test_a_csv_export_is_not_stored(signed_in):
    response = signed_in(Role.CHAIR).get(reverse("core:audit-log-csv"))
    assert response.status_code == 200 and _no_store(response)


def test_a_document_download_is_not_stored(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("reviews:evidence-file", kwargs=rv.evidence_file(partnership, None))
    response = client.get(url)
    assert response.status_code == 200 and _no_store(response)


def test_an_api_answer_to_a_token_is_not_stored(make_user):
    from rest_framework.test import APIClient

    from safeguarding.accounts.services import api_token_create

    user = make_user(Role.BUSINESS_UNIT)
    _, secret = api_token_create(job="test", user=user, name="no-store")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    response = api.get("/api/v1/")
    assert response.status_code == 200 and _no_store(response)


def test_public_pages_for_visitors_and_the_brand_stylesheet_keep_their_caching(
    client, signed_in, db
):
    assert not _no_store(client.get("/privacy/"))
    assert "public" in signed_in(Role.CHAIR).get("/brand.css")["Cache-Control"]
