"""Writes for referrals for review: submitted by any agency, decided by the partnership."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.email import email_send
from safeguarding.core.permissions import is_business_unit
from safeguarding.core.scoping import lead_agencies
from safeguarding.core.templatetags.govuk import uk_date
from safeguarding.reviews import workflow
from safeguarding.reviews.models import (
    AgeBand,
    Nature,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    Sex,
)
from safeguarding.reviews.services.common import (
    lock,
    not_before,
    not_in_future,
    required,
    save_new_version,
    today,
)
from safeguarding.reviews.services.notifications import (
    _agency_partnerships,
    _check_pseudonym,
    notification_create,
)

REFERRAL_FIELDS = [
    "child_pseudonym",
    "what_happened",
    "why_criteria",
    "incident_on",
    "received_on",
    "status",
    "consideration_started_on",
    "outcome",
    "decision_reason",
    "decided_on",
]


def referring_agencies(*, actor, partnership: Partnership):
    """The agencies ``actor`` may refer for in ``partnership``: every agency of the
    partnership for its business unit; otherwise the agencies they belong to or lead."""
    agencies = Agency.objects.filter(partnerships=partnership)
    if actor is None or is_business_unit(actor, partnership):
        return agencies
    led = lead_agencies(actor).get(partnership.pk, set())
    member = set(actor.agency_memberships.values_list("agency_id", flat=True))
    return agencies.filter(pk__in=led | member)


def _after(referral: Referral) -> dict:
    return {
        **snapshot(referral, REFERRAL_FIELDS),
        "referring_agency": referral.referring_agency.name,
        "agencies_involved": sorted(a.name for a in referral.agencies_involved.all()),
        "themes": sorted(t.name for t in referral.themes.all()),
    }


@transaction.atomic
def referral_submit(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    referring_agency: Agency | None,
    child_pseudonym: str,
    what_happened: str,
    why_criteria: str,
    incident_on: date | None,
    themes=(),
    agencies_involved=(),
    received_on: date | None = None,
) -> Referral:
    """Record a referral for review. ``received_on`` is today unless a script says otherwise."""
    child_pseudonym = _check_pseudonym(child_pseudonym)
    required(referring_agency, "referring_agency", "Choose the agency making the referral.")
    if (
        not referring_agencies(actor=actor, partnership=partnership)
        .filter(pk=referring_agency.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "referring_agency": f"You can only refer for an agency you belong to. "
                f"{referring_agency.name} is not one of your agencies in {partnership.name}."
            }
        )
    what_happened = (what_happened or "").strip()
    why_criteria = (why_criteria or "").strip()
    required(what_happened, "what_happened", "Say briefly what happened.")
    required(why_criteria, "why_criteria", "Say why the case may meet the criteria for a review.")
    required(incident_on, "incident_on", "Enter the date of the incident.")
    received_on = received_on or today()
    not_in_future(incident_on, "incident_on", "The date of the incident")
    not_in_future(received_on, "received_on", "The date received")
    agencies_involved = list(agencies_involved)
    outside = [a.name for a in agencies_involved if partnership.pk not in _agency_partnerships(a)]
    if outside:
        raise ValidationError(
            {"agencies_involved": f"{', '.join(outside)} is not an agency of this partnership."}
        )
    referral = Referral(
        partnership=partnership,
        referring_agency=referring_agency,
        referred_by=actor,
        child_pseudonym=child_pseudonym,
        what_happened=what_happened,
        why_criteria=why_criteria,
        incident_on=incident_on,
        received_on=received_on,
    )
    referral.full_clean()
    referral.save()
    referral.themes.set(themes)
    referral.agencies_involved.set(agencies_involved)
    audit_record(
        actor=actor,
        job=job,
        event="reviews.referral.submitted",
        target=referral,
        after=_after(referral),
    )
    return referral


@transaction.atomic
def referral_consider(
    *, actor=None, job=None, referral: Referral, version: int | None, on: date | None = None
) -> Referral:
    referral = lock(Referral, referral, version)
    transition = workflow.REFERRALS.check(referral.status, "consider")
    before = snapshot(referral, REFERRAL_FIELDS)
    on = on or today()
    not_in_future(on, "consideration_started_on", "The date consideration started")
    not_before(
        on,
        referral.received_on,
        "consideration_started_on",
        "Consideration cannot start before the referral was received ({earlier}).",
    )
    referral.status = transition.target
    referral.consideration_started_on = on
    save_new_version(referral)
    audit_record(
        actor=actor,
        job=job,
        event="reviews.referral.under_consideration",
        target=referral,
        before=before,
        after=snapshot(referral, REFERRAL_FIELDS),
    )
    return referral


@transaction.atomic
def referral_decide(
    *,
    actor=None,
    job=None,
    referral: Referral,
    version: int | None,
    outcome: str,
    decision_reason: str,
    decided_on: date | None,
    create_notification: bool = False,
    nature: str = "",
) -> Referral:
    """Record the decision. Deciding to proceed can also record the serious incident
    notification, filled in from the referral (the business unit completes it after)."""
    referral = lock(Referral, referral, version)
    transition = workflow.REFERRALS.check(referral.status, "decide")
    if outcome not in ReferralOutcome.values:
        raise ValidationError({"outcome": "Choose the decision."})
    decision_reason = (decision_reason or "").strip()
    required(decision_reason, "decision_reason", "Give the reason for the decision.")
    required(decided_on, "decided_on", "Enter the date of the decision.")
    not_in_future(decided_on, "decided_on", "The date of the decision")
    not_before(
        decided_on,
        referral.received_on,
        "decided_on",
        "The decision cannot be dated before the referral was received ({earlier}).",
    )
    if create_notification:
        if outcome != ReferralOutcome.PROCEED:
            raise ValidationError(
                {
                    "create_notification": "A notification is only recorded when the decision "
                    "is to proceed to a rapid review."
                }
            )
        if actor is not None and not is_business_unit(actor, referral):
            raise ValidationError(
                {"create_notification": "Only the business unit can record notifications."}
            )
        if nature not in Nature.values:
            raise ValidationError(
                {"nature": "Choose the nature of the incident for the notification."}
            )
    before = snapshot(referral, REFERRAL_FIELDS)
    referral.status = transition.target
    referral.outcome = outcome
    referral.decision_reason = decision_reason
    referral.decided_on = decided_on
    referral.decided_by = actor
    if create_notification:
        referral.notification = notification_create(
            actor=actor,
            job=job,
            partnership=referral.partnership,
            child_pseudonym=referral.child_pseudonym,
            age_band=AgeBand.UNKNOWN,
            sex=Sex.NOT_KNOWN,
            nature=nature,
            outline=referral.what_happened,
            became_aware_on=referral.received_on,
            agencies_involved=[referral.referring_agency, *referral.agencies_involved.all()],
            themes=list(referral.themes.all()),
        )
    save_new_version(referral)
    audit_record(
        actor=actor,
        job=job,
        event="reviews.referral.decided",
        target=referral,
        before=before,
        after={**snapshot(referral, REFERRAL_FIELDS), "notification": str(referral.notification)},
    )
    referrer = referral.referred_by
    if referrer is not None and referrer.is_active and referrer.email:
        email_send(
            to=[referrer.email],
            subject=f"Your referral of {referral.child_pseudonym} has been decided",
            template="reviews/email/referral_decided",
            context={"referral": referral, "decided_on": uk_date(referral.decided_on)},
        )
    return referral


__all__ = [
    "REFERRAL_FIELDS",
    "ReferralStatus",
    "referral_consider",
    "referral_decide",
    "referral_submit",
    "referring_agencies",
]
