"""The back office for a business unit: its own partnership only, no superuser or staff
grants, and every add, change and delete in the audit log with what changed."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from safeguarding.accounts.models import Agency, RoleAssignment, User
from safeguarding.accounts.tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    user_with_role,
)
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db

BACK_OFFICE_MODELS = [
    "partnership",
    "locality",
    "agency",
    "user",
    "agencymembership",
    "roleassignment",
]


@pytest.fixture
def world(partnership):
    """Our business unit (staff, with the back-office permissions the demo gives), one of our
    practitioners, another partnership with its own business unit and practitioner."""
    group = Group.objects.create(name="Business unit")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=[
                f"{action}_{model}"
                for model in BACK_OFFICE_MODELS
                for action in ("view", "add", "change")
            ]
            + ["view_apitoken", "change_apitoken"],
        )
    )
    other = PartnershipFactory(slug="otherton", name="Otherton Partnership")
    bu = user_with_role(
        Role.BUSINESS_UNIT, partnership=partnership, email="bu@ours.example", is_staff=True
    )
    bu.groups.add(group)
    ours = user_with_role(Role.PRACTITIONER, partnership=partnership, full_name="Our Person")
    theirs = user_with_role(Role.PRACTITIONER, partnership=other, full_name="Their Person")
    their_bu = user_with_role(Role.BUSINESS_UNIT, partnership=other, is_staff=True)
    return {"bu": bu, "ours": ours, "theirs": theirs, "their_bu": their_bu, "other": other}


def _user_form(user, **changes) -> dict:
    """The change form's fields for a person, with their role rows (as the page sends them)."""
    assignments = list(user.role_assignments.all())
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "is_active": "on",
        "agency_memberships-TOTAL_FORMS": "0",
        "agency_memberships-INITIAL_FORMS": "0",
        "role_assignments-TOTAL_FORMS": str(len(assignments)),
        "role_assignments-INITIAL_FORMS": str(len(assignments)),
    }
    for n, assignment in enumerate(assignments):
        data |= {
            f"role_assignments-{n}-id": assignment.pk,
            f"role_assignments-{n}-user": user.pk,
            f"role_assignments-{n}-partnership": assignment.partnership_id,
            f"role_assignments-{n}-role": assignment.role,
            f"role_assignments-{n}-agency": assignment.agency_id or "",
        }
    data |= changes
    return data


def _add_role(data: dict, user, partnership, role) -> dict:
    n = int(data["role_assignments-TOTAL_FORMS"])
    return data | {
        "role_assignments-TOTAL_FORMS": str(n + 1),
        f"role_assignments-{n}-user": user.pk,
        f"role_assignments-{n}-partnership": partnership.pk,
        f"role_assignments-{n}-role": role,
        f"role_assignments-{n}-agency": "",
    }


