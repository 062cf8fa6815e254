"""Evidence of impact waiting to be graded (the business unit, chairs and partners)."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.accounts.selectors import approvers_of
from safeguarding.core import approvals
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role

GRADERS = (Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER)


KIND = "Evidence of impact to grade"


def _evidence(user):
    from safeguarding.reviews.models import ImpactEvidence, Recommendation

    recommendations = Recommendation.objects.visible_to(user).filter(
        review__partnership_id__in=partnerships_where(user, GRADERS)
    )
    return ImpactEvidence.objects.filter(grade="", recommendation__in=recommendations).exclude(
        recommendation__status="closed"
    )


def evidence_waiting(user) -> list[approvals.Waiting]:
    evidence = _evidence(user).select_related("recommendation__review").order_by("created_at", "pk")
    return [
        approvals.Waiting(
            kind=KIND,
            title=str(item.recommendation),
            href=reverse("reviews:evidence-grade", args=[item.pk]),
            since=item.created_at,
        )
        for item in evidence
    ]


def graders_of(partnership_id: int) -> list[str]:
    return approvers_of(partnership_id, GRADERS)


def register() -> None:
    approvals.register(
        approvals.Source(
            key="impact-evidence",
            label="Evidence of impact to grade",
            permission="reviews.grade_evidence",
            waiting=evidence_waiting,
            count=lambda user: _evidence(user).count(),
            kind=KIND,
        )
    )
