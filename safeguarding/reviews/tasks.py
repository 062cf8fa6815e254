"""Scheduled jobs of case reviews, run by `safeguarding run-schedule` (idempotent)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from safeguarding.core.audit import audit_record
from safeguarding.core.email import email_send
from safeguarding.core.schedule import JobRun, register
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.core.working_days import add_working_days
from safeguarding.reviews import selectors, services

UPDATE_REQUESTS = "reviews.recommendation-update-requests"
CLOCK_WARNINGS = "reviews.clock-warnings"
CLOCK_EVENTS = {"breached": "reviews.clock.breached", "due-soon": "reviews.clock.due_soon"}
SUMMARY_CHASERS = "reviews.agency-summary-chasers"


@register(UPDATE_REQUESTS, "Ask each recommendation owner for their monthly update")
def monthly_update_requests(run: JobRun) -> None:
    """From the first working day of each month, one email per owner listing their open
    recommendations that have had no update this month. Sent once per owner per month."""
    on = timezone.localdate(run.now)
    first_working_day = add_working_days(on.replace(day=1), 0)
    if on < first_working_day:
        return
    recommendations = selectors.recommendations_due_for_request()
    due = services.update_requests_due(recommendations=recommendations, on=on)
    for owner, items in due.items():
        with transaction.atomic():
            if not run.once(f"{owner.pk}:{on:%Y-%m}"):
                continue
            email_send(
                to=[owner.email],
                subject=f"Monthly update needed on {len(items)} review recommendation"
                f"{'' if len(items) == 1 else 's'}",
                template="reviews/email/update_request",
                context={"owner": owner, "recommendations": items, "month": on},
            )
            for recommendation in items:
                audit_record(
                    job=UPDATE_REQUESTS,
                    event="reviews.recommendation.update_requested",
                    target=recommendation,
                    after={"owner": owner.email, "month": f"{on:%Y-%m}"},
                )


@register(CLOCK_WARNINGS, "Warn the business unit of statutory clocks due soon or breached")
def clock_warnings(run: JobRun) -> None:
    """One email per partnership business unit when a running clock is 2 working days from
    its date, and one when it is breached. Each warning is sent once."""
    on = timezone.localdate(run.now)
    soon = add_working_days(on, 2)
    for partnership, recipients, clocks in selectors.clocks_for_warnings():
        for clock in clocks:
            if clock.due is None:
                continue
            if clock.due < on:
                kind = "breached"
            elif clock.due <= soon:
                kind = "due-soon"
            else:
                continue
            with transaction.atomic():
                key = f"{clock.key}:{clock.record.pk}:{clock.due.isoformat()}:{kind}"
                if not run.once(key):
                    continue
                if recipients:
                    email_send(
                        to=recipients,
                        subject=(
                            "Statutory clock breached: "
                            if kind == "breached"
                            else "Statutory clock due soon: "
                        )
                        + f"{clock.label} ({clock.record})",
                        template="reviews/email/clock_warning",
                        context={
                            "clock": clock,
                            "kind": kind,
                            "today": on,
                            "partnership": partnership,
                        },
                    )
                audit_record(
                    job=CLOCK_WARNINGS,
                    event=CLOCK_EVENTS[kind],
                    target=clock.record,
                    after={"clock": clock.label, "due": clock.due, "sent_to": recipients},
                )


@register(SUMMARY_CHASERS, "Remind agencies of rapid review summaries due soon or overdue")
def summary_chasers(run: JobRun) -> None:
    """One reminder to the agency when its summary is 2 working days from due, and one when
    it is overdue. Only summaries still awaited: once received, or once the rapid review has
    gone to the Panel (the summary is then closed as not received), nobody is chased."""
    on = timezone.localdate(run.now)
    soon = add_working_days(on, 2)
    for summary in selectors.agency_summaries_to_chase(due_by=soon):
        kind = "overdue" if summary.due_on < on else "due-soon"
        with transaction.atomic():
            if not run.once(f"{summary.pk}:{summary.due_on.isoformat()}:{kind}"):
                continue
            contacts = services.agency_summary_contacts(summary)
            if contacts:
                email_send(
                    to=contacts,
                    subject=(
                        "Rapid review summary overdue: "
                        if kind == "overdue"
                        else "Rapid review summary due soon: "
                    )
                    + f"{summary.agency.name}, due {uk_date(summary.due_on)}",
                    template="reviews/email/summary_chaser",
                    context={"summary": summary, "kind": kind},
                )
            audit_record(
                job=SUMMARY_CHASERS,
                event="reviews.agency_summary.chased",
                target=summary,
                after={"kind": kind, "due_on": summary.due_on, "sent_to": contacts},
            )
