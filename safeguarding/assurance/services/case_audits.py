"""Writes for multi-agency case audits: plan the audit and sample cases (pseudonymised
references only), send each involved agency its single-agency tool per case, hold the panel
(grades per domain and overall), record findings and recommendations (which become actions
in the audit action tracker) and complete it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import Agency, AgencyMembership, Partnership
from safeguarding.assurance import workflow
from safeguarding.assurance.models import (
    AuditAction,
    AuditCase,
    AuditReturn,
    Campaign,
    CampaignStatus,
    CaseAudit,
    CaseDomainGrade,
    RatingLevel,
    TemplateKind,
    TemplateVersion,
    VersionStatus,
)
from safeguarding.assurance.services.campaigns import agency_contacts
from safeguarding.assurance.services.common import required
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.services import save_validated

CASE_AUDIT_FIELDS = ["title", "cohort", "scope", "audits_due_on", "priority", "status"]


def _lock(case_audit: CaseAudit) -> CaseAudit:
    return CaseAudit.objects.select_for_update().get(pk=case_audit.pk)


@transaction.atomic
def case_audit_create(
    *,
    actor,
    partnership: Partnership,
    title: str,
    version: TemplateVersion,
    cohort: str,
    audits_due_on: date,
    scope: str = "",
    themes=(),
    priority=None,
) -> CaseAudit:
    title, cohort = (title or "").strip(), (cohort or "").strip()
    required(title, "title", "Enter a title, such as Neglect: children on child protection plans.")
    required(cohort, "cohort", "Describe the cohort the cases are sampled from.")
    required(audits_due_on, "audits_due_on", "Enter the date agencies' audits are due.")
    required(version, "version", "Choose the single-agency audit tool.")
    if version.template.kind != TemplateKind.CASE_AUDIT or version.status == VersionStatus.DRAFT:
        raise ValidationError({"version": "Choose a published multi-agency case audit tool."})
    case_audit = CaseAudit.objects.create(
        partnership=partnership,
        title=title,
        version=version,
        cohort=cohort,
        scope=(scope or "").strip(),
        audits_due_on=audits_due_on,
        priority=priority,
        created_by=actor,
    )
    case_audit.themes.set(list(themes))
    audit_record(
        actor=actor,
        event="assurance.case_audit.created",
        target=case_audit,
        after={
            **snapshot(case_audit, CASE_AUDIT_FIELDS),
            "themes": sorted(t.name for t in themes),
        },
    )
    return case_audit


@transaction.atomic
def case_add(
    *,
    actor,
    case_audit: CaseAudit,
    reference: str,
    agencies,
    age_band: str = "",
    plan_type: str = "",
) -> AuditCase:
    case_audit = _lock(case_audit)
    workflow.CASE_AUDITS.check(case_audit.status, "add_case")
    reference = (reference or "").strip().upper()
    required(reference, "reference", "Enter the case's pseudonymised reference.")
    agencies = list(agencies)
    if not agencies:
        raise ValidationError({"agencies": "Choose the agencies involved with the child."})
    outside = [
        a.name for a in agencies if case_audit.partnership_id not in a.partnership_ids_for_rules()
    ]
    if outside:
        raise ValidationError(
            {"agencies": "Not organisations of this partnership: " + ", ".join(outside)}
        )
    if case_audit.cases.filter(reference=reference).exists():
        raise ValidationError({"reference": f"Case {reference} is already in this audit."})
    case = AuditCase(
        case_audit=case_audit,
        reference=reference,
        age_band=(age_band or "").strip(),
        plan_type=(plan_type or "").strip(),
    )
    save_validated(case)
    case.agencies.set(agencies)
    audit_record(
        actor=actor,
        event="assurance.case_audit.case_added",
        target=case_audit,
        after={"reference": reference, "agencies": sorted(a.name for a in agencies)},
    )
    return case


@transaction.atomic
def case_audit_start_audits(*, actor, case_audit: CaseAudit) -> CaseAudit:
    """Send each involved agency the single-agency tool for each of its cases."""
    case_audit = _lock(case_audit)
    target = workflow.CASE_AUDITS.check(case_audit.status, "start_audits").target
    cases = list(case_audit.cases.prefetch_related("agencies"))
    if not cases:
        raise ValidationError("Add the sampled cases before agencies start auditing.")
    today = timezone.localdate()
    if case_audit.audits_due_on <= today:
        raise ValidationError(
            {"audits_due_on": "The date audits are due has passed. Change it first."}
        )
    campaign = Campaign.objects.create(
        partnership=case_audit.partnership,
        title=f"Case audit: {case_audit.title}",
        description=case_audit.scope,
        version=case_audit.version,
        opens_on=today,
        closes_on=case_audit.audits_due_on,
        status=CampaignStatus.OPEN,
        audience={"case_audit": case_audit.pk},
        audience_summary="The agencies involved in each sampled case",
        created_by=actor,
        launched_at=timezone.now(),
    )
    returns = AuditReturn.objects.bulk_create(
        [
            AuditReturn(campaign=campaign, agency=agency, case=case)
            for case in cases
            for agency in case.agencies.all()
        ]
    )
    case_audit.campaign = campaign
    case_audit.status = target
    case_audit.save(update_fields=["campaign", "status", "updated_at"])
    by_agency: dict[int, list[str]] = {}
    for item in returns:
        by_agency.setdefault(item.agency_id, []).append(item.case.reference)
    contacts = agency_contacts(list(by_agency), [case_audit.partnership_id])
    for agency in Agency.objects.filter(pk__in=list(by_agency)):
        if contacts.get(agency.pk):
            email_send(
                to=contacts[agency.pk],
                subject=f"Multi-agency case audit: {case_audit.title}",
                template="assurance/email/case_audit_invitation",
                context={
                    "case_audit": case_audit,
                    "agency": agency,
                    "references": sorted(by_agency[agency.pk]),
                },
            )
    audit_record(
        actor=actor,
        event="assurance.case_audit.audits_started",
        target=case_audit,
        after={"cases": len(cases), "agency_audits": len(returns)},
    )
    return case_audit


@transaction.atomic
def case_audit_start_panel(*, actor, case_audit: CaseAudit, panel_on: date) -> CaseAudit:
    case_audit = _lock(case_audit)
    target = workflow.CASE_AUDITS.check(case_audit.status, "start_panel").target
    required(panel_on, "panel_on", "Enter the date of the panel discussion.")
    case_audit.status = target
    case_audit.panel_on = panel_on
    case_audit.save(update_fields=["status", "panel_on", "updated_at"])
    if case_audit.campaign_id:
        Campaign.objects.filter(pk=case_audit.campaign_id).update(
            status=CampaignStatus.CLOSED, closed_at=timezone.now()
        )
    audit_record(
        actor=actor,
        event="assurance.case_audit.panel_started",
        target=case_audit,
        after={"panel_on": panel_on},
    )
    return case_audit


@transaction.atomic
def case_panel_record(
    *,
    actor,
    case: AuditCase,
    grades: dict[int, int | None],
    overall_grade: int | None,
    panel_discussion: str,
    good_practice: str = "",
    learning: str = "",
) -> AuditCase:
    """The panel's grades for one case: {domain section id: rating level id} and overall."""
    case_audit = _lock(case.case_audit)
    workflow.CASE_AUDITS.check(case_audit.status, "grade")
    version = case_audit.version
    domains = {s.pk: s for s in version.sections.filter(is_domain=True)}
    scale_levels = {lvl.pk: lvl for lvl in RatingLevel.objects.filter(scale__version=version)}
    panel_discussion = (panel_discussion or "").strip()
    required(panel_discussion, "panel_discussion", "Summarise the panel's discussion of the case.")
    missing = [s.title for pk, s in domains.items() if not grades.get(pk)]
    if missing:
        raise ValidationError(
            {"grades": "Grade every domain. Not graded: " + "; ".join(missing) + "."}
        )
    for domain_id, level_id in grades.items():
        if domain_id not in domains:
            raise ValidationError({"grades": "That domain is not part of this audit tool."})
        if level_id not in scale_levels:
            raise ValidationError({"grades": "Choose a grade on the audit tool's scale."})
    if overall_grade not in scale_levels:
        raise ValidationError({"overall_grade": "Choose the overall grade for the case."})
    case = AuditCase.objects.select_for_update().get(pk=case.pk)
    case.panel_discussion = panel_discussion
    case.good_practice = (good_practice or "").strip()
    case.learning = (learning or "").strip()
    case.overall_grade = scale_levels[overall_grade]
    case.save()
    for domain_id, level_id in grades.items():
        CaseDomainGrade.objects.update_or_create(
            case=case, domain_id=domain_id, defaults={"grade": scale_levels[level_id]}
        )
    audit_record(
        actor=actor,
        event="assurance.case_audit.case_graded",
        target=case_audit,
        after={
            "case": case.reference,
            "overall": case.overall_grade.label,
            "domains": {domains[d].title: scale_levels[g].label for d, g in grades.items()},
        },
    )
    return case


