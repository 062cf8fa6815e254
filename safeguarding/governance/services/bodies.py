"""Writes for bodies and their memberships."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update
from safeguarding.governance.models import Body, Membership
from safeguarding.governance.models.bodies import _calendar_token

BODY_FIELDS = [
    "name",
    "short_name",
    "type",
    "reports_to",
    "purpose",
    "terms_of_reference",
    "terms_of_reference_document",
    "quorum_minimum",
    "quorum_needs_statutory_partners",
    "meeting_frequency",
    "is_active",
]
MEMBERSHIP_FIELDS = ["body", "person", "agency", "role", "starts_on", "ends_on"]


def _check_body(body: Body, partnerships: list[Partnership]) -> None:
    if not partnerships:
        raise ValidationError({"partnerships": "Choose at least one partnership the body serves."})
    if not (body.name or "").strip():
        raise ValidationError({"name": "Enter the name of the body."})
    if body.reports_to_id:
        if body.reports_to_id == body.pk:
            raise ValidationError({"reports_to": "A body cannot report to itself."})
        shared = set(body.reports_to.partnership_ids_for_rules()) & {p.pk for p in partnerships}
        if not shared:
            raise ValidationError(
                {"reports_to": "The body it reports to must serve one of the same partnerships."}
            )


def _partnerships_snapshot(partnerships: Iterable[Partnership]) -> list[str]:
    return sorted(p.slug for p in partnerships)


@transaction.atomic
def body_create(
    *, actor=None, job: str | None = None, partnerships: Iterable[Partnership], **fields: Any
) -> Body:
    partnerships = list(partnerships)
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise ValidationError(f"{', '.join(sorted(unknown))} cannot be set here.")
    body = Body(**fields)
    _check_body(body, partnerships)
    body.full_clean(exclude=["calendar_token"])
    body.save()
    body.partnerships.set(partnerships)
    audit_record(
        actor=actor,
        job=job,
        event="governance.body.created",
        target=body,
        after={
            **snapshot(body, BODY_FIELDS),
            "partnerships": _partnerships_snapshot(partnerships),
        },
    )
    return body


@transaction.atomic
def body_update(
    *, actor, body: Body, partnerships: Iterable[Partnership] | None = None, **fields: Any
) -> Body:
    body = Body.objects.select_for_update().get(pk=body.pk)
    for name in fields:
        if name not in BODY_FIELDS:
            raise ValidationError(f"{name} cannot be changed here.")
    chosen = list(partnerships) if partnerships is not None else list(body.partnerships.all())
    body, _ = model_update(
        body,
        fields=[*BODY_FIELDS, "partnerships"],
        data={**fields, "partnerships": chosen},
        validate=lambda record: _check_body(record, chosen),
        exclude=["calendar_token"],
        always=True,
        describe=lambda record: {
            **snapshot(record, BODY_FIELDS),
            "partnerships": _partnerships_snapshot(record.partnerships.all()),
        },
        actor=actor,
        event="governance.body.updated",
    )
    return body


@transaction.atomic
def membership_add(
    *,
    actor=None,
    job: str | None = None,
    body: Body,
    role: str,
    starts_on: datetime.date,
    person=None,
    agency: Agency | None = None,
    ends_on: datetime.date | None = None,
) -> Membership:
    errors: dict[str, str] = {}
    if person is None and agency is None:
        errors["person"] = "Choose a person, an agency, or both."
    if starts_on is None:
        errors["starts_on"] = "Enter the date the membership starts."
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The membership must end on or after the day it starts."
    body_partnerships = set(body.partnership_ids_for_rules())
    if agency is not None and not body_partnerships & {p.pk for p in agency.partnerships.all()}:
        errors["agency"] = f"{agency.name} is not an agency of the partnerships {body} serves."
    if errors:
        raise ValidationError(errors)
    overlapping = body.memberships.filter(person=person, agency=agency).exclude(
        ends_on__lt=starts_on
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise ValidationError(
            "They are already a member of this body for some of those dates. End the existing "
            "membership first, or change its role."
        )
    membership = Membership.objects.create(
        body=body, person=person, agency=agency, role=role, starts_on=starts_on, ends_on=ends_on
    )
    audit_record(
        actor=actor,
        job=job,
        event="governance.membership.added",
        target=membership,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
    )
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, ends_on: datetime.date) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if ends_on is None:
        raise ValidationError({"ends_on": "Enter the date the membership ends."})
    if ends_on < membership.starts_on:
        raise ValidationError(
            {"ends_on": "The membership must end on or after the day it started."}
        )
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated_at"])
    audit_record(
        actor=actor,
        event="governance.membership.ended",
        target=membership,
        before=before,
        after=snapshot(membership, MEMBERSHIP_FIELDS),
    )
    return membership


@transaction.atomic
def body_calendar_link_reset(*, actor=None, job: str | None = None, body: Body) -> Body:
    """Issue a new private calendar link for a body; the old link stops working at once.
    The tokens are secrets, so the audit event records that the link changed, not the links."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    body.calendar_token = _calendar_token()
    body.save(update_fields=["calendar_token", "updated_at"])
    audit_record(
        actor=actor,
        job=job,
        event="governance.body.calendar_link_reset",
        target=body,
        after={"calendar_link": "reset"},
    )
    return body
