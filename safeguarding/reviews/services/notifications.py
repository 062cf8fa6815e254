"""Writes for serious incident notifications, rapid reviews and agency summaries."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Agency, Partnership, RoleAssignment
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.roles import Role
from safeguarding.core.services import model_update
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.core.working_days import add_working_days, working_days_between
from safeguarding.reviews.models import (
    REGULATION_11_CRITERIA,
    AgencySummary,
    ClockStart,
    Decision,
    Notification,
    RapidReview,
    Review,
    ReviewKind,
    ReviewSettings,
)
from safeguarding.reviews.services.common import (
    lock,
    not_before,
    not_in_future,
    required,
    save_new_version,
    today,
)

NOTIFICATION_FIELDS = [
    "child_pseudonym",
    "age_band",
    "sex",
    "ethnicity",
    "disability",
    "nature",
    "looked_after",
    "outline",
    "became_aware_on",
    "notified_on",
    "late_reason",
]
RAPID_REVIEW_FIELDS = [
    "clock_start_event",
    "clock_start_on",
    "meeting_on",
    "signed_off_on",
    "signed_off_by",
    "decision",
    "decided_on",
    "other_learning_route",
    "decision_rationale",
    *[field for field, _ in REGULATION_11_CRITERIA],
    "sent_to_panel_on",
    "panel_response",
    "panel_response_on",
    "panel_response_notes",
    "late_reason",
]

# Dates like 03/04/2015 or 3.4.15, an email address or a postcode: things a pseudonym must
# never hold.
_IDENTIFYING = [
    (re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"), "a date"),
    (re.compile(r"\S+@\S+"), "an email address"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE), "a postcode"),
]


# Settings -------------------------------------------------------------------------------


def _settings_for(partnership: Partnership) -> ReviewSettings:
    found = ReviewSettings.objects.filter(partnership=partnership).first()
    return found or ReviewSettings(partnership=partnership)


@transaction.atomic
def review_settings_update(
    *, actor, partnership: Partnership, rapid_review_clock_start: str
) -> ReviewSettings:
    if rapid_review_clock_start not in ClockStart.values:
        raise ValidationError(
            {"rapid_review_clock_start": "Choose when the rapid review clock starts."}
        )
    settings, _ = ReviewSettings.objects.select_for_update().get_or_create(partnership=partnership)
    before = snapshot(settings, ["rapid_review_clock_start"])
    settings.rapid_review_clock_start = rapid_review_clock_start
    settings.save()
    audit_record(
        actor=actor,
        event="reviews.review_settings.updated",
        target=settings,
        before=before,
        after=snapshot(settings, ["rapid_review_clock_start"]),
    )
    return settings


# Notifications --------------------------------------------------------------------------


def _check_pseudonym(value: str) -> str:
    value = (value or "").strip()
    required(value, "child_pseudonym", "Enter the pseudonym used for the child, like “Child Q”.")
    for pattern, what in _IDENTIFYING:
        if pattern.search(value):
            raise ValidationError(
                {
                    "child_pseudonym": f"The pseudonym looks like it contains {what}. Use a "
                    "pseudonym such as “Child Q” and never the child’s details."
                }
            )
    return value


def _check_notification(notification: Notification, agencies, partnership_id: int) -> None:
    not_in_future(
        notification.became_aware_on, "became_aware_on", "The date the local authority became aware"
    )
    not_in_future(notification.notified_on, "notified_on", "The date notified")
    if notification.notified_on and notification.notified_on < notification.became_aware_on:
        raise ValidationError(
            {
                "notified_on": "The Panel cannot have been notified "
                f"({uk_date(notification.notified_on)}) before the local authority became aware "
                f"({uk_date(notification.became_aware_on)}). Check both dates."
            }
        )
    clock = notification.notify_clock
    if (
        notification.notified_on
        and clock.is_breached(today())
        and not (notification.late_reason or "").strip()
    ):
        late_by = working_days_between(notification.notify_by, notification.notified_on)
        raise ValidationError(
            {
                "late_reason": f"The Panel was notified {late_by} working day"
                f"{'' if late_by == 1 else 's'} after the deadline of "
                f"{uk_date(notification.notify_by)} (5 working days after awareness). Give the "
                "reason it was late."
            }
        )
    outside = [a.name for a in agencies if partnership_id not in _agency_partnerships(a)]
    if outside:
        raise ValidationError(
            {"agencies_involved": f"{', '.join(outside)} is not an agency of this partnership."}
        )


def _agency_partnerships(agency: Agency) -> set[int]:
    return set(agency.partnerships.values_list("pk", flat=True))


def _next_reference(partnership: Partnership, year: int) -> str:
    prefix = f"{year}-"
    taken = Notification.objects.filter(
        partnership=partnership, reference__startswith=prefix
    ).values_list("reference", flat=True)
    numbers = [int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def _notification_after(notification: Notification) -> dict:
    return {
        **snapshot(notification, NOTIFICATION_FIELDS),
        "agencies_involved": sorted(a.name for a in notification.agencies_involved.all()),
        "themes": sorted(t.name for t in notification.themes.all()),
    }


@transaction.atomic
def notification_create(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    agencies_involved=(),
    themes=(),
    **fields,
) -> Notification:
    unknown = set(fields) - set(NOTIFICATION_FIELDS)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} cannot be set on a notification.")
    fields["child_pseudonym"] = _check_pseudonym(fields.get("child_pseudonym", ""))
    required(
        fields.get("became_aware_on"),
        "became_aware_on",
        "Enter the date the local authority became aware of the incident.",
    )
    notification = Notification(partnership=partnership, **fields)
    _check_notification(notification, list(agencies_involved), partnership.pk)
    notification.reference = _next_reference(partnership, notification.became_aware_on.year)
    notification.full_clean()
    notification.save()
    notification.agencies_involved.set(agencies_involved)
    notification.themes.set(themes)
    audit_record(
        actor=actor,
        job=job,
        event="reviews.notification.created",
        target=notification,
        after=_notification_after(notification),
    )
    return notification


@transaction.atomic
def notification_update(
    *,
    actor,
    notification: Notification,
    version: int | None,
    agencies_involved=None,
    themes=None,
    **fields,
) -> Notification:
    notification = lock(Notification, notification, version)
    for name in fields:
        if name not in NOTIFICATION_FIELDS:
            raise ValidationError(f"{name} cannot be changed on a notification.")
    agencies = (
        list(agencies_involved)
        if agencies_involved is not None
        else list(notification.agencies_involved.all())
    )
    data = {**fields, "agencies_involved": agencies}
    if themes is not None:
        data["themes"] = themes

    def check(record: Notification) -> None:
        record.child_pseudonym = _check_pseudonym(record.child_pseudonym)
        _check_notification(record, agencies, record.partnership_id)

    def move_clock(record: Notification) -> None:
        rapid_review = RapidReview.objects.filter(notification=record).first()
        if rapid_review is not None:
            start = _clock_start(record, rapid_review.clock_start_event)
            if start != rapid_review.clock_start_on:
                rapid_review.clock_start_on = start
                save_new_version(rapid_review, update_fields=["clock_start_on"])

    notification, _ = model_update(
        notification,
        fields=[*NOTIFICATION_FIELDS, "agencies_involved", "themes"],
        data=data,
        validate=check,
        full_clean=False,  # save_new_version validates
        save=lambda record, update_fields: save_new_version(record),
        then=move_clock,
        always=True,
        describe=_notification_after,
        actor=actor,
        event="reviews.notification.updated",
    )
    return notification


# Rapid reviews --------------------------------------------------------------------------


def _clock_start(notification: Notification, event: str) -> date:
    if event == ClockStart.AWARENESS:
        return notification.became_aware_on
    if notification.notified_on is None:
        raise ValidationError(
            {
                "notified_on": "This partnership counts the rapid review from the date the "
                "Panel was notified. Record the date the notification was sent first."
            }
        )
    return notification.notified_on


@transaction.atomic
def rapid_review_start(
    *, actor=None, job: str | None = None, notification: Notification
) -> RapidReview:
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if RapidReview.objects.filter(notification=notification).exists():
        raise ValidationError("A rapid review of this incident has already been started.")
    event = _settings_for(notification.partnership).rapid_review_clock_start
    rapid_review = RapidReview.objects.create(
        notification=notification,
        partnership_id=notification.partnership_id,
        clock_start_event=event,
        clock_start_on=_clock_start(notification, event),
    )
    audit_record(
        actor=actor,
        job=job,
        event="reviews.rapid_review.started",
        target=rapid_review,
        after={**snapshot(rapid_review, RAPID_REVIEW_FIELDS), "due_on": rapid_review.due_on},
    )
    return rapid_review


def _rapid_review_change(
    *, actor, job, rapid_review: RapidReview, version, event: str, check, **fields
) -> RapidReview:
    rapid_review, _ = model_update(
        lock(RapidReview, rapid_review, version),
        fields=list(fields),
        data=fields,
        validate=check,
        full_clean=False,  # save_new_version validates
        save=lambda record, update_fields: save_new_version(record),
        always=True,
        audit_fields=RAPID_REVIEW_FIELDS,
        actor=actor,
        job=job,
        event=event,
    )
    return rapid_review


def _not_after_sending(rapid_review: RapidReview, what: str) -> None:
    if rapid_review.sent_to_panel_on is not None:
        raise ValidationError(
            f"The rapid review was sent to the Panel on {uk_date(rapid_review.sent_to_panel_on)}; "
            f"the {what} can no longer be changed."
        )


@transaction.atomic
def rapid_review_record_meeting(
    *, actor=None, job=None, rapid_review: RapidReview, version: int | None, meeting_on: date
) -> RapidReview:
    def check(rr: RapidReview) -> None:
        required(rr.meeting_on, "meeting_on", "Enter the date of the rapid review meeting.")
        _not_after_sending(rr, "meeting date")
        not_in_future(rr.meeting_on, "meeting_on", "The meeting date")
        not_before(
            rr.meeting_on,
            rr.notification.became_aware_on,
            "meeting_on",
            "The meeting cannot be before the local authority became aware of the incident "
            "({earlier}).",
        )

    return _rapid_review_change(
        actor=actor,
        job=job,
        rapid_review=rapid_review,
        version=version,
        event="reviews.rapid_review.meeting_recorded",
        check=check,
        meeting_on=meeting_on,
    )


@transaction.atomic
def rapid_review_sign_off(
    *,
    actor=None,
    job=None,
    rapid_review: RapidReview,
    version: int | None,
    signed_off_on: date,
    signed_off_by: str,
) -> RapidReview:
    def check(rr: RapidReview) -> None:
        _not_after_sending(rr, "sign-off")
        if rr.meeting_on is None:
            raise ValidationError("Record the rapid review meeting before the sign-off.")
        required(rr.signed_off_on, "signed_off_on", "Enter the date it was signed off.")
        required(
            (rr.signed_off_by or "").strip(),
            "signed_off_by",
            "Enter who signed it off (the safeguarding partners).",
        )
        not_in_future(rr.signed_off_on, "signed_off_on", "The sign-off date")
        not_before(
            rr.signed_off_on,
            rr.meeting_on,
            "signed_off_on",
            "The sign-off cannot be before the meeting ({earlier}).",
        )

    return _rapid_review_change(
        actor=actor,
        job=job,
        rapid_review=rapid_review,
        version=version,
        event="reviews.rapid_review.signed_off",
        check=check,
        signed_off_on=signed_off_on,
        signed_off_by=(signed_off_by or "").strip(),
    )


@transaction.atomic
def rapid_review_record_decision(
    *,
    actor=None,
    job=None,
    rapid_review: RapidReview,
    version: int | None,
    decision: str,
    decided_on: date,
    decision_rationale: str,
    other_learning_route: str = "",
    **criteria: bool,
) -> RapidReview:
    criterion_fields = {field for field, _ in REGULATION_11_CRITERIA}
    unknown = set(criteria) - criterion_fields
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} is not a regulation 11 criterion.")

    def check(rr: RapidReview) -> None:
        _not_after_sending(rr, "decision")
        required(rr.decision, "decision", "Choose the decision.")
        if rr.decision not in Decision.values:
            raise ValidationError({"decision": "Choose one of the decisions listed."})
        required(rr.decided_on, "decided_on", "Enter the date of the decision.")
        not_in_future(rr.decided_on, "decided_on", "The decision date")
        not_before(
            rr.decided_on,
            rr.clock_start_on,
            "decided_on",
            "The decision cannot be dated before the rapid review started ({earlier}).",
        )
        required(
            (rr.decision_rationale or "").strip(),
            "decision_rationale",
            "Give the reasons for the decision.",
        )
        if rr.decision == Decision.OTHER_LEARNING and not rr.other_learning_route.strip():
            raise ValidationError(
                {
                    "other_learning_route": "Say which learning route, such as a single-agency "
                    "review or a learning event."
                }
            )
        if rr.decision == Decision.LOCAL_REVIEW and not rr.criteria_met:
            raise ValidationError(
                {
                    "criterion_improvements": "A local review needs at least one of the "
                    "regulation 11 criteria: tick the ones the case meets."
                }
            )
        existing = Review.objects.filter(rapid_review=rr).first()
        if existing is not None and rr.decision != Decision.LOCAL_REVIEW:
            raise ValidationError(
                {
                    "decision": f"The local review “{existing.title}” has already been started "
                    "from this decision, so the decision cannot change."
                }
            )

    rapid_review = _rapid_review_change(
        actor=actor,
        job=job,
        rapid_review=rapid_review,
        version=version,
        event="reviews.rapid_review.decision_recorded",
        check=check,
        decision=decision,
        decided_on=decided_on,
        decision_rationale=(decision_rationale or "").strip(),
        other_learning_route=(other_learning_route or "").strip(),
        **{field: bool(criteria.get(field)) for field in criterion_fields},
    )
    if rapid_review.decision == Decision.LOCAL_REVIEW:
        _start_local_review(actor=actor, job=job, rapid_review=rapid_review)
    return rapid_review


def _start_local_review(*, actor, job, rapid_review: RapidReview) -> None:
    review = Review.objects.filter(rapid_review=rapid_review).first()
    if review is not None:
        if review.decided_on != rapid_review.decided_on:
            review.decided_on = rapid_review.decided_on
            save_new_version(review, update_fields=["decided_on"])
        return
    notification = rapid_review.notification
    review = Review.objects.create(
        partnership_id=rapid_review.partnership_id,
        kind=ReviewKind.LOCAL,
        title=notification.child_pseudonym,
        rapid_review=rapid_review,
        decided_on=rapid_review.decided_on,
    )
    review.notifications.set([notification])
    review.themes.set(notification.themes.all())
    audit_record(
        actor=actor,
        job=job,
        event="reviews.review.created",
        target=review,
        after={
            "kind": review.kind,
            "title": review.title,
            "decided_on": review.decided_on,
            "from": str(rapid_review),
        },
    )


@transaction.atomic
def rapid_review_send_to_panel(
    *,
    actor=None,
    job=None,
    rapid_review: RapidReview,
    version: int | None,
    sent_to_panel_on: date,
    late_reason: str = "",
) -> RapidReview:
    def check(rr: RapidReview) -> None:
        if rr.signed_off_on is None:
            raise ValidationError("Record the sign-off by the safeguarding partners first.")
        if not rr.decision:
            raise ValidationError(
                "Record the decision first: it goes to the Panel with the rapid review."
            )
        required(rr.sent_to_panel_on, "sent_to_panel_on", "Enter the date it was sent.")
        not_in_future(rr.sent_to_panel_on, "sent_to_panel_on", "The date sent")
        not_before(
            rr.sent_to_panel_on,
            rr.signed_off_on,
            "sent_to_panel_on",
            "It cannot have been sent before it was signed off ({earlier}).",
        )
        if rr.sent_to_panel_on > rr.due_on and not rr.late_reason.strip():
            late_by = working_days_between(rr.due_on, rr.sent_to_panel_on)
            raise ValidationError(
                {
                    "late_reason": f"That is {late_by} working day{'' if late_by == 1 else 's'} "
                    f"after the 15-working-day deadline of {uk_date(rr.due_on)}. Give the "
                    "reason it was late."
                }
            )

    rapid_review = _rapid_review_change(
        actor=actor,
        job=job,
        rapid_review=rapid_review,
        version=version,
        event="reviews.rapid_review.sent_to_panel",
        check=check,
        sent_to_panel_on=sent_to_panel_on,
        late_reason=(late_reason or rapid_review.late_reason or "").strip(),
    )
    _close_unreturned_summaries(actor=actor, job=job, rapid_review=rapid_review)
    return rapid_review


def _close_unreturned_summaries(*, actor, job, rapid_review: RapidReview) -> None:
    """Summaries still awaited when the rapid review goes to the Panel close as "not
    received": they are no longer on track, and nobody chases them any more."""
    for summary in AgencySummary.objects.select_for_update().filter(
        rapid_review=rapid_review, received_on__isnull=True, not_received_on__isnull=True
    ):
        summary.not_received_on = rapid_review.sent_to_panel_on
        save_new_version(summary, update_fields=["not_received_on"])
        audit_record(
            actor=actor,
            job=job,
            event="reviews.agency_summary.not_received",
            target=summary,
            after={"agency": summary.agency.name, "not_received_on": summary.not_received_on},
        )