@transaction.atomic
def case_audit_recommend(
    *,
    actor,
    case_audit: CaseAudit,
    agency: Agency,
    title: str,
    owner,
    due_on: date,
    description: str = "",
) -> AuditAction:
    """A recommendation from the panel, tracked as an action for the agency that owns it."""
    case_audit = _lock(case_audit)
    workflow.CASE_AUDITS.check(case_audit.status, "recommend")
    title = (title or "").strip()
    required(title, "title", "Enter the recommendation.")
    required(agency, "agency", "Choose the agency that owns the recommendation.")
    required(owner, "owner", "Choose the named owner.")
    required(due_on, "due_on", "Enter the date it is due.")
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": "The due date must be in the future."})
    if not AgencyMembership.objects.filter(agency=agency, user=owner).exists():
        raise ValidationError({"owner": f"The owner must work for {agency.name}."})
    action = AuditAction.objects.create(
        partnership=case_audit.partnership,
        agency=agency,
        case_audit=case_audit,
        title=title[:300],
        description=(description or "").strip(),
        owner=owner,
        due_on=due_on,
    )
    audit_record(
        actor=actor,
        event="assurance.case_audit.recommendation_added",
        target=case_audit,
        after={
            "recommendation": title,
            "agency": agency.name,
            "owner": owner.email,
            "due_on": due_on,
        },
    )
    email_send(
        to=[owner.email],
        subject=f"Case audit recommendation for {agency.name}",
        template="assurance/email/recommendation",
        context={"action": action, "case_audit": case_audit},
    )
    return action


@transaction.atomic
def case_audit_complete(*, actor, case_audit: CaseAudit, findings: str) -> CaseAudit:
    case_audit = _lock(case_audit)
    target = workflow.CASE_AUDITS.check(case_audit.status, "complete").target
    findings = (findings or "").strip()
    required(findings, "findings", "Write the audit's findings: the key themes found.")
    ungraded = list(
        case_audit.cases.filter(overall_grade__isnull=True).values_list("reference", flat=True)
    )
    if ungraded:
        raise ValidationError(
            "The panel has not graded these cases yet: " + ", ".join(ungraded) + "."
        )
    case_audit.status = target
    case_audit.findings = findings
    case_audit.save(update_fields=["status", "findings", "updated_at"])
    audit_record(
        actor=actor,
        event="assurance.case_audit.completed",
        target=case_audit,
        after={"findings": findings, "recommendations": case_audit.recommendations.count()},
    )
    return case_audit
