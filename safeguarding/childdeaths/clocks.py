"""The child death clocks and their targets (``settings.CHILD_DEATH_TARGETS``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

DEFAULT_TARGETS = {
    # Days from the death to the notification of the child death review partners.
    "notification_days": 2,
    # Days an agency has to send its report from the day it was asked.
    "report_days": 28,
    # Days from the death to the panel's review.
    "panel_days": 183,
    # Days between chasers for an overdue report.
    "chase_every_days": 7,
}


def targets() -> dict[str, int]:
    return {**DEFAULT_TARGETS, **getattr(settings, "CHILD_DEATH_TARGETS", {})}


@dataclass(frozen=True)
class Clock:
    label: str
    days: int | None  # elapsed, or None while still running without an end
    target: int
    running: bool

    @property
    def breached(self) -> bool:
        return self.days is not None and self.days > self.target


def notification_clock(death) -> Clock:
    days = (death.notified_on - death.died_on).days
    return Clock("Death to notification", days, targets()["notification_days"], running=False)


def panel_clock(death, today: datetime.date) -> Clock:
    end = death.panel_reviewed_on or today
    return Clock(
        "Death to panel review",
        (end - death.died_on).days,
        targets()["panel_days"],
        running=death.panel_reviewed_on is None,
    )
