"""Reports and inspections a person may see; published reports for everyone."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.reporting import ReportScope
from safeguarding.core.roles import PARTNERSHIP_STAFF, Role
from safeguarding.reports.models import (
    Distribution,
    Inspection,
    InspectionAction,
    ReportComment,
    ReportStatus,
    SignOff,
    YearlyReport,
)


def staff_partnerships(*, user, business_unit: bool = False) -> QuerySet[Partnership]:
    roles = {Role.BUSINESS_UNIT} if business_unit else PARTNERSHIP_STAFF
    return Partnership.objects.filter(pk__in=partnerships_where(user, roles)).order_by("name")


def joint_partnership_choices() -> QuerySet[Partnership]:
    """Every partnership on the platform, for choosing who a joint report is written with."""
    return Partnership.objects.order_by("name")


def agency_choices(*, partnerships) -> QuerySet[Agency]:
    return Agency.objects.filter(partnerships__in=partnerships).distinct().order_by("name")


def report_list(*, user) -> QuerySet[YearlyReport]:
    return (
        YearlyReport.objects.visible_to(user)
        .select_related("partnership")
        .prefetch_related("sign_offs")
        .distinct()
    )


def report_get(*, user, pk: int) -> YearlyReport | None:
    return (
        YearlyReport.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("partnership")
        .prefetch_related(
            "texts",
            "joint_partnerships",
            Prefetch("sign_offs", queryset=SignOff.objects.order_by("partner")),
            Prefetch("distributions", queryset=Distribution.objects.order_by("sent_on", "pk")),
        )
        .first()
    )


def report_scope(user, report_id: int) -> ReportScope | None:
    """Whose report ``report_id`` is and its period, read from the report itself, when the
    person manages it (the business unit of a partnership it is for); None otherwise. Other
    apps reach it through ``core.reporting.report_scope`` (registered in capabilities)."""
    if user is None or not user.is_authenticated:
        return None
    report = (
        YearlyReport.objects.visible_to(user)
        .filter(pk=report_id)
        .select_related("partnership")
        .prefetch_related("joint_partnerships")
        .first()
    )
    if report is None or not user.has_perm("reports.manage_report", report):
        return None
    return ReportScope(
        report_id=report.pk,
        title=report.title,
        partnership_id=report.partnership_id,
        joint_partnership_ids=tuple(
            sorted(p.pk for p in report.joint_partnerships.all() if p.pk != report.partnership_id)
        ),
        start=report.period_start,
        end=report.period_end,
    )


def report_comments(*, report: YearlyReport) -> QuerySet[ReportComment]:
    """A report's comments (not replies) with their replies, oldest first; the caller has
    loaded the report through ``report_get`` (scoped to the person's partnerships)."""
    return (
        ReportComment.objects.filter(report=report, parent__isnull=True)
        .select_related("author")
        .prefetch_related(
            Prefetch("replies", queryset=ReportComment.objects.order_by("created_at", "pk"))
        )
        .order_by("created_at", "pk")
    )


def published_reports(*, partnership: Partnership | None = None) -> QuerySet[YearlyReport]:
    reports = YearlyReport.objects.published().select_related("partnership")
    if partnership is not None:
        reports = reports.filter(partnership=partnership)
    return reports


def api_reports(*, user) -> QuerySet[YearlyReport]:
    """Published reports, and the unpublished ones the person's partnerships may see."""
    published = YearlyReport.objects.published()
    if user is not None and user.is_authenticated:
        visible = YearlyReport.objects.visible_to(user).values("pk")
        published = YearlyReport.objects.filter(
            Q(status=ReportStatus.PUBLISHED) | Q(pk__in=visible)
        )
    return published.select_related("partnership").order_by("-period_end", "-pk")


def published_report_get(*, pk: int) -> YearlyReport | None:
    return (
        YearlyReport.objects.published()
        .filter(pk=pk)
        .select_related("partnership")
        .prefetch_related(
            "texts",
            "joint_partnerships",
            Prefetch("sign_offs", queryset=SignOff.objects.order_by("partner")),
        )
        .first()
    )


def inspection_list(*, user) -> QuerySet[Inspection]:
    return (
        Inspection.objects.visible_to(user)
        .select_related("partnership")
        .prefetch_related("agencies", "actions")
    )


def inspection_get(*, user, pk: int) -> Inspection | None:
    return (
        Inspection.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("partnership")
        .prefetch_related(
            "agencies",
            Prefetch("actions", queryset=InspectionAction.objects.select_related("owner_agency")),
        )
        .first()
    )


def inspections_in_period(*, partnership_ids, start, end) -> QuerySet[Inspection]:
    """For the report's inspections section (the report's own app: not user-scoped; the
    caller already decided the person may see the report)."""
    return (
        Inspection.objects.filter(
            partnership_id__in=partnership_ids, inspected_on__range=(start, end)
        )
        .prefetch_related("agencies", "actions")
        .order_by("inspected_on", "pk")
    )


def arrangements_published(*, partnership: Partnership | None):
    """The current (latest published) version of each partnership's arrangements, or of the
    site's partnership only."""
    from safeguarding.reports.models import Arrangements

    versions = Arrangements.objects.published().select_related("partnership")
    if partnership is not None:
        versions = versions.filter(partnership=partnership)
    latest: dict[int, Arrangements] = {}
    for version in versions.order_by("partnership__name", "-number"):
        latest.setdefault(version.partnership_id, version)
    return list(latest.values())


def arrangements_list(*, user):
    from safeguarding.reports.models import Arrangements

    return Arrangements.objects.visible_to(user).select_related("partnership")


def arrangements_get(*, user, pk: int):
    from safeguarding.reports.models import Arrangements

    return Arrangements.objects.visible_to(user).filter(pk=pk).select_related("partnership").first()
