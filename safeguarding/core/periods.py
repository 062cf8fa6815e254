"""Financial years (April to March): which year a date is in, its bounds and its label.

One place for the rule every capability shares, so that a key message, a referral, a
figure and a finance line of 31 March 2024 all fall in "2023–24".
"""

from __future__ import annotations

import datetime

FINANCIAL_YEAR_START_MONTH = 4


def financial_year_of(day: datetime.date) -> int:
    """The year the financial year containing ``day`` starts in: 31 March 2024 gives 2023."""
    return day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1


def financial_year_bounds(start_year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the financial year that starts in ``start_year``."""
    return (
        datetime.date(start_year, FINANCIAL_YEAR_START_MONTH, 1),
        datetime.date(start_year + 1, FINANCIAL_YEAR_START_MONTH, 1) - datetime.timedelta(days=1),
    )


def financial_year_start(day: datetime.date) -> datetime.date:
    """1 April of the financial year containing ``day``."""
    return financial_year_bounds(financial_year_of(day))[0]


def financial_year_label(start_year: int) -> str:
    """The one label used everywhere: ``2023–24`` (with an en dash)."""
    return f"{start_year}–{(start_year + 1) % 100:02d}"


def last_complete_financial_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The bounds of the last financial year that has ended, as yearly reports use."""
    return financial_year_bounds(financial_year_of(today) - 1)
