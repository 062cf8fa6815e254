"""The statutory clocks of case reviews, counted with the working-day calendar.

Working Together 2023 and regulation 16 of SI 2018/789 set four clocks:

- the local authority notifies the Panel within 5 working days of becoming aware;
- the rapid review is done within 15 working days of its start event (awareness or
  notification, a per-partnership setting);
- a local review is published within 6 calendar months of the decision to hold it;
- the final report reaches the Panel, the Secretary of State and Ofsted at least 7 working
  days before publication (counted backwards from the planned publication date).

A :class:`Clock` answers "how long is left" and "was it met" for one of them. Nothing here
touches the database.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from safeguarding.core.working_days import add_working_days, working_days_between

NOTIFY_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
PUBLICATION_MONTHS = 6
ADVANCE_COPY_WORKING_DAYS = 7
DUE_SOON_WORKING_DAYS = 5


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day when it is short)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def notify_by(became_aware_on: date) -> date:
    return add_working_days(became_aware_on, NOTIFY_WORKING_DAYS)


def rapid_review_due(clock_start_on: date) -> date:
    return add_working_days(clock_start_on, RAPID_REVIEW_WORKING_DAYS)


def publication_target(decided_on: date) -> date:
    return add_months(decided_on, PUBLICATION_MONTHS)


def latest_advance_copy(planned_publication_on: date) -> date:
    """The last day the report may reach the Panel and Secretary of State."""
    return add_working_days(planned_publication_on, -ADVANCE_COPY_WORKING_DAYS)


def earliest_publication(advance_copy_sent_on: date) -> date:
    return add_working_days(advance_copy_sent_on, ADVANCE_COPY_WORKING_DAYS)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Clock:
    """One statutory clock of one record."""

    key: str
    label: str
    due: date | None
    done_on: date | None = None
    working_days: bool = True
    breach_reason: str = ""
    record: object = None

    def _gap(self, start: date, end: date) -> int:
        if self.working_days:
            return working_days_between(start, end)
        return (end - start).days

    @property
    def unit(self) -> str:
        return "working day" if self.working_days else "day"

    def state(self, today: date) -> str:
        """not_set, met, late, overdue, due_soon or running."""
        if self.due is None:
            return "not_set"
        if self.done_on is not None:
            return "met" if self.done_on <= self.due else "late"
        if today > self.due:
            return "overdue"
        if working_days_between(today, self.due) <= DUE_SOON_WORKING_DAYS:
            return "due_soon"
        return "running"

    def is_breached(self, today: date) -> bool:
        return self.state(today) in {"late", "overdue"}

    def needs_reason(self, today: date) -> bool:
        return self.is_breached(today) and not self.breach_reason.strip()

    def time_left(self, today: date) -> str:
        """Plain words: "3 working days left", "Due today", "2 working days overdue"."""
        state = self.state(today)
        if state == "not_set":
            return "Not started"
        if state in {"met", "late"}:
            gap = self._gap(self.due, self.done_on)
            if gap <= 0:
                return "Met" if gap == 0 else f"Met with {_plural(-gap, self.unit)} to spare"
            return f"Met {_plural(gap, self.unit)} late"
        gap = self._gap(today, self.due)
        if gap == 0 and today == self.due:
            return "Due today"
        if gap > 0:
            return f"{_plural(gap, self.unit)} left"
        if gap == 0:  # today is a weekend or bank holiday just before the due day
            return "Due on the next working day"
        return f"{_plural(-gap, self.unit)} overdue"

    def tag(self, today: date) -> tuple[str, str]:
        """(text, GOV.UK tag colour) for the clock's state."""
        state = self.state(today)
        return {
            "not_set": ("Not started", "grey"),
            "met": ("Met", "green"),
            "late": ("Met late", "orange"),
            "overdue": ("Overdue", "red"),
            "due_soon": ("Due soon", "yellow"),
            "running": ("On track", "blue"),
        }[state]
