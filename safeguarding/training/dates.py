"""Calendar arithmetic the training rules need (months, as in “refresh every 24 months”)."""

from __future__ import annotations

import calendar
from datetime import date, datetime


def add_months(value: date | datetime, months: int):
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month."""
    month_index = value.month - 1 + months
    year = value.year + month_index // 12
    month = month_index % 12 + 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)
