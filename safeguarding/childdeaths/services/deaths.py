"""Recording a death and taking it through the panel."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from safeguarding.childdeaths import audit_events
from safeguarding.childdeaths.models import (
    Category,
    ChildDeath,
    Domain,
    ModifiableFactor,
    PanelTheme,
    Status,
    age_band_for,
)
from safeguarding.childdeaths.workflow import MACHINE
from safeguarding.core import offers
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import CHILD_DEATH_REVIEW
from safeguarding.core.services import model_update
from safeguarding.planning.models import Theme

RECORD_FIELDS = (
    "reference",
    "age_at_death_days",
    "age_band",
    "sex",
    "ethnicity",
    "place",
    "died_on",
    "notified_on",
    "expected",
    "notifying_agency",
    "serious_incident_notification_id",
)


def _check_partnerships(actor, partnership_ids) -> list[int]:
    allowed = partnerships_where(actor, CHILD_DEATH_REVIEW)
    chosen = sorted({int(pid) for pid in partnership_ids})
    if not chosen:
        raise ValidationError({"partnerships": "Choose the partnerships the child lived in."})
    if set(chosen) - allowed:
        raise ValidationError(
            {"partnerships": "You can only record deaths for partnerships whose panel you sit on."}
        )
    return chosen


def _notification_errors(
    *,
    reference: str,
    partnership_ids: list[int],
    died_on: datetime.date,
    notified_on: datetime.date,
    notifying_agency,
    serious_incident_notification_id: int | None,
    death: ChildDeath | None = None,
) -> dict[str, str]:
    """The rules of a notification, for recording it and for correcting it."""
    errors: dict[str, str] = {}
    others = ChildDeath.objects.exclude(pk=death.pk) if death else ChildDeath.objects.all()
    if not reference:
        errors["reference"] = "Enter the case reference, such as CD-2025-014."
    elif others.filter(reference__iexact=reference).exists():
        errors["reference"] = f"A death with reference {reference} is already recorded."
    if notified_on < died_on:
        errors["notified_on"] = (
            "The date notified cannot be before the date of death: check both dates."
        )
    if died_on > timezone.localdate():
        errors["died_on"] = "The date of death cannot be in the future."
    if not set(notifying_agency.partnerships.values_list("pk", flat=True)) & set(partnership_ids):
        errors["notifying_agency"] = "Choose an agency of one of the child's partnerships."
    if serious_incident_notification_id:
        found = offers.offered("reviews.child_death_notifications").label(
            pk=serious_incident_notification_id, partnership_ids=partnership_ids
        )
        if found is None:
            errors["serious_incident_notification_id"] = (
                "Choose a serious incident notification of a child's death in the child's "
                "partnerships, or none."
            )
    return errors


def child_death_record(
    *,
    actor,
    reference: str,
    partnership_ids,
    age_at_death_days: int,
    sex: str,
    ethnicity: str,
    place: str,
    died_on: datetime.date,
    notified_on: datetime.date,
    expected: bool,
    notifying_agency,
    serious_incident_notification_id: int | None = None,
) -> ChildDeath:
    """Record a child's death: reference only, never a name or NHS number."""
    chosen = _check_partnerships(actor, partnership_ids)
    reference = reference.strip()
    errors = _notification_errors(
        reference=reference,
        partnership_ids=chosen,
        died_on=died_on,
        notified_on=notified_on,
        notifying_agency=notifying_agency,
        serious_incident_notification_id=serious_incident_notification_id,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        death = ChildDeath.objects.create(
            reference=reference,
            age_at_death_days=age_at_death_days,
            age_band=age_band_for(age_at_death_days),
            sex=sex,
            ethnicity=ethnicity,
            place=place,
            died_on=died_on,
            notified_on=notified_on,
            expected=expected,
            notifying_agency=notifying_agency,
            serious_incident_notification_id=serious_incident_notification_id or None,
            recorded_by=actor,
        )
        death.partnerships.set(chosen)
        audit_record(
            actor=actor,
            event=audit_events.DEATH_RECORD,
            target=death,
            after=snapshot(death, RECORD_FIELDS),
            partnerships=chosen,
        )
    return death


def child_death_update(
    *,
    actor,
    death: ChildDeath,
    reference: str,
    partnership_ids,
    age_at_death_days: int,
    sex: str,
    ethnicity: str,
    place: str,
    died_on: datetime.date,
    notified_on: datetime.date,
    expected: bool,
    notifying_agency,
    serious_incident_notification_id: int | None = None,
) -> tuple[ChildDeath, list[str]]:
    """Correct the recorded facts of a notification, by the same rules as recording it; the
    audit event holds every field before and after. Partnerships the person does not sit on
    stay as they were (they can neither add nor remove them); a closed review is not
    changed; a death with a joint agency response cannot become expected."""
    if death.status == Status.CLOSED:
        raise ValidationError("This review is closed: its notification can no longer change.")
    allowed = partnerships_where(actor, CHILD_DEATH_REVIEW)
    current = {p.pk for p in death.partnerships.all()}
    if not current & allowed:
        raise ValidationError("You can only correct deaths of partnerships whose panel you sit on.")
    chosen = set(_check_partnerships(actor, partnership_ids)) | (current - allowed)
    reference = reference.strip()
    errors = _notification_errors(
        reference=reference,
        partnership_ids=sorted(chosen),
        died_on=died_on,
        notified_on=notified_on,
        notifying_agency=notifying_agency,
        serious_incident_notification_id=serious_incident_notification_id,
        death=death,
    )
    if expected and death.response_started_on:
        errors["expected"] = (
            "A joint agency response was recorded, which is for unexpected deaths: the death "
            "stays unexpected."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _updated, changed = model_update(
            death,
            fields=(*RECORD_FIELDS, "partnerships"),
            data={
                "reference": reference,
                "partnerships": sorted(chosen),
                "age_at_death_days": age_at_death_days,
                "age_band": age_band_for(age_at_death_days),
                "sex": sex,
                "ethnicity": ethnicity,
                "place": place,
                "died_on": died_on,
                "notified_on": notified_on,
                "expected": expected,
                "notifying_agency": notifying_agency,
                "serious_incident_notification_id": serious_incident_notification_id or None,
            },
            actor=actor,
            event=audit_events.DEATH_UPDATE,
        )
    return death, changed


def child_death_response_record(
    *, actor, death: ChildDeath, started_on: datetime.date, attendees: str
) -> ChildDeath:
    """The joint agency response to an unexpected death."""
    if death.expected:
        raise ValidationError(
            "A joint agency response is made for unexpected deaths; this death was expected."
        )
    if started_on < death.died_on:
        raise ValidationError({"started_on": "The response cannot start before the death."})
    if not attendees.strip():
        raise ValidationError({"attendees": "Enter who attended the joint agency response."})
    with transaction.atomic():
        before = snapshot(death, ("response_started_on", "response_attendees"))
        death.response_started_on = started_on
        death.response_attendees = attendees.strip()
        death.save(update_fields=["response_started_on", "response_attendees", "updated_at"])
        audit_record(
            actor=actor,
            event=audit_events.RESPONSE_RECORD,
            target=death,
            before=before,
            after=snapshot(death, ("response_started_on", "response_attendees")),
        )
    return death


def child_death_meeting_record(
    *, actor, death: ChildDeath, meeting_on: datetime.date, attendees: str, outcome: str
) -> ChildDeath:
    """The child death review meeting (the professionals' meeting)."""
    errors = {}
    if meeting_on < death.died_on:
        errors["meeting_on"] = "The meeting cannot be before the death."
    if not attendees.strip():
        errors["attendees"] = "Enter who attended the meeting."
    if not outcome.strip():
        errors["outcome"] = "Enter the meeting's outcome."
    if errors:
        raise ValidationError(errors)
    fields = ("meeting_on", "meeting_attendees", "meeting_outcome")
    with transaction.atomic():
        before = snapshot(death, fields)
        death.meeting_on = meeting_on
        death.meeting_attendees = attendees.strip()
        death.meeting_outcome = outcome.strip()
        death.save(update_fields=[*fields, "updated_at"])
        audit_record(
            actor=actor,
            event=audit_events.MEETING_RECORD,
            target=death,
            before=before,
            after=snapshot(death, fields),
        )
    return death


def child_death_queue(
    *, actor, death: ChildDeath, meeting_id: int, theme: str = "", reason: str = ""
) -> ChildDeath:
    """Queue the death for a panel meeting of the CDOP (a governance meeting). While agency
    reports are outstanding only the chair may, and must say why."""
    if theme not in PanelTheme.values:
        raise ValidationError({"theme": "Choose one of the panel themes, or not themed."})
    reason = reason.strip()
    if reason and not actor.has_perm("childdeaths.overrule_outstanding_reports", death):
        raise ValidationError(
            {"reason": "Only the CDOP chair can let a panel go ahead before the reports are in."}
        )
    partnership_ids = death.partnership_ids_for_rules()
    meeting = offers.offered("governance.meetings").panel_meeting(
        pk=meeting_id, partnership_ids=partnership_ids
    )
    if meeting is None:
        raise ValidationError(
            {"meeting": "Choose a meeting of a body of the child's partnerships."}
        )
    fields = (
        "status",
        "panel_meeting_id",
        "panel_meeting_label",
        "panel_meeting_on",
        "panel_theme",
        "reports_outstanding_reason",
    )
    with transaction.atomic():
        death = ChildDeath.objects.select_for_update().get(pk=death.pk)
        before = snapshot(death, fields)
        death.panel_meeting_id, death.panel_meeting_label, death.panel_meeting_on = meeting
        death.panel_theme = theme
        if reason:
            death.reports_outstanding_reason = reason
        try:
            MACHINE.apply(death, "queue")
        except ValidationError as error:
            raise ValidationError({"reason": error.messages}) from None
        death.save()
        audit_record(
            actor=actor,
            event=audit_events.DEATH_QUEUE,
            target=death,
            before=before,
            after=snapshot(death, fields),
        )
    return death


def child_death_review(
    *,
    actor,
    death: ChildDeath,
    category: str,
    factors: dict[str, tuple[bool, str]],
    learning_points: str,
    themes: Iterable[Theme] = (),
    reviewed_on: datetime.date | None = None,
) -> ChildDeath:
    """The panel's review: the category of death, whether each domain had modifiable factors,
    the learning and the practice themes it touches. Refused before the death is queued for
    a panel meeting, and while reports are outstanding with no reason recorded by the chair."""
    reviewed_on = reviewed_on or timezone.localdate()
    death = ChildDeath.objects.get(pk=death.pk)  # the stored status, not a stale copy
    errors: dict[str, str] = {}
    if category not in Category.values:
        errors["category"] = "Choose the category of death."
    missing = [Domain(d).label for d in Domain.values if d not in factors]
    if missing:
        errors["factors"] = "Say whether there were modifiable factors in: " + ", ".join(missing)
    if death.panel_meeting_on and reviewed_on < death.panel_meeting_on:
        errors["reviewed_on"] = "The review cannot be before the panel meeting."
    reason = MACHINE.reason(death, "review")
    if reason:
        raise ValidationError(reason)
    if errors:
        raise ValidationError(errors)
    fields = ("status", "category", "modifiable", "learning_points", "panel_reviewed_on", "themes")
    with transaction.atomic():
        death = ChildDeath.objects.select_for_update().get(pk=death.pk)
        before = snapshot(death, fields)
        death.category = category
        death.modifiable = any(modifiable for modifiable, _note in factors.values())
        death.learning_points = learning_points.strip()
        death.panel_reviewed_on = reviewed_on
        MACHINE.apply(death, "review")
        death.save()
        death.themes.set(list(themes))
        ModifiableFactor.objects.filter(child_death=death).delete()
        ModifiableFactor.objects.bulk_create(
            [
                ModifiableFactor(
                    child_death=death, domain=domain, modifiable=modifiable, note=note.strip()
                )
                for domain, (modifiable, note) in sorted(factors.items())
            ]
        )
        after = snapshot(death, fields)
        after["factors"] = {d: m for d, (m, _n) in sorted(factors.items())}
        audit_record(
            actor=actor, event=audit_events.DEATH_REVIEW, target=death, before=before, after=after
        )
    return death


def child_death_close(*, actor, death: ChildDeath) -> ChildDeath:
    with transaction.atomic():
        death = ChildDeath.objects.select_for_update().get(pk=death.pk)
        before = snapshot(death, ("status", "closed_on"))
        MACHINE.apply(death, "close")
        death.closed_on = timezone.localdate()
        death.save(update_fields=["status", "closed_on", "updated_at"])
        audit_record(
            actor=actor,
            event=audit_events.DEATH_CLOSE,
            target=death,
            before=before,
            after=snapshot(death, ("status", "closed_on")),
        )
    return death


def death_view_record(*, actor, death: ChildDeath) -> None:
    """Every view of a child death record is logged."""
    with transaction.atomic():
        audit_record(actor=actor, event=audit_events.DEATH_VIEW, target=death)


def death_list_view_record(*, actor, event: str, references: list[str], path: str) -> None:
    """One event naming the records a list page (or API answer, or figures page) showed."""
    with transaction.atomic():
        audit_record(actor=actor, event=event, after={"shown": references, "path": path})


def refusal_record(*, actor, event: str, path: str, target=None) -> None:
    """A refused attempt at a child death page is logged (the caller then answers 403/404)."""
    with transaction.atomic():
        audit_record(actor=actor, event=event, target=target, after={"path": path})


def findings_export_record(
    *,
    actor=None,
    job: str | None = None,
    partnership_ids: list[int],
    year: int | None,
    deaths: list[ChildDeath],
) -> None:
    """An export of the panel's findings is logged with the records it holds (the file has
    no references; the audit log, which only auditors read, says which records went out)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            job=job,
            event=audit_events.FINDINGS_EXPORT,
            after={
                "partnerships": sorted(partnership_ids),
                "year": year,
                "rows": len(deaths),
                "exported": [death.reference for death in deaths],
            },
            partnerships=partnership_ids,
        )
