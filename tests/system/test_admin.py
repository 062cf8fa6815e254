"""The back office (/admin/): every registered model's list, add and change pages pass axe."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory, LocalityFactory
from safeguarding.core.roles import Role
from tests.system.conftest import TEST_PASSWORD


def test_every_back_office_page_passes_axe(browse, partnership, make_user):
    superuser = get_user_model().objects.create_superuser(
        email="back-office@example.org", password=TEST_PASSWORD
    )
    locality = LocalityFactory(partnership=partnership)
    parent = AgencyFactory(name="A multi-academy trust", partnerships=[partnership])
    AgencyFactory(locality=locality, parent=parent, partnerships=[partnership])
    make_user(Role.AGENCY_LEAD, partnership=partnership)
    api_token_create(job="test", user=superuser, name="back office")
    browse.sign_in(superuser)

    browse.goto("/admin/")
    visited = 0
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}"
        browse.goto(reverse(f"{name}_changelist"))
        visited += 1
        if model_admin.has_add_permission(_request_for(superuser)):
            browse.goto(reverse(f"{name}_add"))
        first = model.objects.first()
        if first is not None:
            browse.goto(reverse(f"{name}_change", args=[first.pk]))
            if model_admin.list_filter:
                browse.goto(reverse(f"{name}_changelist") + "?q=a")
    assert visited == len(admin.site._registry) > 0
    browse.assert_no_csp_violations()


def _request_for(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_a_business_units_back_office_pages_pass_axe(browse, partnership, make_user):
    """What a business unit sees: its people, its own account with staff and superuser
    read-only, and the add page that asks for a role in its partnership."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Business unit")
    group.permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    business_unit = make_user(Role.BUSINESS_UNIT, is_staff=True)
    business_unit.groups.add(group)
    colleague = make_user(Role.PRACTITIONER)
    browse.sign_in(business_unit)
    for path in (
        "/admin/accounts/user/",
        f"/admin/accounts/user/{business_unit.pk}/change/",
        f"/admin/accounts/user/{colleague.pk}/change/",
        "/admin/accounts/user/add/",
        "/admin/accounts/agency/",
    ):
        assert browse.goto(path).status == 200, path
