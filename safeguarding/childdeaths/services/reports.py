"""Asking agencies for their reports, chasing them, and an agency lead submitting one."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.models import RoleAssignment
from safeguarding.childdeaths import audit_events
from safeguarding.childdeaths.clocks import targets
from safeguarding.childdeaths.models import AgencyReport, ChildDeath, Status
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.roles import Role
from safeguarding.core.scoping import leads_agency_in


def _lead_emails(report: AgencyReport) -> list[str]:
    return sorted(
        set(
            RoleAssignment.objects.filter(
                role=Role.AGENCY_LEAD,
                agency=report.agency,
                partnership__in=report.child_death.partnership_ids_for_rules(),
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    )


def _email_leads(report: AgencyReport, *, template: str, subject: str) -> None:
    to = _lead_emails(report)
    if to:
        email_send(
            to=to,
            subject=subject,
            template=template,
            context={
                "report": report,
                "url": reverse("childdeaths:report-submit", args=[report.pk]),
            },
        )


def report_request(
    *, actor, death: ChildDeath, agencies, due_on: datetime.date | None = None
) -> list[AgencyReport]:
    """Ask each agency that knew the child for its report; its leads are emailed."""
    agencies = list(agencies)
    if not agencies:
        raise ValidationError({"agencies": "Choose at least one agency to ask for a report."})
    if death.status == Status.CLOSED:
        raise ValidationError("The review of this death is closed: no more reports can be asked.")
    today = timezone.localdate()
    due_on = due_on or today + datetime.timedelta(days=targets()["report_days"])
    if due_on < today:
        raise ValidationError({"due_on": "The due date cannot be in the past."})
    partnership_ids = set(death.partnership_ids_for_rules())
    outside = [
        a.name
        for a in agencies
        if not partnership_ids & set(a.partnerships.values_list("pk", flat=True))
    ]
    if outside:
        raise ValidationError(
            {
                "agencies": "These agencies are not in the child's partnerships: "
                + ", ".join(outside)
            }
        )
    already = set(
        AgencyReport.objects.filter(child_death=death, agency__in=agencies).values_list(
            "agency__name", flat=True
        )
    )
    if already:
        raise ValidationError(
            {"agencies": "A report has already been asked of: " + ", ".join(sorted(already))}
        )
    with transaction.atomic():
        created = []
        for agency in agencies:
            report = AgencyReport.objects.create(
                child_death=death, agency=agency, requested_on=today, due_on=due_on
            )
            audit_record(
                actor=actor,
                event=audit_events.REPORT_REQUEST,
                target=report,
                after=snapshot(report, ("agency", "requested_on", "due_on")),
            )
            _email_leads(
                report,
                template="childdeaths/email/report_requested",
                subject=f"Child death review {death.reference}: your agency's report is asked",
            )
            created.append(report)
    return created


def report_submit(*, actor, report: AgencyReport, text: str) -> AgencyReport:
    """The agency's lead submits its report. Refused for anyone who does not lead the agency
    that was asked."""
    partnership_ids = report.child_death.partnership_ids_for_rules()
    if not leads_agency_in(actor, report.agency_id, partnership_ids):
        raise ValidationError(
            "Only the safeguarding lead of the agency that was asked can submit this report."
        )
    if report.is_submitted:
        raise ValidationError("This report has already been submitted.")
    if not text.strip():
        raise ValidationError({"text": "Enter the agency's report."})
    with transaction.atomic():
        report = AgencyReport.objects.select_for_update().get(pk=report.pk)
        if report.is_submitted:
            raise ValidationError("This report has already been submitted.")
        report.text = text.strip()
        report.submitted_on = timezone.localdate()
        report.submitted_by = actor
        report.save(update_fields=["text", "submitted_on", "submitted_by", "updated_at"])
        audit_record(
            actor=actor,
            event=audit_events.REPORT_SUBMIT,
            target=report,
            after=snapshot(report, ("submitted_on",)),
        )
    return report


def report_chase_overdue(*, job: str, today: datetime.date | None = None, run=None) -> int:
    """Chase every overdue report not chased in the last ``chase_every_days``; returns how
    many were chased. With ``run`` (a scheduled job run), each chaser is sent once."""
    today = today or timezone.localdate()
    every = targets()["chase_every_days"]
    due = (
        AgencyReport.objects.filter(submitted_on__isnull=True, due_on__lt=today)
        .exclude(child_death__status=Status.CLOSED)
        .select_related("child_death", "agency")
    )
    chased = 0
    for report in due:
        if report.last_chased_on and (today - report.last_chased_on).days < every:
            continue
        with transaction.atomic():
            if run is not None and not run.once(f"chase:{report.pk}:{today.isoformat()}"):
                continue
            report.last_chased_on = today
            report.save(update_fields=["last_chased_on", "updated_at"])
            audit_record(
                job=job,
                event=audit_events.REPORT_CHASE,
                target=report,
                after={"due_on": report.due_on, "chased_on": today},
            )
            _email_leads(
                report,
                template="childdeaths/email/report_overdue",
                subject=f"Child death review {report.child_death.reference}: report overdue",
            )
        chased += 1
    return chased


__all__ = ["report_chase_overdue", "report_request", "report_submit"]
