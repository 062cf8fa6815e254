"""Reads for the business unit's member group pages, scoped to the partnerships it runs."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from safeguarding.accounts.models import Agency, AgencyType, Partnership
from safeguarding.training.models import Course, MemberGroup
from safeguarding.training.scoping import managed_partnership_ids

__all__ = [
    "MemberGroupRemoval",
    "managed_member_group_get",
    "managed_member_group_list",
    "member_group_agencies",
    "member_group_removal",
]


def managed_member_group_list(*, user) -> QuerySet[MemberGroup]:
    """Groups of the partnerships the user runs, with member counts and discounted courses."""
    return (
        MemberGroup.objects.filter(partnership_id__in=managed_partnership_ids(user))
        .select_related("partnership")
        .annotate(agency_count=Count("agencies", distinct=True))
        .prefetch_related(Prefetch("courses", queryset=Course.objects.order_by("title")))
        .order_by("partnership__name", "name", "pk")
    )


def managed_member_group_get(*, user, pk: int) -> MemberGroup | None:
    return (
        MemberGroup.objects.filter(partnership_id__in=managed_partnership_ids(user), pk=pk)
        .select_related("partnership")
        .first()
    )


def member_group_agencies(*, partnership: Partnership) -> list[Agency]:
    """The agencies that may be members: the partnership's own, by type and then name."""
    order = {value: index for index, value in enumerate(AgencyType.values)}
    agencies = list(Agency.objects.filter(partnerships=partnership).order_by("name", "pk"))
    return sorted(agencies, key=lambda a: (order.get(a.type, len(order)), a.name.lower()))


@dataclass
class MemberGroupRemoval:
    """What removing a group would change, shown before anyone confirms it."""

    courses: list[Course] = field(default_factory=list)
    agency_count: int = 0
    upcoming_bookings: int = 0
    past_bookings: int = 0


def member_group_removal(*, group: MemberGroup) -> MemberGroupRemoval:
    upcoming = group.bookings.still_to_come().count()
    return MemberGroupRemoval(
        courses=list(group.courses.order_by("title")),
        agency_count=group.agencies.count(),
        upcoming_bookings=upcoming,
        past_bookings=group.bookings.count() - upcoming,
    )