def test_a_business_unit_cannot_make_itself_superuser_or_staff_of_anyone(client, world):
    bu, ours = world["bu"], world["ours"]
    client.force_login(bu)
    page = client.get(f"/admin/accounts/user/{bu.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="is_staff"' not in page
    for person in (bu, ours):
        response = client.post(
            f"/admin/accounts/user/{person.pk}/change/",
            _user_form(person, is_superuser="on", is_staff="on"),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    bu.refresh_from_db()
    ours.refresh_from_db()
    assert not bu.is_superuser and bu.is_staff  # unchanged
    assert not ours.is_superuser and not ours.is_staff


def test_a_superuser_can_grant_staff(client, world):
    root = get_user_model().objects.create_superuser(email="root@test.example", password="x")
    client.force_login(root)
    ours = world["ours"]
    response = client.post(
        f"/admin/accounts/user/{ours.pk}/change/", _user_form(ours, is_staff="on")
    )
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.is_staff
    event = AuditEvent.objects.get(event="core.admin_record.changed", target_id=str(ours.pk))
    assert ("is_staff", False, True) in event.changes and event.actor == root


def test_a_business_unit_cannot_give_itself_a_role_in_another_partnership(
    client, world, partnership
):
    bu, other = world["bu"], world["other"]
    client.force_login(bu)
    data = _add_role(_user_form(bu), bu, other, Role.BUSINESS_UNIT)
    response = client.post(f"/admin/accounts/user/{bu.pk}/change/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=bu, partnership=other).exists()
    # Within its own partnership it can.
    data = _add_role(_user_form(bu), bu, partnership, Role.CHAIR)
    assert client.post(f"/admin/accounts/user/{bu.pk}/change/", data).status_code == 302
    assert RoleAssignment.objects.filter(user=bu, partnership=partnership, role="chair").exists()
    event = AuditEvent.objects.get(event="core.admin_record.added")
    assert event.after["role"] == "chair" and list(event.partnerships.all()) == [partnership]


def test_another_partnerships_people_and_agencies_are_not_found(client, world, partnership):
    theirs, other = world["theirs"], world["other"]
    their_agency = AgencyFactory(name="Otherton Only Agency", partnerships=[other])
    client.force_login(world["bu"])
    people = client.get("/admin/accounts/user/").content.decode()
    assert "Our Person" in people and "Their Person" not in people
    for path in (
        f"/admin/accounts/user/{theirs.pk}/change/",
        f"/admin/accounts/user/{theirs.pk}/password/",
        f"/admin/accounts/agency/{their_agency.pk}/change/",
        f"/admin/accounts/partnership/{other.pk}/change/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 404), path
        assert "Otherton" not in response.content.decode()
    client.post(
        f"/admin/accounts/user/{theirs.pk}/change/", _user_form(theirs, full_name="Hijacked")
    )
    client.post(
        f"/admin/accounts/user/{theirs.pk}/password/",
        {"password1": "A new long passw0rd!", "password2": "A new long passw0rd!"},
    )
    theirs.refresh_from_db()
    assert theirs.full_name == "Their Person"
    assert not theirs.check_password("A new long passw0rd!")
    assert "Otherton Only Agency" not in client.get("/admin/accounts/agency/").content.decode()
    assert client.get("/admin/accounts/partnership/add/").status_code == 403


def test_someone_also_in_another_partnership_is_shown_but_not_changed(client, world, partnership):
    shared = user_with_role(Role.PRACTITIONER, partnership=partnership, full_name="Shared One")
    RoleAssignment.objects.create(user=shared, partnership=world["other"], role="practitioner")
    client.force_login(world["bu"])
    page = client.get(f"/admin/accounts/user/{shared.pk}/change/")
    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode()
    client.post(f"/admin/accounts/user/{shared.pk}/change/", _user_form(shared, full_name="X"))
    shared.refresh_from_db()
    assert shared.full_name == "Shared One"


def test_editing_a_shared_agency_keeps_it_in_the_other_partnership(client, world, partnership):
    other = world["other"]
    agency = AgencyFactory(name="Shared Police", partnerships=[partnership, other])
    client.force_login(world["bu"])
    page = client.get(f"/admin/accounts/agency/{agency.pk}/change/").content.decode()
    assert "Otherton Partnership" not in page.split('name="partnerships"')[-1].split("</ul>")[0]
    data = {
        "name": "Shared Police Renamed",
        "type": agency.type,
        "sector": agency.sector,
        "partnerships": [partnership.pk],
        "school_phase": "",
        "school_type": "",
        "is_statutory_partner": "",
    }
    for field in Agency._meta.concrete_fields:
        if field.name not in data and field.editable and not field.primary_key:
            value = getattr(agency, field.attname)
            data[field.name] = "" if value is None else value
    response = client.post(f"/admin/accounts/agency/{agency.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agency.refresh_from_db()
    assert agency.name == "Shared Police Renamed"
    assert set(agency.partnerships.all()) == {partnership, other}
    event = AuditEvent.objects.get(event="core.admin_record.changed")
    assert ("name", "Shared Police", "Shared Police Renamed") in event.changes


def test_a_business_unit_adds_a_person_with_a_role_in_its_partnership(client, world, partnership):
    client.force_login(world["bu"])
    form = {
        "email": "New.Person@Ours.example",
        "full_name": "New Person",
        "password1": "A long enough passw0rd",
        "password2": "A long enough passw0rd",
        "usable_password": "true",
        "agency_memberships-TOTAL_FORMS": "0",
        "agency_memberships-INITIAL_FORMS": "0",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    refused = client.post("/admin/accounts/user/add/", form | {"partnership": world["other"].pk})
    assert refused.status_code == 200
    assert not User.objects.filter(email="new.person@ours.example").exists()
    response = client.post(
        "/admin/accounts/user/add/", form | {"partnership": partnership.pk, "role": "chair"}
    )
    import re

    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S
    )
    person = User.objects.get(email="new.person@ours.example")
    assert not person.is_staff and not person.is_superuser
    assert person.role_assignments.get().partnership == partnership
    event = AuditEvent.objects.get(event="core.admin_record.added")
    assert event.after["email"] == "new.person@ours.example"
    assert event.after["password"] == "(hidden), set"
    assert list(event.partnerships.all()) == [partnership]


def test_changing_a_password_and_deleting_are_audited(client, world, partnership):
    ours = world["ours"]
    client.force_login(world["bu"])
    response = client.post(
        f"/admin/accounts/user/{ours.pk}/password/",
        {
            "password1": "A new long passw0rd!",
            "password2": "A new long passw0rd!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(event="core.admin_record.changed", target_id=str(ours.pk))
    assert event.changes == [("password", "(hidden)", "(hidden), set")]
    assert "passw0rd" not in str(event.after) and "argon" not in str(event.after)
    assert list(event.partnerships.all()) == [partnership]

    root = get_user_model().objects.create_superuser(email="root@test.example", password="x")
    client.force_login(root)
    agency = AgencyFactory(name="Short-lived Agency", partnerships=[partnership])
    response = client.post(f"/admin/accounts/agency/{agency.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=agency.pk).exists()
    deleted = AuditEvent.objects.get(event="core.admin_record.deleted")
    assert deleted.before["name"] == "Short-lived Agency" and deleted.after is None
    assert list(deleted.partnerships.all()) == [partnership]


def test_every_back_office_page_a_business_unit_can_open_is_scoped_to_its_partnerships():
    """A model admin with no partnership scope would show every partnership's records."""
    from django.contrib import admin

    from safeguarding.core.admin import AccessibleModelAdmin

    unscoped = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, AccessibleModelAdmin)
        and model_admin.partnership_lookup is None
        and type(model_admin).get_queryset is AccessibleModelAdmin.get_queryset
    ]
    assert unscoped == []


def test_another_partnerships_sign_in_services_are_not_found(client, world, partnership):
    from safeguarding.accounts.models import OrganisationSignIn

    theirs = OrganisationSignIn.objects.create(
        partnership=world["other"],
        name="Otherton Council",
        discovery_url="https://login.otherton.example/.well-known/openid-configuration",
        client_id="abc",
        email_domains="otherton.example",
    )
    world["bu"].groups.first().permissions.add(
        *Permission.objects.filter(codename__in=["view_organisationsignin"])
    )
    client.force_login(world["bu"])
    listing = client.get("/admin/accounts/organisationsignin/")
    assert "Otherton Council" not in listing.content.decode()
    assert client.get(f"/admin/accounts/organisationsignin/{theirs.pk}/change/").status_code in (
        302,
        404,
    )
