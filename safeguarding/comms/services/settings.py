"""The partnership's contact numbers and whether bulletin opens are counted."""

from __future__ import annotations

from django.db import transaction

from safeguarding.comms import audit_events
from safeguarding.comms.models import CommsSettings
from safeguarding.core.services import model_update

SETTINGS_FIELDS = [
    "front_door_name",
    "front_door_phone",
    "front_door_hours",
    "out_of_hours_phone",
    "police_non_emergency",
    "track_opens",
]


def settings_for(partnership) -> CommsSettings:
    """The partnership's settings (the defaults, unsaved, when none were set)."""
    found = CommsSettings.objects.filter(partnership=partnership).first()
    return found or CommsSettings(partnership=partnership)


@transaction.atomic
def comms_settings_update(*, actor, partnership, data: dict) -> CommsSettings:
    current, _ = CommsSettings.objects.get_or_create(partnership=partnership)
    model_update(
        current,
        fields=SETTINGS_FIELDS,
        data=data,
        actor=actor,
        event=audit_events.SETTINGS_UPDATE,
        strip=True,
    )
    return current
