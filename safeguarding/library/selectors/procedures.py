"""Procedures: the public list, one document with its history, and those due for review."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet

from safeguarding.accounts.models import Partnership
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.library.models import Procedure, ProcedureStatus, ProcedureVersion


def procedure_list(*, user, partnership=None, status: str = "") -> QuerySet[Procedure]:
    found = Procedure.objects.visible_to(user)
    if partnership is not None:
        found = found.filter(partnerships=partnership)
    if status:
        found = found.filter(status=status)
    return (
        found.select_related("owner_agency")
        .prefetch_related(
            "partnerships",
            Prefetch(
                "versions", queryset=ProcedureVersion.objects.order_by("-effective_on", "-pk")
            ),
        )
        .distinct()
        .order_by("title")
    )


def current_version(procedure: Procedure) -> ProcedureVersion | None:
    """The latest version (from the prefetched versions when they are there)."""
    versions = list(procedure.versions.all())
    return versions[0] if versions else None


def procedure_get(*, user, pk: int) -> Procedure | None:
    return procedure_list(user=user).filter(pk=pk).first()


def procedures_due_for_review(*, user, today: date, within_days: int = 90):
    """Procedures of the person's partnerships (as business unit) whose review is due soon
    or overdue; withdrawn ones are left out."""
    own = partnerships_where(user, [Role.BUSINESS_UNIT])
    if not own:
        return Procedure.objects.none()
    return (
        Procedure.objects.filter(partnerships__in=own, review_due_on__isnull=False)
        .exclude(status=ProcedureStatus.WITHDRAWN)
        .filter(review_due_on__lte=today + timedelta(days=within_days))
        .select_related("owner")
        .distinct()
        .order_by("review_due_on", "title")
    )


def managed_partnerships(*, user):
    """The partnerships whose business unit the person is in: those a new document may
    belong to."""
    return Partnership.objects.filter(
        pk__in=partnerships_where(user, [Role.BUSINESS_UNIT])
    ).order_by("name")


def procedure_owner_choices(*, user, procedure: Procedure):
    """Who may own a document: active people with a role in one of the partnerships whose
    business unit the person is in, and its present owner."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    own = partnerships_where(user, [Role.BUSINESS_UNIT])
    people = get_user_model().objects.filter(
        Q(is_active=True, role_assignments__partnership__in=own) | Q(pk=procedure.owner_id)
    )
    return people.distinct().order_by("full_name", "email")
