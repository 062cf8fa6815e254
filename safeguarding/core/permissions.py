"""Role-based rules that deny by default.

A person's roles are held per partnership (``accounts.RoleAssignment``). The predicates
here answer "does this user hold one of these roles — in the object's partnership when
there is an object, in any partnership otherwise". Anonymous users and inactive accounts
hold no role. Apps register their permissions in ``<app>/rules.py`` with these predicates.
"""

from __future__ import annotations

from collections.abc import Iterable

import rules

from safeguarding.core.roles import Role
from safeguarding.core.scoping import LEAD_AGENCIES_CACHE, ROLE_ROWS_CACHE, role_rows

_CACHE_ATTRIBUTE = "_safeguarding_roles"


def roles_by_partnership(user) -> dict[int, frozenset[str]]:
    """{partnership id: roles} for a user, read once per request and cached on the user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        found: dict[int, set[str]] = {}
        for partnership_id, role, _agency_id in role_rows(user):
            found.setdefault(partnership_id, set()).add(role)
        cached = {key: frozenset(value) for key, value in found.items()}
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_roles(user) -> None:
    """Drop what was read of the user's roles (and the agencies they lead) this request."""
    for attribute in (_CACHE_ATTRIBUTE, LEAD_AGENCIES_CACHE, ROLE_ROWS_CACHE):
        if hasattr(user, attribute):
            delattr(user, attribute)


def partnership_ids_of(obj) -> set[int] | None:
    """The partnerships an object belongs to, or None when it belongs to none we can tell."""
    if obj is None:
        return None
    if hasattr(obj, "partnership_ids_for_rules"):
        return set(obj.partnership_ids_for_rules())
    if getattr(obj, "partnership_id", None) is not None:
        return {obj.partnership_id}
    if obj.__class__.__name__ == "Partnership":
        return {obj.pk}
    return None


def has_role(user, roles: Iterable[str], partnership_ids: set[int] | None = None) -> bool:
    wanted = set(roles)
    held = roles_by_partnership(user)
    if partnership_ids is None:
        return any(wanted & set(r) for r in held.values())
    return any(wanted & set(held.get(pid, ())) for pid in partnership_ids)


def partnerships_where(user, roles: Iterable[str]) -> set[int]:
    wanted = set(roles)
    return {pid for pid, held in roles_by_partnership(user).items() if wanted & set(held)}


def role_predicate(*roles: Role, name: str) -> rules.Predicate:
    @rules.predicate(name=name)
    def check(user, obj=None) -> bool:
        ids = partnership_ids_of(obj)
        if obj is not None and ids is None:
            return False  # an object whose partnership we cannot tell is never shared
        return has_role(user, roles, ids)

    return check


is_business_unit = role_predicate(Role.BUSINESS_UNIT, name="is_business_unit")
is_chair = role_predicate(Role.CHAIR, name="is_chair")
is_safeguarding_partner = role_predicate(Role.SAFEGUARDING_PARTNER, name="is_safeguarding_partner")
is_agency_lead = role_predicate(Role.AGENCY_LEAD, name="is_agency_lead")
is_practitioner = role_predicate(Role.PRACTITIONER, name="is_practitioner")
is_reviewer = role_predicate(Role.REVIEWER, name="is_reviewer")
is_child_death_review = role_predicate(
    Role.CDOP_CHAIR, Role.CDOP_MEMBER, name="is_child_death_review"
)
has_any_role = role_predicate(*Role, name="has_any_role")
is_partnership_staff = is_business_unit | is_chair | is_safeguarding_partner


def can_read_audit_log(user) -> bool:
    """The business unit and chairs (their partnerships' events), superusers (all events)."""
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return bool((is_business_unit | is_chair).test(user))
