"""Agencies and partnerships through the pages, API tokens, and the account commands."""

import pytest
from django.core.management import CommandError, call_command

from safeguarding.accounts.models import Agency, ApiToken, hash_token
from safeguarding.accounts.services import api_token_authenticate, api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory, LocalityFactory, UserFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role


def test_agency_list_filters_by_type_and_locality(signed_in, partnership):
    north = LocalityFactory(partnership=partnership, name="North")
    AgencyFactory(
        name="Oakfield Primary School",
        type="school",
        sector="education",
        school_phase="primary",
        school_type="maintained",
        locality=north,
        partnerships=[partnership],
    )
    AgencyFactory(name="Riverside Youth Project", partnerships=[partnership])
    client = signed_in(Role.PRACTITIONER)
    page = client.get("/agencies/", {"type": "school", "locality": "North"}).content.decode()
    assert "Oakfield Primary School" in page and "Riverside Youth Project" not in page
    assert "1 agency" in page


def test_agency_list_query_count_does_not_grow(signed_in, partnership, count_queries):
    client = signed_in(Role.CHAIR)
    AgencyFactory.create_batch(3, partnerships=[partnership])
    client.get("/agencies/")  # warm the session
    few = count_queries(lambda: client.get("/agencies/"))
    AgencyFactory.create_batch(40, partnerships=[partnership])
    many = count_queries(lambda: client.get("/agencies/"))
    assert many == few
    assert "43 agencies" in client.get("/agencies/").content.decode()


def test_business_unit_adds_an_agency_and_it_is_audited(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        "/agencies/new/",
        {
            "name": "Chelmer Valley Young Carers",
            "type": "voluntary",
            "sector": "voluntary",
            "partnerships": [partnership.pk],
        },
    )
    agency = Agency.objects.get(name="Chelmer Valley Young Carers")
    assert response["Location"] == f"/agencies/{agency.pk}/"
    assert AuditEvent.objects.filter(event="accounts.agency.created", actor=client.user).exists()


def test_a_school_phase_on_a_charity_is_refused_and_nothing_is_written(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    page = client.post(
        "/agencies/new/",
        {
            "name": "Odd Charity",
            "type": "voluntary",
            "sector": "voluntary",
            "school_phase": "primary",
            "partnerships": [partnership.pk],
        },
    ).content.decode()
    assert "Only schools and colleges have a phase and school type" in page
    assert not Agency.objects.filter(name="Odd Charity").exists()


def test_agency_leads_see_the_agency_but_not_its_people(signed_in, partnership):
    agency = AgencyFactory(partnerships=[partnership])
    lead = signed_in(Role.AGENCY_LEAD, agency=agency)
    page = lead.get(f"/agencies/{agency.pk}/").content.decode()
    assert agency.name in page and "People" not in page


def test_business_unit_changes_the_brand_colour_with_a_contrast_check(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    data = {
        "name": partnership.name,
        "area": partnership.area,
        "contact_line": partnership.contact_line,
        "brand_colour": "#ffff00",
    }
    page = client.post(f"/partnerships/{partnership.slug}/edit/", data).content.decode()
    assert "White text is hard to read on this colour" in page
    partnership.refresh_from_db()
    assert partnership.brand_colour == "#1d70b8"
    client.post(f"/partnerships/{partnership.slug}/edit/", {**data, "brand_colour": "#1e5632"})
    partnership.refresh_from_db()
    assert partnership.brand_colour == "#1e5632"


def test_tokens_are_stored_hashed_and_shown_once(signed_in):
    client = signed_in(Role.AGENCY_LEAD)
    page = client.post("/accounts/tokens/new/", {"name": "Power BI"}).content.decode()
    token = ApiToken.objects.get(user=client.user)
    raw = page.split('id="new-token">')[1].split("<")[0].strip()
    assert token.key_hash == hash_token(raw) and raw not in token.key_hash
    assert raw not in client.get("/accounts/").content.decode()
    assert api_token_authenticate(raw) == client.user


def test_a_token_needs_a_name(signed_in):
    client = signed_in(Role.AGENCY_LEAD)
    page = client.post("/accounts/tokens/new/", {"name": ""}).content.decode()
    assert "Enter what the token is for" in page
    assert not ApiToken.objects.exists()


def test_nobody_revokes_someone_elses_token(signed_in, make_user):
    other = make_user(Role.CHAIR)
    token, raw = api_token_create(job="test", user=other, name="theirs")
    client = signed_in(Role.BUSINESS_UNIT)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert api_token_authenticate(raw) == other


def test_deactivated_users_tokens_stop_working(make_user):
    user = make_user(Role.CHAIR)
    _, raw = api_token_create(job="test", user=user, name="x")
    user.is_active = False
    user.save()
    assert api_token_authenticate(raw) is None


def test_api_token_command_prints_a_working_token(db, capsys):
    user = UserFactory(email="script@test.example")
    call_command("api-token", "create", "script@test.example")
    raw = capsys.readouterr().out.strip()
    assert api_token_authenticate(raw) == user


def test_api_token_command_names_an_unknown_email(db):
    with pytest.raises(CommandError, match="There is no account with the email address"):
        call_command("api-token", "create", "nobody@test.example")
    assert not ApiToken.objects.exists()
