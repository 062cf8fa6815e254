"""Reads for people, partnerships and agencies, always scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet

from safeguarding.accounts.models import (
    Agency,
    AgencyMembership,
    ApiToken,
    Locality,
    Partnership,
    RoleAssignment,
    User,
)
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role


def default_partnership() -> Partnership | None:
    """The partnership this deployment's public pages belong to."""
    partnerships = Partnership.objects.all()
    if settings.DEFAULT_PARTNERSHIP:
        chosen = partnerships.filter(slug=settings.DEFAULT_PARTNERSHIP).first()
        if chosen:
            return chosen
    return partnerships.order_by("pk").first()


def partnership_list() -> QuerySet[Partnership]:
    """Partnerships are public information: name, area and contact line."""
    return Partnership.objects.prefetch_related("localities").order_by("name")


def partnerships_managed_by(*, user) -> QuerySet[Partnership]:
    """The partnerships where the user is the business unit."""
    ids = partnerships_where(user, [Role.BUSINESS_UNIT])
    return Partnership.objects.filter(pk__in=ids).order_by("name")


def locality_names() -> list[str]:
    """Every locality's name, once each, sorted: localities are public information."""
    return sorted(set(Locality.objects.values_list("name", flat=True)))


def partnership_choices() -> QuerySet[Partnership]:
    """Every partnership, for an API field that names one by its slug (the service that
    writes checks the caller may act for it)."""
    return Partnership.objects.all()


def locality_choices() -> QuerySet[Locality]:
    return Locality.objects.all()


def agency_choices() -> QuerySet[Agency]:
    """Every agency, for an API field that names one by its id (the service that writes
    checks the caller may act for it)."""
    return Agency.objects.all()


def partnership_get(*, slug: str) -> Partnership | None:
    return Partnership.objects.filter(slug=slug).first()


def statutory_partners(*, partnership: Partnership) -> QuerySet[Agency]:
    return partnership.agencies.filter(is_statutory_partner=True).order_by("name")


@dataclass(frozen=True)
class AgencyFilter:
    query: str = ""
    type: str = ""
    sector: str = ""
    partnership: str = ""
    locality: str = ""
    school_phase: str = ""
    parent: int | None = None
    statutory: bool = False


def agency_list(*, user, filters: AgencyFilter | None = None) -> QuerySet[Agency]:
    filters = filters or AgencyFilter()
    agencies = (
        Agency.objects.visible_to(user)
        .select_related("locality", "parent")
        .prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.only("name", "slug"))
        )
    )
    if filters.query:
        agencies = agencies.filter(name__icontains=filters.query)
    if filters.type:
        agencies = agencies.filter(type=filters.type)
    if filters.sector:
        agencies = agencies.filter(sector=filters.sector)
    if filters.partnership:
        agencies = agencies.filter(partnerships__slug=filters.partnership)
    if filters.locality:
        agencies = agencies.filter(locality__name=filters.locality)
    if filters.school_phase:
        agencies = agencies.filter(school_phase=filters.school_phase)
    if filters.parent:
        agencies = agencies.filter(parent_id=filters.parent)
    if filters.statutory:
        agencies = agencies.filter(is_statutory_partner=True)
    return agencies.order_by("name")


def agency_get(*, user, pk: int) -> Agency | None:
    return (
        Agency.objects.visible_to(user)
        .select_related("locality", "parent")
        .prefetch_related("partnerships")
        .annotate(member_count=Count("members", distinct=True))
        .filter(pk=pk)
        .first()
    )


def agency_people(*, agency: Agency) -> QuerySet[AgencyMembership]:
    return agency.memberships.select_related("user").order_by("user__full_name")


def agency_member_organisations(*, user, agency: Agency) -> QuerySet[Agency]:
    return Agency.objects.visible_to(user).filter(parent=agency).order_by("name")


def user_roles(*, user: User) -> QuerySet[RoleAssignment]:
    return user.role_assignments.select_related("partnership", "agency").order_by(
        "partnership__name", "role"
    )


def user_agencies(*, user: User) -> QuerySet[AgencyMembership]:
    return user.agency_memberships.select_related("agency", "agency__locality").order_by(
        "agency__name"
    )


def api_tokens_of(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.visible_to(user).order_by("-created_at")


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


@dataclass(frozen=True)
class PeopleFilter:
    query: str = ""
    role: str = ""
    agency: str = ""


def people_list(*, user, filters: PeopleFilter | None = None) -> QuerySet[User]:
    filters = filters or PeopleFilter()
    people = User.objects.visible_to(user).prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("partnership")),
        Prefetch("agency_memberships", queryset=AgencyMembership.objects.select_related("agency")),
    )
    if filters.query:
        from django.db.models import Q

        people = people.filter(
            Q(full_name__icontains=filters.query) | Q(email__icontains=filters.query)
        )
    # Subqueries, so a person with the role in two partnerships is listed once.
    if filters.role:
        people = people.filter(
            pk__in=RoleAssignment.objects.filter(role=filters.role).values("user")
        )
    if filters.agency:
        people = people.filter(
            pk__in=AgencyMembership.objects.filter(agency__name__icontains=filters.agency).values(
                "user"
            )
        )
    return people.order_by("full_name", "email")


def person_get(*, user, pk: int) -> User | None:
    return User.objects.visible_to(user).filter(pk=pk).first()


def approvers_of(partnership_id: int, roles: Iterable[str]) -> list[str]:
    """Email addresses of the active people holding one of ``roles`` in a partnership (those
    asked to approve what waits on them)."""
    return sorted(
        set(
            RoleAssignment.objects.filter(
                partnership_id=partnership_id, role__in=list(roles), user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )
