"""Every URL is listed here with who may use it, and the sweep checks each one.

A URL added without a line here fails ``test_every_url_has_an_access_rule``: access is
decided on purpose, never by default. For each page the sweep asserts that anonymous
visitors are sent to sign in (unless the page is public), that each role listed gets in,
and that every other role is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from safeguarding.accounts.services import api_token_create
from safeguarding.accounts.tests.factories import AgencyFactory, user_with_role
from safeguarding.core.roles import Role

PUBLIC = "public"
SIGNED_IN = "signed in"  # any signed-in person, whatever their roles
ALL_ROLES = frozenset(Role)
BUSINESS_UNIT = frozenset({Role.BUSINESS_UNIT})
OVERSIGHT = frozenset({Role.BUSINESS_UNIT, Role.CHAIR})


@dataclass(frozen=True)
class Rule:
    access: str | frozenset
    kwargs: Callable | None = None  # (partnership, user) -> URL kwargs
    method: str = "get"


def _agency(partnership, user):
    return {"pk": AgencyFactory(partnerships=[partnership]).pk}


def _person(partnership, user):
    return {"pk": user_with_role(Role.PRACTITIONER, partnership=partnership).pk}


def _person_role(partnership, user):
    person = user_with_role(Role.PRACTITIONER, partnership=partnership)
    return {"pk": person.pk, "role_pk": person.role_assignments.get().pk}


def _own_token(partnership, user):
    token, _ = api_token_create(job="test", user=user, name="sweep")
    return {"pk": token.pk}


URLS: dict[str, Rule] = {
    "home": Rule(PUBLIC),
    "core:accessibility": Rule(PUBLIC),
    "core:privacy": Rule(PUBLIC),
    "core:cookies": Rule(PUBLIC),
    "core:brand-css": Rule(PUBLIC),
    "core:healthz": Rule(PUBLIC),
    "core:dashboard": Rule(SIGNED_IN),
    "core:audit-log": Rule(OVERSIGHT),
    "core:audit-log-csv": Rule(OVERSIGHT),
    "accounts:sign-in": Rule(PUBLIC),
    "accounts:sign-out": Rule(PUBLIC, method="post"),
    "accounts:password-reset": Rule(PUBLIC),
    "accounts:password-reset-sent": Rule(PUBLIC),
    "accounts:password-reset-confirm": Rule(
        PUBLIC, kwargs=lambda p, u: {"uidb64": "MQ", "token": "set-password"}
    ),
    "accounts:password-reset-complete": Rule(PUBLIC),
    "accounts:password-change": Rule(SIGNED_IN),
    "accounts:account": Rule(SIGNED_IN),
    "accounts:api-token-new": Rule(SIGNED_IN),
    "accounts:api-token-revoke": Rule(SIGNED_IN, kwargs=_own_token, method="post"),
    "accounts:agency-list": Rule(ALL_ROLES),
    "accounts:agency-new": Rule(BUSINESS_UNIT),
    "accounts:agency-detail": Rule(ALL_ROLES, kwargs=_agency),
    "accounts:agency-edit": Rule(BUSINESS_UNIT, kwargs=_agency),
    "accounts:people-list": Rule(BUSINESS_UNIT),
    "accounts:person-invite": Rule(BUSINESS_UNIT),
    "accounts:person-detail": Rule(BUSINESS_UNIT, kwargs=_person),
    "accounts:person-role-add": Rule(BUSINESS_UNIT, kwargs=_person, method="post"),
    "accounts:person-role-remove": Rule(BUSINESS_UNIT, kwargs=_person_role, method="post"),
    "accounts:person-deactivate": Rule(BUSINESS_UNIT, kwargs=_person, method="post"),
    "accounts:partnership-list": Rule(ALL_ROLES),
    "accounts:partnership-edit": Rule(BUSINESS_UNIT, kwargs=lambda p, u: {"slug": p.slug}),
}

# The API answers 401/403 itself (tests in safeguarding/api/tests); the admin site has its
# own staff check (test_admin_needs_staff below).
SEPARATELY_TESTED_NAMESPACES = ("api", "admin")


def _named_urls(resolver=None, namespace: str | None = None) -> set[str]:
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            names |= _named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def _swept_names() -> set[str]:
    return {
        name
        for name in _named_urls()
        if not name.startswith(tuple(f"{ns}:" for ns in SEPARATELY_TESTED_NAMESPACES))
    }


def test_every_url_has_an_access_rule():
    missing = sorted(_swept_names() - set(URLS))
    stale = sorted(set(URLS) - _swept_names())
    assert not missing, f"URLs with no access rule in this table: {missing}"
    assert not stale, f"Rules for URLs that no longer exist: {stale}"


def _request(client, rule: Rule, url: str):
    return client.post(url) if rule.method == "post" else client.get(url)


def _url(name: str, rule: Rule, partnership, user) -> str:
    kwargs = rule.kwargs(partnership, user) if rule.kwargs else {}
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URLS))
def test_anonymous_visitors_only_reach_public_pages(client, partnership, make_user, name):
    rule = URLS[name]
    owner = make_user(Role.PRACTITIONER)
    response = _request(client, rule, _url(name, rule, partnership, owner))
    if rule.access == PUBLIC:
        assert response.status_code in (200, 302), f"{name} should be public"
        if response.status_code == 302:
            assert "/accounts/sign-in/" not in response["Location"]
    else:
        assert response.status_code == 302, f"{name} must send anonymous visitors to sign in"
        assert response["Location"].startswith(reverse("accounts:sign-in"))


ROLE_RESTRICTED = sorted(n for n, r in URLS.items() if isinstance(r.access, frozenset))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", ROLE_RESTRICTED)
def test_each_role_gets_in_or_is_refused(client, partnership, make_user, name, role):
    rule = URLS[name]
    user = make_user(role)
    client.force_login(user)
    response = _request(client, rule, _url(name, rule, partnership, user))
    if role in rule.access:
        # 400: let in, and told what is wrong with the (empty) form it posted
        assert response.status_code in (200, 302, 400), f"{role} should reach {name}"
        if response.status_code == 302:
            assert "/accounts/sign-in/" not in response["Location"]
    else:
        assert response.status_code in (403, 404), f"{role} must be refused {name}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, r in URLS.items() if r.access == SIGNED_IN))
def test_signed_in_pages_work_for_a_person_with_no_role(client, partnership, name):
    from safeguarding.accounts.tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    rule = URLS[name]
    response = _request(client, rule, _url(name, rule, partnership, user))
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_a_role_in_another_partnership_does_not_open_this_partnerships_records(
    client, partnership, make_user
):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    elsewhere = PartnershipFactory()
    business_unit_elsewhere = make_user(Role.BUSINESS_UNIT, partnership=elsewhere)
    agency = AgencyFactory(partnerships=[partnership])
    client.force_login(business_unit_elsewhere)
    assert client.get(reverse("accounts:agency-detail", args=[agency.pk])).status_code == 404
    assert client.get(reverse("accounts:agency-edit", args=[agency.pk])).status_code == 404
    response = client.get(reverse("accounts:partnership-edit", args=[partnership.slug]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_admin_needs_staff(client, make_user):
    chair = make_user(Role.CHAIR)
    client.force_login(chair)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    staff = make_user(Role.BUSINESS_UNIT, is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
