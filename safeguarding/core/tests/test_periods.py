import datetime

import pytest

from safeguarding.core.periods import (
    financial_year_bounds,
    financial_year_label,
    financial_year_of,
    financial_year_start,
    last_complete_financial_year,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2024, 3, 31), 2023),
        (datetime.date(2024, 4, 1), 2024),
        (datetime.date(2024, 12, 31), 2024),
        (datetime.date(2025, 1, 1), 2024),
    ],
)
def test_a_date_falls_in_the_financial_year_that_started_the_april_before(day, year):
    assert financial_year_of(day) == year


def test_bounds_run_from_1_april_to_31_march():
    assert financial_year_bounds(2023) == (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))
    assert financial_year_start(datetime.date(2024, 2, 29)) == datetime.date(2023, 4, 1)


def test_one_label_format_with_an_en_dash_and_two_digit_end_year():
    assert financial_year_label(2023) == "2023–24"
    assert financial_year_label(1999) == "1999–00"


def test_last_complete_year_is_the_one_before_today_s():
    assert last_complete_financial_year(datetime.date(2024, 6, 1)) == (
        datetime.date(2023, 4, 1),
        datetime.date(2024, 3, 31),
    )
