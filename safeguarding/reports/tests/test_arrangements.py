"""The published safeguarding arrangements: versions drafted from the platform's records,
changed while draft, published with what the law asks for, and public."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import BodyFactory
from safeguarding.reports import services

pytestmark = pytest.mark.django_db


def test_a_version_is_drafted_from_the_records_and_published(client, bu, partnership):
    police = AgencyFactory(name="Testshire Police", partnerships=[partnership])
    user_with_role(
        Role.SAFEGUARDING_PARTNER, partnership=partnership, agency=police, full_name="Chief Lee"
    )
    BodyFactory(name="Executive board", partnerships=[partnership])
    version = services.arrangements_draft(actor=bu, partnership=partnership)
    assert version.number == 1
    assert {"name": "Chief Lee", "agency": "Testshire Police"} in version.facts["partners"]
    assert "Executive board" in [b["name"] for b in version.facts["bodies"]]
    assert "Testshire Police" in version.facts["relevant_agencies"]

    with pytest.raises(ValidationError) as error:
        services.arrangements_publish(actor=bu, version=version)
    assert "without the narrative, the date agreed" in str(error.value)
    assert (
        client.get(reverse("reports:arrangements-public")).content.decode().count("Chief Lee") == 0
    )

    services.arrangements_update(
        actor=bu,
        version=version,
        data={
            "narrative": "The partners meet **monthly**.",
            "agreed_on": date(2024, 3, 1),
            "next_review_on": date(2025, 3, 1),
        },
    )
    services.arrangements_publish(actor=bu, version=version)
    page = client.get(reverse("reports:arrangements-public")).content.decode()
    assert "The partners meet <strong>monthly</strong>." in page
    assert "Chief Lee" in page

    with pytest.raises(ValidationError):
        services.arrangements_update(actor=bu, version=version, data={"narrative": "Changed"})
    second = services.arrangements_draft(actor=bu, partnership=partnership)
    assert second.number == 2
    assert second.narrative == "The partners meet **monthly**."
    with pytest.raises(ValidationError) as error:
        services.arrangements_draft(actor=bu, partnership=partnership)
    assert "already exists" in str(error.value)


def test_the_next_review_comes_after_the_date_agreed(bu, partnership):
    version = services.arrangements_draft(actor=bu, partnership=partnership)
    with pytest.raises(ValidationError) as error:
        services.arrangements_update(
            actor=bu,
            version=version,
            data={"agreed_on": date(2024, 3, 1), "next_review_on": date(2024, 1, 1)},
        )
    assert "after the date agreed" in str(error.value)
    version.refresh_from_db()
    assert version.agreed_on is None


def test_the_business_unit_drafts_through_the_pages(bu_client, partnership):
    response = bu_client.post(reverse("reports:arrangements-manage"), {"partnership": "testshire"})
    assert response.status_code == 302
    edit = response["Location"]
    response = bu_client.post(edit, {"agreed_on": "2024-03-01", "next_review_on": "2023-01-01"})
    assert response.status_code == 400
    assert "after the date agreed" in response.content.decode()
