"""Scheduled library jobs, run by `safeguarding run-schedule` (idempotent: see core.schedule)."""

from __future__ import annotations

from safeguarding.core.schedule import JobRun, register
from safeguarding.library.services.procedures import procedure_review_reminders


@register(
    "library.procedure-review-reminders",
    "Remind procedure owners 60 and 14 days before the review date, and when it is overdue",
)
def procedure_reviews(run: JobRun) -> None:
    procedure_review_reminders(run=run)
