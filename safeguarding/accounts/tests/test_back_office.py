"""The back office at /admin/: staff only, and a token revoked there is revoked for real."""

import pytest
from django.contrib.auth import get_user_model

from safeguarding.accounts.models import ApiToken
from safeguarding.accounts.services import api_token_authenticate, api_token_create
from safeguarding.accounts.tests.factories import UserFactory
from safeguarding.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_token_revoked_in_the_back_office_stops_working_and_is_logged(client):
    admin_user = get_user_model().objects.create_superuser(
        email="back-office@example.org", password="a long enough password"
    )
    owner = UserFactory()
    token, raw = api_token_create(job="test", user=owner, name="Power BI export")
    assert api_token_authenticate(raw) == owner
    client.force_login(admin_user)

    response = client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )

    assert "1 token(s) revoked" in response.content.decode()
    assert api_token_authenticate(raw) is None
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    event = AuditEvent.objects.get(event="accounts.api_token.revoked")
    assert event.actor == admin_user


def test_the_back_office_refuses_people_who_are_not_staff(client):
    client.force_login(UserFactory(is_staff=False))
    response = client.get("/admin/accounts/apitoken/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_token_change_page_edits_nothing(client):
    admin_user = get_user_model().objects.create_superuser(
        email="back-office@example.org", password="a long enough password"
    )
    token, _ = api_token_create(job="test", user=UserFactory(), name="Export")
    client.force_login(admin_user)
    client.post(f"/admin/accounts/apitoken/{token.pk}/change/", {"name": "Changed"})
    assert ApiToken.objects.get(pk=token.pk).name == "Export"