@transaction.atomic
def rapid_review_record_panel_response(
    *,
    actor=None,
    job=None,
    rapid_review: RapidReview,
    version: int | None,
    panel_response: str,
    panel_response_on: date,
    panel_response_notes: str = "",
) -> RapidReview:
    def check(rr: RapidReview) -> None:
        if rr.sent_to_panel_on is None:
            raise ValidationError("Record the date the rapid review was sent to the Panel first.")
        required(rr.panel_response, "panel_response", "Choose the Panel’s response.")
        required(rr.panel_response_on, "panel_response_on", "Enter the date the Panel replied.")
        not_in_future(rr.panel_response_on, "panel_response_on", "The date of the response")
        not_before(
            rr.panel_response_on,
            rr.sent_to_panel_on,
            "panel_response_on",
            "The Panel cannot have replied before the rapid review was sent ({earlier}).",
        )

    return _rapid_review_change(
        actor=actor,
        job=job,
        rapid_review=rapid_review,
        version=version,
        event="reviews.rapid_review.panel_response_recorded",
        check=check,
        panel_response=panel_response,
        panel_response_on=panel_response_on,
        panel_response_notes=(panel_response_notes or "").strip(),
    )


# Clock breach reasons --------------------------------------------------------------------


@transaction.atomic
def clock_reason_record(*, actor, record, version: int | None, reason: str):
    """Record why a notification or rapid review missed (or will miss) its clock."""
    reason = (reason or "").strip()
    required(reason, "reason", "Give the reason the deadline was missed.")
    model = type(record)
    if model not in (Notification, RapidReview):
        raise ValidationError("Only notifications and rapid reviews have this clock.")
    record = lock(model, record, version)
    clock = record.notify_clock if model is Notification else record.clock
    if not clock.is_breached(today()):
        raise ValidationError(
            f"The deadline of {uk_date(clock.due)} has not been missed, so no reason is needed."
        )
    before = {"late_reason": record.late_reason}
    record.late_reason = reason
    save_new_version(record, update_fields=["late_reason"])
    audit_record(
        actor=actor,
        event=(
            "reviews.notification.late_reason_recorded"
            if model is Notification
            else "reviews.rapidreview.late_reason_recorded"
        ),
        target=record,
        before=before,
        after={"late_reason": reason},
    )
    return record


