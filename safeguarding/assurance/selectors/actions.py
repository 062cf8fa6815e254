"""Reads for audit actions: the partnership's open actions, an organisation's own, one action
with its timeline."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership
from safeguarding.assurance.models import AuditAction, AuditActionFile


@dataclass(frozen=True)
class ActionFilter:
    status: str = "open"  # "open" (not closed), "overdue", "closed", or "" for all
    agency: int | None = None
    source: str = ""  # "campaign" or "case_audit"


def action_list(*, user, filters: ActionFilter | None = None) -> QuerySet[AuditAction]:
    filters = filters or ActionFilter()
    actions = AuditAction.objects.visible_to(user).select_related(
        "agency",
        "owner",
        "audit_return__campaign",
        "case_audit",
        "question",
    )
    if filters.status == "open":
        actions = actions.open()
    elif filters.status == "overdue":
        actions = actions.open().filter(due_on__lt=timezone.localdate())
    elif filters.status:
        actions = actions.filter(status=filters.status)
    if filters.agency:
        actions = actions.filter(agency_id=filters.agency)
    if filters.source == "campaign":
        actions = actions.filter(audit_return__isnull=False)
    elif filters.source == "case_audit":
        actions = actions.filter(case_audit__isnull=False)
    return actions.order_by("due_on", "pk")


def action_get(*, user, pk: int) -> AuditAction | None:
    return (
        AuditAction.objects.visible_to(user)
        .filter(pk=pk)
        .select_related(
            "agency", "owner", "audit_return__campaign", "case_audit", "question", "closed_by"
        )
        .prefetch_related("updates__author", "updates__files")
        .first()
    )


def action_file_get(*, user, action: AuditAction, pk: int) -> AuditActionFile | None:
    """A file sent with evidence on an action the person may see."""
    if not AuditAction.objects.visible_to(user).filter(pk=action.pk).exists():
        return None
    return AuditActionFile.objects.filter(pk=pk, update__action_id=action.pk).first()


def agency_people(*, agency_id: int):
    """People who work for an agency (possible owners of its actions)."""
    return [
        m.user
        for m in AgencyMembership.objects.filter(agency_id=agency_id, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    ]
