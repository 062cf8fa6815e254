"""Youth voice: recording an activity's numbers, and the "You said, we did" board."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.services import model_update
from safeguarding.library.audit_events import (
    ACTIVITY_RECORD,
    ACTIVITY_UPDATE,
    YOU_SAID_WE_DID_ADD,
    YOU_SAID_WE_DID_UPDATE,
)
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
    _check_participation(participation)
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


def _check_participation(participation: dict[tuple[str, str], int]) -> None:
    for (band, setting), count in participation.items():
        if band not in AgeBand.values:
            raise ValidationError(f"“{band}” is not an age band we know.")
        if setting not in Setting.values:
            raise ValidationError(f"“{setting}” is not a setting we know.")
        if count is None or count < 0:
            raise ValidationError("The number who took part cannot be negative.")


def _activity_snapshot(activity: YouthVoiceActivity) -> dict:
    counts = activity.participation.order_by("age_band", "setting")
    return {
        **snapshot(activity, ["title", "kind", "held_on", "summary"]),
        "took_part": {f"{p.age_band} {p.setting}": p.count for p in counts},
    }


def activity_update(
    *,
    actor=None,
    job: str | None = None,
    activity: YouthVoiceActivity,
    data: dict,
    participation: dict[tuple[str, str], int] | None = None,
) -> YouthVoiceActivity:
    """Change an activity's details and, when given, replace its numbers (by age band and
    setting: counts only, never a person)."""
    if "title" in data and not (data["title"] or "").strip():
        raise ValidationError({"title": "Enter the activity's title"})
    wanted = None
    if participation is not None:
        _check_participation(participation)
        wanted = {key: n for key, n in participation.items() if n}
        if not wanted:
            raise ValidationError(
                "Enter how many children or young people took part in at least one age band"
            )
    current = {(p.age_band, p.setting): p.count for p in activity.participation.all()}
    numbers_changed = wanted is not None and wanted != current

    def replace_numbers(instance: YouthVoiceActivity) -> None:
        if not numbers_changed or wanted is None:  # numbers_changed means wanted is given
            return
        instance.participation.all().delete()
        ActivityParticipation.objects.bulk_create(
            ActivityParticipation(activity=instance, age_band=band, setting=setting, count=n)
            for (band, setting), n in sorted(wanted.items())
        )

    with transaction.atomic():
        activity, _ = model_update(
            activity,
            fields=["title", "kind", "held_on", "summary"],
            data=data,
            actor=actor,
            job=job,
            event=ACTIVITY_UPDATE,
            describe=_activity_snapshot,
            strip=True,
            always=numbers_changed,
            then=replace_numbers,
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


YOU_SAID_WE_DID_FIELDS = [
    "you_said",
    "we_did",
    "status",
    "said_on",
    "activity",
    "campaign",
    "is_published",
    "source_label",
    "source_url",
]


def you_said_we_did_update(
    *, actor=None, job: str | None = None, entry: YouSaidWeDid, data: dict
) -> YouSaidWeDid:
    """Change an entry: what was said, what was done and how far it has got."""
    for key in ("you_said", "we_did"):
        if key in data and not str(data[key]).strip():
            raise ValidationError("Say what children told us and what the partnership did.")
    campaign = data.get("campaign")
    if campaign is not None and campaign.partnership_id != entry.partnership_id:
        raise ValidationError("Link a campaign of the same partnership.")
    activity = data.get("activity")
    if activity is not None and activity.partnership_id != entry.partnership_id:
        raise ValidationError("Link an activity of the same partnership.")
    with transaction.atomic():
        entry, _ = model_update(
            entry,
            fields=YOU_SAID_WE_DID_FIELDS,
            data=data,
            actor=actor,
            job=job,
            event=YOU_SAID_WE_DID_UPDATE,
            audit_fields=["you_said", "we_did", "status", "is_published"],
            strip=True,
        )
        return entry