# Agency summaries -----------------------------------------------------------------------


def _agency_contacts(agency: Agency, partnership_id: int) -> list[str]:
    leads = RoleAssignment.objects.filter(
        partnership_id=partnership_id, role=Role.AGENCY_LEAD, agency=agency, user__is_active=True
    ).values_list("user__email", flat=True)
    emails = sorted(set(leads))
    if not emails and agency.email:
        emails = [agency.email]
    return emails


@transaction.atomic
def agency_summary_request(
    *,
    actor=None,
    job=None,
    rapid_review: RapidReview,
    agencies,
    requested_on: date,
    due_on: date,
) -> list[AgencySummary]:
    agencies = list(agencies)
    required(agencies, "agencies", "Choose at least one agency to ask for a summary.")
    required(requested_on, "requested_on", "Enter the date the summaries were requested.")
    required(due_on, "due_on", "Enter the date the summaries are due.")
    not_before(
        due_on, requested_on, "due_on", "The due date cannot be before the request ({earlier})."
    )
    if rapid_review.sent_to_panel_on is not None:
        raise ValidationError("The rapid review has already been sent to the Panel.")
    already = set(
        AgencySummary.objects.filter(rapid_review=rapid_review, agency__in=agencies).values_list(
            "agency__name", flat=True
        )
    )
    if already:
        raise ValidationError(
            {"agencies": f"A summary has already been requested from {', '.join(sorted(already))}."}
        )
    outside = [
        a.name for a in agencies if rapid_review.partnership_id not in _agency_partnerships(a)
    ]
    if outside:
        raise ValidationError(
            {"agencies": f"{', '.join(outside)} is not an agency of this partnership."}
        )
    created = []
    for agency in agencies:
        summary = AgencySummary.objects.create(
            rapid_review=rapid_review, agency=agency, requested_on=requested_on, due_on=due_on
        )
        created.append(summary)
        audit_record(
            actor=actor,
            job=job,
            event="reviews.agency_summary.requested",
            target=summary,
            after={"agency": agency.name, "requested_on": requested_on, "due_on": due_on},
        )
        contacts = _agency_contacts(agency, rapid_review.partnership_id)
        if contacts:
            email_send(
                to=contacts,
                subject=f"Rapid review: summary requested from {agency.name} by {uk_date(due_on)}",
                template="reviews/email/summary_requested",
                context={"summary": summary, "agency": agency, "due_on": due_on},
            )
    return created


