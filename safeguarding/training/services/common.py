"""What every training service shares: settings, the SQLite write retry, audit fields."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import wraps

from django.db import OperationalError, connection

from safeguarding.training.models import TrainingSettings

BOOKING_FIELDS = [
    "full_name",
    "email",
    "organisation",
    "job_role",
    "sector",
    "line_manager_email",
    "fee",
    "status",
    "attendance",
    "late_cancellation",
    "status_reason",
]
SESSION_FIELDS = [
    "starts_at",
    "ends_at",
    "venue",
    "online_link",
    "capacity",
    "trainers",
    "status",
    "cancellation_reason",
]
COURSE_FIELDS = [
    "title",
    "summary",
    "level",
    "format",
    "duration_minutes",
    "priority",
    "audience_sectors",
    "standard_fee",
    "funding_source",
    "approval_required",
    "refresher_months",
    "follow_up_months",
    "follow_up_to_manager",
    "is_published",
]


def settings_for(partnership_id: int) -> TrainingSettings:
    """The partnership's training settings, or the defaults when none are saved."""
    found = TrainingSettings.objects.filter(partnership_id=partnership_id).first()
    return found or TrainingSettings(partnership_id=partnership_id)


def retry_when_sqlite_is_busy(function: Callable) -> Callable:
    """Run a write again when SQLite reports its single writer lock is taken.

    PostgreSQL serialises bookings with ``SELECT … FOR UPDATE`` on the session row. SQLite
    has no row locks: a second writer fails at once with “database is locked” and its whole
    transaction rolls back, so trying it again from the start is safe. Must wrap the
    outermost transaction (the retry is pointless inside someone else's).
    """

    @wraps(function)
    def wrapped(*args, **kwargs):
        attempts = 0
        while True:
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                message = str(error).lower()
                busy = "locked" in message or "busy" in message
                if (
                    connection.vendor != "sqlite"
                    or not busy
                    or connection.in_atomic_block
                    or attempts >= 200
                ):
                    raise
                attempts += 1
                time.sleep(random.uniform(0.002, 0.02))

    return wrapped
