"""Choices for the assurance forms: partnerships, localities, trusts, themes, priorities."""

from __future__ import annotations

from django.db.models import QuerySet

from safeguarding.accounts.models import Agency, AgencyType, Locality, Partnership
from safeguarding.assurance.scoping import business_unit_partnership_ids
from safeguarding.planning.models import Priority, Theme


def managed_partnerships(*, user) -> list[Partnership]:
    """Partnerships where the user is in the business unit."""
    return list(
        Partnership.objects.filter(pk__in=business_unit_partnership_ids(user)).order_by("name")
    )


def partnership_by_id(*, pk: int) -> Partnership:
    return Partnership.objects.get(pk=pk)


def partnerships_by_ids(*, ids, exclude: Partnership) -> list[Partnership]:
    """The partnerships with these ids (a joint report's others, as the report records them),
    in name order, without ``exclude``."""
    return list(
        Partnership.objects.filter(pk__in=list(ids)).exclude(pk=exclude.pk).order_by("name")
    )


def all_partnerships() -> list[Partnership]:
    return list(Partnership.objects.order_by("name"))


def localities_of(*, partnership_ids) -> list[Locality]:
    return list(
        Locality.objects.filter(partnership_id__in=list(partnership_ids)).select_related(
            "partnership"
        )
    )


def trusts_of(*, partnership_ids) -> list[Agency]:
    return list(
        Agency.objects.filter(
            type=AgencyType.MULTI_ACADEMY_TRUST, partnerships__in=list(partnership_ids)
        )
        .distinct()
        .order_by("name")
    )


def themes_active() -> QuerySet[Theme]:
    return Theme.objects.active().order_by("name")


def priorities_of(*, partnership_ids) -> list[Priority]:
    return list(
        Priority.objects.filter(plan__partnership_id__in=list(partnership_ids))
        .select_related("plan")
        .order_by("plan__starts_on", "order", "title")
    )


def agencies_of(*, partnership_id: int) -> list[Agency]:
    return list(Agency.objects.filter(partnerships=partnership_id).order_by("name"))