@transaction.atomic
def agency_summary_submit(
    *, actor=None, job=None, summary: AgencySummary, version: int | None, text: str
) -> AgencySummary:
    summary = lock(AgencySummary, summary, version)
    text = (text or "").strip()
    required(text, "summary", "Write the summary of your agency’s involvement.")
    if summary.not_received_on is not None:
        raise ValidationError(
            "The rapid review went to the Panel without this summary, so it can no longer be "
            "written here. Contact the business unit."
        )
    if summary.rapid_review.signed_off_on is not None:
        raise ValidationError(
            "The rapid review has been signed off, so summaries can no longer be changed. "
            "Contact the business unit."
        )
    before = snapshot(summary, ["summary", "received_on"])
    summary.summary = text
    summary.received_on = summary.received_on or today()
    summary.submitted_by = actor
    save_new_version(summary)
    audit_record(
        actor=actor,
        job=job,
        event="reviews.agency_summary.submitted",
        target=summary,
        before=before,
        after=snapshot(summary, ["summary", "received_on"]),
    )
    return summary


def agency_summary_contacts(summary: AgencySummary) -> list[str]:
    """Who is asked for (and reminded about) an agency's summary."""
    return _agency_contacts(summary.agency, summary.rapid_review.partnership_id)


def default_summary_due(rapid_review: RapidReview) -> date:
    """Agency summaries are usually due by working day 10 of the 15 (Devon and Torbay)."""
    return max(add_working_days(rapid_review.clock_start_on, 10), today())
