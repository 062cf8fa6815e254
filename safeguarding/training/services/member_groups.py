"""Writes for member groups: named groups of agencies whose staff pay less (such as ECVYS).

A booking keeps the fee worked out when it was made, and names the member group that gave
the discount (shown in the charges list). So a group is not removed while bookings for
sessions still to come use it; bookings for past sessions keep their fee but no longer name
the group once it is removed, which the confirmation page says before anyone removes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from safeguarding.accounts.models import Agency
from safeguarding.core.audit import audit_record
from safeguarding.training.models import MemberGroup


def _snapshot(group: MemberGroup) -> dict:
    return {
        "name": group.name,
        "discount_percent": group.discount_percent,
        "agencies": sorted(a.name for a in group.agencies.all()),
        "courses": sorted(c.title for c in group.courses.all()),
    }


def _check(group: MemberGroup, agencies: list[Agency]) -> None:
    errors: dict[str, str] = {}
    if not group.name:
        errors["name"] = "Enter the name of the member group, like “ECVYS members”."
    elif (
        MemberGroup.objects.filter(partnership_id=group.partnership_id, name__iexact=group.name)
        .exclude(pk=group.pk)
        .exists()
    ):
        errors["name"] = (
            f"There is already a member group called “{group.name}” in this partnership. "
            "Choose a different name, or change the existing group."
        )
    if agencies:
        allowed = set(
            Agency.objects.filter(
                partnerships=group.partnership_id, pk__in=[a.pk for a in agencies]
            ).values_list("pk", flat=True)
        )
        if any(a.pk not in allowed for a in agencies):
            errors["agencies"] = "Choose member agencies from this partnership's agencies."
    if errors:
        raise ValidationError(errors)
    group.full_clean(exclude=["partnership"], validate_constraints=False)


def _save(group: MemberGroup) -> None:
    """Save; two people adding the same name at once get the same message, not an error."""
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as error:
        raise ValidationError(
            {
                "name": f"There is already a member group called “{group.name}” in this "
                "partnership. Choose a different name, or change the existing group."
            }
        ) from error


@transaction.atomic
def member_group_create(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    name: str,
    discount_percent: int,
    agencies: Iterable[Agency] = (),
) -> MemberGroup:
    agencies = list(agencies)
    group = MemberGroup(
        partnership=partnership, name=(name or "").strip(), discount_percent=discount_percent
    )
    _check(group, agencies)
    _save(group)
    group.agencies.set(agencies)
    audit_record(
        actor=actor,
        job=job,
        event="training.member_group.created",
        target=group,
        after=_snapshot(group),
    )
    return group


@transaction.atomic
def member_group_update(
    *,
    actor,
    group: MemberGroup,
    name: str,
    discount_percent: int,
    agencies: Iterable[Agency],
) -> MemberGroup:
    """Change the name, discount and members. Bookings already made keep their fee."""
    agencies = list(agencies)
    group = MemberGroup.objects.select_for_update().get(pk=group.pk)
    before = _snapshot(group)
    group.name = (name or "").strip()
    group.discount_percent = discount_percent
    _check(group, agencies)
    _save(group)
    group.agencies.set(agencies)
    after = _snapshot(group)
    if after != before:
        audit_record(
            actor=actor,
            event="training.member_group.updated",
            target=group,
            before=before,
            after=after,
        )
    return group


@transaction.atomic
def member_group_remove(*, actor, group: MemberGroup) -> None:
    """Remove a group. Refused while bookings for sessions to come use it."""
    group = MemberGroup.objects.select_for_update().get(pk=group.pk)
    upcoming = group.bookings.still_to_come().count()
    if upcoming:
        raise ValidationError(
            f"“{group.name}” cannot be removed yet: {upcoming} "
            f"booking{'s' if upcoming != 1 else ''} for sessions still to come "
            f"{'were' if upcoming != 1 else 'was'} discounted through it. Remove it once those "
            "sessions have taken place, or take agencies out of the group instead."
        )
    before = {**_snapshot(group), "past_bookings": group.bookings.count()}
    audit_record(actor=actor, event="training.member_group.removed", target=group, before=before)
    group.delete()
