"""Reads for multi-agency case audits."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Prefetch, QuerySet

from safeguarding.assurance.models import (
    AuditCase,
    AuditReturn,
    CaseAudit,
    CaseDomainGrade,
    RatingLevel,
)


def case_audit_list(*, user, status: str = "") -> QuerySet[CaseAudit]:
    audits = (
        CaseAudit.objects.visible_to(user)
        .select_related("partnership", "version__template")
        .prefetch_related("themes")
        .annotate(case_count=Count("cases", distinct=True))
    )
    if status:
        audits = audits.filter(status=status)
    return audits.order_by("-audits_due_on", "title")


def case_audit_get(*, user, pk: int) -> CaseAudit | None:
    return (
        CaseAudit.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("partnership", "version__template", "campaign", "priority")
        .prefetch_related(
            "themes",
            Prefetch(
                "cases",
                queryset=AuditCase.objects.select_related("overall_grade")
                .prefetch_related(
                    "agencies",
                    Prefetch(
                        "agency_returns",
                        queryset=AuditReturn.objects.select_related("agency").order_by(
                            "agency__name"
                        ),
                    ),
                )
                .order_by("reference"),
            ),
            "recommendations__agency",
            "recommendations__owner",
        )
        .first()
    )


def case_get(*, case_audit: CaseAudit, pk: int) -> AuditCase | None:
    return (
        AuditCase.objects.filter(case_audit_id=case_audit.pk, pk=pk)
        .select_related("overall_grade")
        .prefetch_related(
            "agencies",
            Prefetch(
                "domain_grades",
                queryset=CaseDomainGrade.objects.select_related("domain", "grade"),
            ),
            Prefetch(
                "agency_returns",
                queryset=AuditReturn.objects.select_related("agency").order_by("agency__name"),
            ),
        )
        .first()
    )


def domains_of(*, case_audit: CaseAudit):
    return list(case_audit.version.sections.filter(is_domain=True).order_by("number"))


def grades_of(*, case_audit: CaseAudit) -> list[RatingLevel]:
    return list(RatingLevel.objects.filter(scale__version=case_audit.version_id).order_by("-value"))


def grade_summary(*, case_audit: CaseAudit) -> list[tuple[str, int, float]]:
    """Overall grades of the cases: (label, count, % of graded cases), best first."""
    cases = list(case_audit.cases.all())
    graded = [c.overall_grade for c in cases if c.overall_grade_id]
    counts = Counter(level.pk for level in graded)
    total = len(graded)
    return [
        (level.label, counts.get(level.pk, 0), round(100 * counts.get(level.pk, 0) / total, 1))
        for level in grades_of(case_audit=case_audit)
        if total
    ]
