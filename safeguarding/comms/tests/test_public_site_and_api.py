"""The "Concerned about a child?" panel, the footer, the dashboard panel and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.comms.models import CommsSettings
from safeguarding.comms.tests.factories import BulletinFactory, sent_bulletin
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    _, raw = api_token_create(job="test", user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def test_every_public_page_shows_the_partnerships_own_numbers_once_set(
    client, signed_in, partnership
):
    assert "Concerned about a child?" not in client.get(reverse("home")).content.decode()
    business_unit = signed_in(Role.BUSINESS_UNIT)
    response = business_unit.post(
        reverse("comms:settings"),
        {
            "front_door_name": "Children and Families Hub",
            "front_door_phone": "0300 123 4567",
            "front_door_hours": "Monday to Friday, 9am to 5pm",
            "out_of_hours_phone": "0300 765 4321",
            "police_non_emergency": "101",
            "track_opens": "on",
        },
    )
    assert response.status_code == 302
    client.logout()
    for url in (reverse("home"), reverse("comms:subscribe"), reverse("training:catalogue")):
        body = client.get(url).content.decode()
        assert "Concerned about a child?" in body
        assert 'href="tel:03001234567"' in body
        assert "Children and Families Hub" in body
        assert "Out of hours" in body


def test_the_footer_lists_the_public_bulletin_pages(client, partnership):
    body = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("comms:subscribe")}">Subscribe to the bulletin' in body
    assert f'href="{reverse("comms:bulletin-archive")}">Bulletins' in body
    # core.public_site.FOOTER_ORDER: subscribing first, then the archive
    assert body.index(f'href="{reverse("comms:subscribe")}">') < body.index(
        f'href="{reverse("comms:bulletin-archive")}">Bulletins'
    )


def test_the_dashboard_shows_the_next_bulletin(signed_in, partnership):
    BulletinFactory(partnership=partnership, title="June bulletin")
    sent_bulletin(partnership, delivered=200, unique_opens=60)
    client = signed_in(Role.BUSINESS_UNIT)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Next bulletin" in body
    assert "June bulletin" in body
    assert "30.0%" in body


def test_api_lists_sent_bulletins_with_their_figures_for_the_partnership_only(
    make_user, partnership
):
    sent_bulletin(partnership, title="March", recipients=400, delivered=400, unique_opens=120)
    BulletinFactory(partnership=partnership, title="Draft")
    sent_bulletin(PartnershipFactory(), title="Elsewhere")
    response = api_for(make_user(Role.CHAIR)).get("/api/v1/bulletins/")
    assert response.status_code == 200
    results = response.json()["results"] if "results" in response.json() else response.json()
    assert [(r["title"], r["recipients"], r["unique_opens"], r["open_rate"]) for r in results] == [
        ("March", 400, 120, 30.0)
    ]
    assert "sent_at" in results[0]
    assert api_for(make_user(Role.PRACTITIONER)).get("/api/v1/bulletins/").status_code == 403
    assert APIClient().get("/api/v1/bulletins/").status_code in (401, 403)


def test_settings_are_per_partnership(signed_in, partnership):
    other = PartnershipFactory()
    CommsSettings.objects.create(partnership=other, front_door_phone="0111 111 1111")
    client = signed_in(Role.BUSINESS_UNIT)
    assert "0111 111 1111" not in client.get(reverse("comms:settings")).content.decode()
