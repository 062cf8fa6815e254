"""The business unit invites people, gives and removes roles, and deactivates accounts."""

import re

from django.core import mail

from safeguarding.accounts.models import RoleAssignment, User
from safeguarding.accounts.services import api_token_authenticate, api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role


def _invite(client, partnership, **overrides):
    data = {
        "full_name": "Sam Rivers",
        "email": "sam.rivers@school.example",
        "job_title": "Designated safeguarding lead",
        "partnership": partnership.pk,
        "role": Role.AGENCY_LEAD,
        "agency": "",
    }
    data.update(overrides)
    return client.post("/people/invite/", data)


def test_invited_person_gets_a_link_to_choose_a_password_and_can_sign_in(
    signed_in, partnership, client, django_capture_on_commit_callbacks
):
    bu = signed_in(Role.BUSINESS_UNIT)
    school = AgencyFactory(
        name="Oakfield Primary School",
        type="school",
        sector="education",
        partnerships=[partnership],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(bu, partnership, agency=school.pk)
    person = User.objects.get(email="sam.rivers@school.example")
    assert response["Location"] == f"/people/{person.pk}/"
    assert not person.has_usable_password()
    assert person.role_assignments.get().role == Role.AGENCY_LEAD
    assert list(person.agencies.all()) == [school]
    assert AuditEvent.objects.filter(event="accounts.role.assigned", actor=bu.user).exists()
    (email,) = mail.outbox
    assert email.to == ["sam.rivers@school.example"]
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", email.body)[1]
    bu.logout()
    form = client.get(link, follow=True)
    new = "a long and private passphrase"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    signed = client.post(
        "/accounts/sign-in/", {"username": "sam.rivers@school.example", "password": new}
    )
    assert signed["Location"] == "/dashboard/"


def test_inviting_someone_who_has_an_account_adds_the_role(
    signed_in, partnership, make_user, django_capture_on_commit_callbacks
):
    existing = make_user(Role.PRACTITIONER, email="casey@test.example")
    bu = signed_in(Role.BUSINESS_UNIT)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(bu, partnership, email="Casey@Test.example", role=Role.REVIEWER)
    assert set(existing.role_assignments.values_list("role", flat=True)) == {
        Role.PRACTITIONER,
        Role.REVIEWER,
    }
    assert "Sign in as usual" in mail.outbox[0].body


def test_bad_invitations_are_explained_and_nothing_is_written(signed_in, partnership):
    bu = signed_in(Role.BUSINESS_UNIT)
    page = _invite(bu, partnership, full_name="", email="not an email").content.decode()
    assert "Enter the person&#x27;s full name" in page or "Enter the person's full name" in page
    assert "Enter an email address in the correct format" in page
    elsewhere = AgencyFactory(partnerships=[PartnershipFactory()])
    page = _invite(bu, partnership, agency=elsewhere.pk).content.decode()
    assert "Select a valid choice" in page
    assert not User.objects.filter(email="sam.rivers@school.example").exists()


def test_a_business_unit_cannot_give_roles_in_another_partnership(signed_in, partnership):
    other = PartnershipFactory()
    bu = signed_in(Role.BUSINESS_UNIT)
    _invite(bu, other)
    assert not RoleAssignment.objects.filter(partnership=other).exists()


def test_removing_a_role_and_deactivating(signed_in, partnership, make_user):
    person = make_user(Role.AGENCY_LEAD)
    _, raw = api_token_create(job="test", user=person, name="script")
    bu = signed_in(Role.BUSINESS_UNIT)
    role = person.role_assignments.get()
    bu.post(f"/people/{person.pk}/deactivate/")
    person.refresh_from_db()
    assert not person.is_active
    bu.post(f"/people/{person.pk}/roles/{role.pk}/remove/")
    assert not person.role_assignments.exists()
    assert api_token_authenticate(raw) is None
    assert AuditEvent.objects.filter(
        event="accounts.user.deactivated", target_id=str(person.pk)
    ).exists()


def test_people_in_other_partnerships_stay_hidden(signed_in, make_user):
    stranger = make_user(Role.CHAIR, partnership=PartnershipFactory())
    bu = signed_in(Role.BUSINESS_UNIT)
    assert stranger.full_name not in bu.get("/people/").content.decode()
    assert bu.get(f"/people/{stranger.pk}/").status_code == 404
    assert bu.post(f"/people/{stranger.pk}/deactivate/").status_code == 404


def test_someone_with_several_roles_and_agencies_is_listed_once(signed_in, partnership, make_user):
    """People are found by their roles or their agencies, and listed once however many of
    each they hold; the role and agency filters list them once too."""
    from safeguarding.accounts.models import AgencyMembership

    police, health = (AgencyFactory(partnerships=[partnership]) for _ in range(2))
    person = make_user(Role.AGENCY_LEAD, agency=police, full_name="Alex Many-Hats")
    RoleAssignment.objects.create(user=person, partnership=partnership, role=Role.CHAIR)
    AgencyMembership.objects.create(user=person, agency=health)
    RoleAssignment.objects.create(
        user=person, partnership=PartnershipFactory(), role=Role.AGENCY_LEAD, agency=police
    )
    only_an_agency = User.objects.create_user(
        email="member@police.example", full_name="Sam Member-Only"
    )
    AgencyMembership.objects.create(user=only_an_agency, agency=police)
    bu = signed_in(Role.BUSINESS_UNIT)

    page = bu.get("/people/").content.decode()
    by_role = bu.get("/people/", {"role": Role.AGENCY_LEAD}).content.decode()
    by_agency = bu.get("/people/", {"agency": police.name}).content.decode()

    assert page.count("Alex Many-Hats") == 1 and "Sam Member-Only" in page
    assert by_role.count("Alex Many-Hats") == 1 and "Sam Member-Only" not in by_role
    assert by_agency.count("Alex Many-Hats") == 1 and "Sam Member-Only" in by_agency


def test_deactivating_someone_with_roles_elsewhere_is_refused(signed_in, partnership, make_user):
    from safeguarding.accounts.models import RoleAssignment as RA

    person = make_user(Role.PRACTITIONER)
    RA.objects.create(
        user=person, partnership=PartnershipFactory(name="Elsewhere Partnership"), role=Role.CHAIR
    )
    bu = signed_in(Role.BUSINESS_UNIT)
    page = bu.post(f"/people/{person.pk}/deactivate/", follow=True).content.decode()
    assert "also holds roles in Elsewhere Partnership" in page
    person.refresh_from_db()
    assert person.is_active


def test_people_list_query_count_does_not_grow(signed_in, make_user, count_queries):
    bu = signed_in(Role.BUSINESS_UNIT)
    for _ in range(3):
        make_user(Role.PRACTITIONER, agency=AgencyFactory())
    bu.get("/people/")
    few = count_queries(lambda: bu.get("/people/"))
    for _ in range(30):
        make_user(Role.PRACTITIONER, agency=AgencyFactory())
    assert count_queries(lambda: bu.get("/people/")) == few
