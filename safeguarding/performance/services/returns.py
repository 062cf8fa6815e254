"""Agency data returns: the business unit asks an agency for its figures for a period, the
agency's safeguarding lead fills them in and submits them, and the business unit accepts
them (they become the partnership's figures) or queries them back to the agency."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, RoleAssignment
from safeguarding.core.audit import audit_record
from safeguarding.core.email import email_send
from safeguarding.core.roles import Role
from safeguarding.performance.models import (
    DataReturn,
    DataReturnEntry,
    Indicator,
    IndicatorValue,
    Origin,
)
from safeguarding.performance.periods import PeriodType, parse_period
from safeguarding.performance.services.derived import derived_values_refresh
from safeguarding.performance.services.indicators import check_figure
from safeguarding.performance.services.reference import home_area_ensure, period_for
from safeguarding.performance.workflow import DATA_RETURNS


def _lead_emails(data_return: DataReturn) -> list[str]:
    return sorted(
        set(
            RoleAssignment.objects.filter(
                partnership_id=data_return.partnership_id,
                role=Role.AGENCY_LEAD,
                agency_id=data_return.agency_id,
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    )


def _business_unit_emails(partnership_id: int) -> list[str]:
    return sorted(
        set(
            RoleAssignment.objects.filter(
                partnership_id=partnership_id, role=Role.BUSINESS_UNIT, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


@transaction.atomic
def data_return_request(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    agency: Agency,
    indicators: list[Indicator],
    period_text: str,
    due_on: datetime.date,
) -> DataReturn:
    """Ask an agency for its figures for a period, and tell its safeguarding lead."""
    indicators = list(indicators)
    if not indicators:
        raise ValidationError({"indicators": "Choose at least one indicator."})
    if not agency.partnerships.filter(pk=partnership.pk).exists():
        raise ValidationError({"agency": f"{agency.name} is not part of {partnership.name}."})
    derived = [i.name for i in indicators if i.is_derived]
    if derived:
        raise ValidationError(
            {"indicators": f"{', '.join(derived)} is computed, so no agency reports it."}
        )
    if any(i.partnership_id != partnership.pk for i in indicators):
        raise ValidationError({"indicators": "Choose indicators of this partnership."})
    types = {i.period_type for i in indicators}
    if len(types) > 1:
        raise ValidationError(
            {
                "indicators": "The indicators are counted by different periods ("
                + ", ".join(PeriodType(t).label.lower() for t in sorted(types))
                + "): ask for them in separate returns."
            }
        )
    try:
        spec = parse_period(period_text, types.pop())
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from None
    period = period_for(spec)
    if DataReturn.objects.filter(partnership=partnership, agency=agency, period=period).exists():
        raise ValidationError(
            {"period": f"{agency.name} has already been asked for its {period.label} return."}
        )
    data_return = DataReturn.objects.create(
        partnership=partnership,
        agency=agency,
        period=period,
        area=home_area_ensure(partnership),
        due_on=due_on,
        requested_by=actor if actor is not None and actor.is_authenticated else None,
    )
    data_return.indicators.set(indicators)
    audit_record(
        actor=actor,
        job=job,
        event="performance.data_return.requested",
        target=data_return,
        after={
            "agency": agency.name,
            "period": period.code,
            "due_on": due_on,
            "indicators": sorted(i.name for i in indicators),
        },
    )
    recipients = _lead_emails(data_return)
    if recipients:
        email_send(
            to=recipients,
            subject=f"Data return requested: {period.label}, due {due_on:%-d %B %Y}",
            template="performance/email/data_return_requested",
            context={"data_return": data_return, "indicators": indicators},
        )
    return data_return


@transaction.atomic
def data_return_save(
    *,
    actor,
    data_return: DataReturn,
    figures: dict[int, tuple[Decimal | None, str, str]],
    submit: bool = False,
) -> DataReturn:
    """Save the agency's figures (a draft), and submit them when ``submit`` is set.

    A draft may leave figures empty; a submitted return needs every figure (or a flag
    saying why there is none).
    """
    data_return = DataReturn.objects.select_for_update().get(pk=data_return.pk)
    if not data_return.is_open:
        DATA_RETURNS.check(data_return.status, "submit")  # raises with the reason
    indicators = {i.pk: i for i in data_return.indicators.all()}
    errors: dict[str, list[str]] = {}
    cleaned: dict[int, tuple[Decimal | None, str, str]] = {}
    for pk, indicator in indicators.items():
        value, flag, note = figures.get(pk, (None, "", ""))
        if value is None and not flag and not submit:
            cleaned[pk] = (None, "", note)
            continue
        try:
            cleaned[pk] = (check_figure(indicator, value, flag), flag, note)
        except ValidationError as error:
            errors[f"value_{pk}"] = [f"{indicator.name}: {m}" for m in error.messages]
    if errors:
        raise ValidationError(errors)
    for pk, (value, flag, note) in cleaned.items():
        DataReturnEntry.objects.update_or_create(
            data_return=data_return,
            indicator_id=pk,
            defaults={"value": value, "flag": flag, "note": note},
        )
    event = "performance.data_return.saved"
    if submit:
        DATA_RETURNS.apply(data_return, "submit")
        data_return.submitted_by = actor
        data_return.submitted_at = timezone.now()
        data_return.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
        event = "performance.data_return.submitted"
        recipients = _business_unit_emails(data_return.partnership_id)
        if recipients:
            email_send(
                to=recipients,
                subject=f"Data return submitted: {data_return.agency.name}, "
                f"{data_return.period.label}",
                template="performance/email/data_return_submitted",
                context={"data_return": data_return},
            )
    audit_record(
        actor=actor,
        event=event,
        target=data_return,
        after={
            indicators[pk].name: {"value": value, "flag": flag, "note": note}
            for pk, (value, flag, note) in cleaned.items()
        },
    )
    return data_return


@transaction.atomic
def data_return_review(
    *, actor, data_return: DataReturn, decision: str, note: str = ""
) -> DataReturn:
    """Accept a submitted return (its figures become the partnership's) or query it."""
    data_return = DataReturn.objects.select_for_update().get(pk=data_return.pk)
    transition = DATA_RETURNS.check(data_return.status, decision)
    note = (note or "").strip()
    if decision == "query" and not note:
        raise ValidationError({"note": "Write the question the agency needs to answer."})
    before = {"status": data_return.status}
    if decision == "accept":
        entries = list(data_return.entries.select_related("indicator"))
        changed = set()
        for entry in entries:
            IndicatorValue.objects.update_or_create(
                indicator=entry.indicator,
                area=data_return.area,
                period=data_return.period,
                defaults={
                    "value": entry.value,
                    "flag": entry.flag,
                    "note": entry.note,
                    "origin": Origin.RETURN,
                    "source_symbol": "",
                },
            )
            changed.add(entry.indicator_id)
        derived_values_refresh(
            partnership_id=data_return.partnership_id, changed_indicator_ids=changed
        )
    data_return.status = transition.target
    data_return.reviewed_by = actor
    data_return.reviewed_at = timezone.now()
    data_return.query_note = note if decision == "query" else data_return.query_note
    data_return.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "query_note", "updated_at"]
    )
    audit_record(
        actor=actor,
        event=(
            "performance.data_return.accepted"
            if decision == "accept"
            else "performance.data_return.queried"
        ),
        target=data_return,
        before=before,
        after={"status": data_return.status, "note": note},
    )
    recipients = _lead_emails(data_return)
    outcome = "accepted" if decision == "accept" else "queried"
    if recipients:
        email_send(
            to=recipients,
            subject=f"Data return {outcome}: {data_return.period.label}",
            template=f"performance/email/data_return_{outcome}",
            context={"data_return": data_return, "note": note},
        )
    return data_return


@transaction.atomic
def data_return_remind(*, job: str, data_return: DataReturn, overdue: bool) -> None:
    """Remind (or chase) the agency's lead about an open return."""
    recipients = _lead_emails(data_return)
    audit_record(
        job=job,
        event="performance.data_return.chased" if overdue else "performance.data_return.reminded",
        target=data_return,
        after={"to": recipients, "due_on": data_return.due_on},
    )
    if recipients:
        email_send(
            to=recipients,
            subject=(
                f"Overdue: data return for {data_return.period.label}"
                if overdue
                else f"Reminder: data return for {data_return.period.label} due "
                f"{data_return.due_on:%-d %B %Y}"
            ),
            template="performance/email/data_return_reminder",
            context={"data_return": data_return, "overdue": overdue},
        )
