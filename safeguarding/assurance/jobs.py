"""Scheduled jobs: chase outstanding returns before and after the closing date, and mark
returns late once the closing date has passed.

Reminders go out on working days only. Before the closing date a reminder is due when the
working days left fall to one of the campaign's reminder days (14, 7 and 1 by default);
only the latest due reminder is sent, so a missed run never sends three at once. After the
closing date, outstanding returns are chased on the first working day and then every
``chase_every_days`` working days. Each reminder is claimed with ``run.once`` so running the
schedule again never sends it twice.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from safeguarding.assurance import workflow
from safeguarding.assurance.models import AuditReturn, Campaign, CampaignStatus, ReturnStatus
from safeguarding.assurance.services.campaigns import agency_contacts
from safeguarding.core.audit import audit_record
from safeguarding.core.email import email_send
from safeguarding.core.schedule import JobRun, register
from safeguarding.core.working_days import is_working_day, working_days_between

JOB = "assurance.chase-returns"
OUTSTANDING = [
    ReturnStatus.NOT_STARTED,
    ReturnStatus.IN_PROGRESS,
    ReturnStatus.LATE,
]


def reminder_stage(campaign: Campaign, today) -> str | None:
    """Which reminder is due today for an outstanding return, as a key; None if none."""
    if today < campaign.opens_on:
        return None
    if today <= campaign.closes_on:
        left = working_days_between(today, campaign.closes_on)
        due = [d for d in campaign.reminder_day_list if left <= d]
        return f"before-{min(due)}" if due else None
    overdue = working_days_between(campaign.closes_on, today)
    return f"after-{(overdue - 1) // max(campaign.chase_every_days, 1)}"


def _mark_late(run: JobRun, campaign: Campaign, today) -> None:
    if today <= campaign.closes_on:
        return
    late = list(
        campaign.returns.filter(
            status__in=[ReturnStatus.NOT_STARTED, ReturnStatus.IN_PROGRESS]
        ).select_for_update()
    )
    for audit_return in late:
        before = audit_return.status
        workflow.RETURNS.apply(audit_return, "mark_late")
        audit_return.save(update_fields=["status", "updated_at"])
        audit_record(
            job=JOB,
            event="assurance.audit_return.marked_late",
            target=audit_return,
            before={"status": before},
            after={"status": audit_return.status, "closed_on": campaign.closes_on},
        )
        run.done += 1


@register(JOB, "Chase outstanding audit returns and mark them late after the closing date")
def chase_returns(run: JobRun) -> None:
    today = timezone.localdate(run.now)
    for campaign in Campaign.objects.filter(status=CampaignStatus.OPEN).prefetch_related(
        "joint_partnerships"
    ):
        with transaction.atomic():
            _mark_late(run, campaign, today)
        if not is_working_day(today):
            continue
        stage = reminder_stage(campaign, today)
        if stage is None:
            continue
        outstanding = list(
            AuditReturn.objects.filter(campaign=campaign, status__in=OUTSTANDING)
            .select_related("agency", "lead", "case")
            .prefetch_related("contributors")
        )
        contacts = agency_contacts(
            {r.agency_id for r in outstanding}, campaign.partnership_ids_for_rules()
        )
        for audit_return in outstanding:
            with transaction.atomic():
                if not run.once(f"return:{audit_return.pk}:{stage}"):
                    continue
                to = set(contacts.get(audit_return.agency_id, []))
                to |= {u.email for u in audit_return.contributors.all()}
                if audit_return.lead:
                    to.add(audit_return.lead.email)
                if not to:
                    continue
                overdue = stage.startswith("after")
                email_send(
                    to=sorted(to),
                    subject=(
                        f"Overdue: {campaign.title}"
                        if overdue
                        else f"Reminder: {campaign.title} closes on {campaign.closes_on:%-d %B %Y}"
                    ),
                    template="assurance/email/chaser",
                    context={
                        "campaign": campaign,
                        "audit_return": audit_return,
                        "overdue": overdue,
                    },
                )
                audit_record(
                    job=JOB,
                    event="assurance.audit_return.chased",
                    target=audit_return,
                    after={"stage": stage, "to": sorted(to)},
                )
