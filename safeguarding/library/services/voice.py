"""Youth voice: recording an activity's numbers, and the "You said, we did" board."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.library.audit_events import ACTIVITY_RECORD, YOU_SAID_WE_DID_ADD
from safeguarding.library.models import (
    ActivityParticipation,
    AgeBand,
    Setting,
    YouSaidWeDid,
    YouthVoiceActivity,
)


def activity_record(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    title: str,
    kind: str,
    held_on: date,
    summary: str = "",
    participation: dict[tuple[str, str], int],
) -> YouthVoiceActivity:
    """Record an activity with how many took part by (age band, setting): counts only."""
    for (band, setting), count in participation.items():
        if band not in AgeBand.values:
            raise ValidationError(f"“{band}” is not an age band we know.")
        if setting not in Setting.values:
            raise ValidationError(f"“{setting}” is not a setting we know.")
        if count < 0:
            raise ValidationError("The number who took part cannot be negative.")
    with transaction.atomic():
        activity = YouthVoiceActivity(
            partnership=partnership,
            title=title.strip(),
            kind=kind,
            held_on=held_on,
            summary=summary,
        )
        activity.full_clean()
        activity.save()
        ActivityParticipation.objects.bulk_create(
            ActivityParticipation(activity=activity, age_band=band, setting=setting, count=n)
            for (band, setting), n in sorted(participation.items())
            if n
        )
        audit_record(
            actor=actor,
            job=job,
            event=ACTIVITY_RECORD,
            target=activity,
            after={"title": activity.title, "took_part": sum(participation.values())},
        )
        return activity


def you_said_we_did_add(
    *,
    actor=None,
    job: str | None = None,
    partnership,
    you_said: str,
    we_did: str,
    status: str,
    said_on: date,
    activity=None,
    campaign=None,
    decision_id=None,
    decision_label: str = "",
    is_published: bool = True,
    source_label: str = "",
    source_url: str = "",
) -> YouSaidWeDid:
    if not you_said.strip() or not we_did.strip():
        raise ValidationError("Say what children told us and what the partnership did.")
    if campaign is not None and campaign.partnership_id != partnership.pk:
        raise ValidationError("Link a campaign of the same partnership.")
    with transaction.atomic():
        entry = YouSaidWeDid(
            partnership=partnership,
            you_said=you_said.strip(),
            we_did=we_did.strip(),
            status=status,
            said_on=said_on,
            activity=activity,
            campaign=campaign,
            decision_id=decision_id,
            decision_label=decision_label,
            is_published=is_published,
            source_label=source_label.strip(),
            source_url=source_url.strip(),
        )
        entry.full_clean()
        entry.save()
        audit_record(
            actor=actor,
            job=job,
            event=YOU_SAID_WE_DID_ADD,
            target=entry,
            after=snapshot(entry, ["you_said", "we_did", "status", "source_label", "source_url"]),
        )
        return entry
