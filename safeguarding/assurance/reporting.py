"""What the assurance app contributes to the yearly report: the return rates of the Section 11
and Section 175/157 audits that closed in the period, and the multi-agency case audits
completed in it (aggregates only)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse

from safeguarding.assurance.models import Campaign, CaseAudit, CaseAuditStatus, TemplateKind
from safeguarding.assurance.selectors.campaigns import return_rate
from safeguarding.core.reporting import Contribution, Figure, Table


def assurance_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    joint = Campaign.joint_partnerships.through.objects.filter(
        partnership_id__in=partnership_ids
    ).values("campaign_id")
    campaigns = (
        Campaign.objects.filter(
            Q(partnership_id__in=partnership_ids) | Q(pk__in=joint),
            closes_on__range=(start, end),
            case_audit__isnull=True,
            launched_at__isnull=False,
        )
        # Agency contributions have their own section of the report (reporting_contributions).
        .exclude(version__template__kind=TemplateKind.YEARLY_REPORT)
        .select_related("version__template")
        .order_by("closes_on", "pk")
    )
    rows = []
    facts: dict = {}
    for campaign in campaigns:
        rate = return_rate(campaign=campaign).total
        kind = campaign.version.template.kind
        rows.append(
            [
                campaign.title,
                campaign.version.template.get_kind_display(),
                rate.invited,
                rate.returned,
                rate.rate if rate.rate is not None else "–",
            ]
        )
        if kind in (TemplateKind.SECTION_11, TemplateKind.SCHOOLS):
            facts.setdefault(f"{kind}_return_rate", rate.rate)
    case_audits = list(
        CaseAudit.objects.filter(
            partnership_id__in=partnership_ids,
            status=CaseAuditStatus.COMPLETE,
            panel_on__range=(start, end),
        ).order_by("panel_on", "pk")
    )
    tables = []
    if rows:
        tables.append(
            Table(
                caption="Audit and self-assessment return rates",
                headers=["Audit", "Kind", "Invited", "Returned", "Return rate (%)"],
                rows=rows,
                chart_column=4,
            )
        )
    if case_audits:
        tables.append(
            Table(
                caption="Multi-agency case audits completed",
                headers=["Case audit", "Panel date"],
                rows=[[a.title, f"{a.panel_on:%-d %B %Y}"] for a in case_audits],
            )
        )
    return Contribution(
        title="Audits and self-assessments",
        figures=[
            Figure("Section 11 return rate", facts.get("section_11_return_rate"), "%"),
            Figure("Section 175/157 return rate", facts.get("schools_return_rate"), "%"),
            Figure("Audits and self-assessments closed", len(rows)),
            Figure("Multi-agency case audits completed", len(case_audits)),
        ],
        tables=tables,
        facts={**facts, "case_audits": len(case_audits)},
        source_link=reverse("assurance:campaign-list"),
    )
