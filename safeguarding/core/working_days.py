"""Working days in England and Wales: weekdays that are not bank holidays.

Statutory clocks (notify within 5 working days, rapid review within 15, send a report
7 working days before publication) are counted with these functions. Bank holidays come
from the maintained ``holidays`` package for England ("GB", subdivision "ENG", the same
calendar as Wales), including one-off holidays proclaimed for a single year such as the
2022 state funeral and the 2023 coronation.

Day 0 is the start date. ``add_working_days`` always returns a working day: adding 0 to
a weekend or a bank holiday moves forward to the next working day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

# A clock longer than this is a typing mistake rather than a statutory period.
MAX_WORKING_DAYS = 100_000


@lru_cache(maxsize=256)
def _bank_holidays(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(calendar.keys())


def bank_holiday_name(day: date) -> str | None:
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=day.year)
    return calendar.get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (before it when negative)."""
    if abs(days) > MAX_WORKING_DAYS:
        raise ValueError(f"{days} working days is more than the {MAX_WORKING_DAYS} allowed.")
    current = start
    if days == 0:
        while not is_working_day(current):
            current += timedelta(days=1)
        return current
    step = timedelta(days=1 if days > 0 else -1)
    remaining = abs(days)
    while remaining:
        current += step
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when end is earlier."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    count = 0
    day = low + timedelta(days=1)
    while day <= high:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return sign * count
