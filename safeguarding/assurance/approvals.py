"""Audit returns submitted and waiting for moderation (the business unit and partners)."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.accounts.selectors import approvers_of
from safeguarding.core import approvals
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role

MODERATORS = (Role.BUSINESS_UNIT, Role.SAFEGUARDING_PARTNER)


KIND = "Audit return to moderate"


def _returns(user):
    from safeguarding.assurance.models import AuditReturn, Campaign, ReturnStatus

    # The campaigns as a subquery (not a join) so the database reads the returns through the
    # (status, campaign) index: only the moderator's partnerships' submitted returns.
    campaigns = Campaign.objects.filter(
        partnership_id__in=partnerships_where(user, MODERATORS)
    ).values("pk")
    return AuditReturn.objects.visible_to(user).filter(
        status=ReturnStatus.SUBMITTED, moderated_at__isnull=True, campaign_id__in=campaigns
    )


def returns_waiting(user) -> list[approvals.Waiting]:
    returns = _returns(user).select_related("campaign", "agency").order_by("submitted_at", "pk")
    return [
        approvals.Waiting(
            kind=KIND,
            title=f"{audit_return.agency.name}: {audit_return.campaign.title}",
            href=reverse("assurance:return-moderate", args=[audit_return.pk]),
            since=audit_return.submitted_at,
        )
        for audit_return in returns
    ]


def moderators_of(partnership_id: int) -> list[str]:
    return approvers_of(partnership_id, MODERATORS)


def register() -> None:
    approvals.register(
        approvals.Source(
            key="audit-returns",
            label="Audit returns to moderate",
            permission="assurance.moderate_return",
            waiting=returns_waiting,
            count=lambda user: _returns(user).count(),
            kind=KIND,
        )
    )
