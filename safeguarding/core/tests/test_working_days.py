from datetime import date

import pytest
from django.core.management import CommandError, call_command

from safeguarding.core.working_days import (
    add_working_days,
    bank_holiday_name,
    is_working_day,
    working_days_between,
)


def test_contract_example_crosses_christmas_and_new_year():
    assert add_working_days(date(2023, 12, 20), 15) == date(2024, 1, 15)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2024, 3, 27), 3, date(2024, 4, 3)),  # Good Friday and Easter Monday skipped
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # one-off: Queen's state funeral 19 Sep 2022
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # one-off: coronation 8 May 2023 after May Day
        (date(2024, 1, 15), -15, date(2023, 12, 20)),  # counting backwards
        (date(2024, 6, 1), 0, date(2024, 6, 3)),  # day 0 on a Saturday rolls to Monday
        (date(2024, 6, 3), 0, date(2024, 6, 3)),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected
    assert is_working_day(add_working_days(start, days))


def test_one_off_bank_holidays_are_named():
    assert bank_holiday_name(date(2022, 9, 19))
    assert bank_holiday_name(date(2023, 5, 8))
    assert bank_holiday_name(date(2024, 5, 8)) is None


def test_between_counts_days_after_start_up_to_and_including_end():
    assert working_days_between(date(2023, 12, 20), date(2024, 1, 15)) == 15
    assert working_days_between(date(2024, 1, 15), date(2023, 12, 20)) == -15
    assert working_days_between(date(2024, 6, 3), date(2024, 6, 3)) == 0
    assert working_days_between(date(2024, 6, 7), date(2024, 6, 10)) == 1  # Friday to Monday


@pytest.mark.parametrize("days", [1, 5, 7, 15, 130, -7])
def test_add_and_between_agree(days):
    start = date(2022, 9, 12)
    assert working_days_between(start, add_working_days(start, days)) == days


def test_command_add_prints_the_iso_date(capsys):
    call_command("working-days", "add", "2023-12-20", "15")
    assert capsys.readouterr().out.strip() == "2024-01-15"


def test_command_add_accepts_negative_n(capsys):
    call_command("working-days", "add", "2024-01-15", "-15")
    assert capsys.readouterr().out.strip() == "2023-12-20"


def test_command_between(capsys):
    call_command("working-days", "between", "2023-12-20", "2024-01-15")
    assert capsys.readouterr().out.strip() == "15"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "20/12/2023", "15"], "is not a date. Write it as YYYY-MM-DD"),
        (["add", "2023-12-20", "fifteen"], "is not a whole number of working days"),
        (["between", "2023-12-20", "2024-02-30"], "is not a date"),
    ],
)
def test_command_bad_input_gets_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("working-days", *args)
