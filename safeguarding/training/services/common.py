"""What every training service shares: settings, the SQLite write retry, audit fields."""

from __future__ import annotations

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
