"""The statutory clocks, counted in England and Wales working days — including one-off bank
holidays (the 2022 state funeral, the 2023 coronation) and Christmas substitute days."""

from datetime import date

import pytest

from safeguarding.reviews import clocks
from safeguarding.reviews.clocks import Clock


@pytest.mark.parametrize(
    ("aware", "due", "why"),
    [
        (date(2022, 9, 13), date(2022, 9, 21), "state funeral of Queen Elizabeth II, 19 Sep 2022"),
        (date(2023, 5, 3), date(2023, 5, 11), "coronation of King Charles III, 8 May 2023"),
        (date(2022, 12, 23), date(2023, 1, 4), "Christmas substitute 27 Dec, New Year 2 Jan"),
        (date(2022, 5, 31), date(2022, 6, 9), "platinum jubilee, 2 and 3 June 2022"),
        (date(2023, 4, 6), date(2023, 4, 17), "Good Friday and Easter Monday 2023"),
        (date(2023, 3, 4), date(2023, 3, 10), "aware on a Saturday: counting starts Monday"),
        (date(2023, 3, 1), date(2023, 3, 8), "an ordinary week"),
    ],
)
def test_notify_within_5_working_days(aware, due, why):
    assert clocks.notify_by(aware) == due, why


def test_rapid_review_15_working_days_across_the_may_2023_bank_holidays():
    # Notified Friday 28 April 2023; 1 May (early May) and 8 May (coronation) are not counted.
    assert clocks.rapid_review_due(date(2023, 4, 28)) == date(2023, 5, 23)


def test_rapid_review_15_working_days_across_the_state_funeral():
    assert clocks.rapid_review_due(date(2022, 9, 9)) == date(2022, 10, 3)


def test_advance_copy_is_counted_back_7_working_days_from_publication():
    # Publication Thursday 11 May 2023: back over the coronation and early May holidays.
    assert clocks.latest_advance_copy(date(2023, 5, 11)) == date(2023, 4, 28)
    assert clocks.earliest_publication(date(2023, 4, 28)) == date(2023, 5, 11)


@pytest.mark.parametrize(
    ("decided", "target"),
    [
        (date(2022, 3, 24), date(2022, 9, 24)),
        (date(2022, 8, 31), date(2023, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),
        (date(2022, 11, 15), date(2023, 5, 15)),
    ],
)
def test_publication_target_is_six_calendar_months(decided, target):
    assert clocks.publication_target(decided) == target


def test_a_running_clock_says_how_many_working_days_are_left():
    clock = Clock(key="notify", label="Notify", due=date(2023, 5, 11))
    # On Wednesday 3 May: 4, 5, 9, 10, 11 May are working days (8 May is the coronation).
    assert clock.time_left(date(2023, 5, 3)) == "5 working days left"
    assert clock.state(date(2023, 5, 3)) == "due_soon"
    assert clock.time_left(date(2023, 5, 10)) == "1 working day left"
    assert clock.time_left(date(2023, 5, 11)) == "Due today"
    assert clock.time_left(date(2023, 5, 15)) == "2 working days overdue"
    assert clock.state(date(2023, 5, 15)) == "overdue"
    assert clock.needs_reason(date(2023, 5, 15))


def test_a_clock_far_off_is_on_track():
    clock = Clock(key="rapid_review", label="Rapid review", due=date(2023, 5, 23))
    assert clock.state(date(2023, 4, 28)) == "running"
    assert clock.time_left(date(2023, 4, 28)) == "15 working days left"


def test_a_met_clock_and_a_late_one():
    on_time = Clock(key="n", label="n", due=date(2023, 5, 11), done_on=date(2023, 5, 9))
    assert on_time.state(date(2024, 1, 1)) == "met"
    assert on_time.time_left(date(2024, 1, 1)) == "Met with 2 working days to spare"
    late = Clock(key="n", label="n", due=date(2023, 5, 11), done_on=date(2023, 5, 15))
    assert late.state(date(2024, 1, 1)) == "late"
    assert late.time_left(date(2024, 1, 1)) == "Met 2 working days late"
    assert late.needs_reason(date(2024, 1, 1))
    explained = Clock(
        key="n",
        label="n",
        due=date(2023, 5, 11),
        done_on=date(2023, 5, 15),
        breach_reason="The family moved area",
    )
    assert not explained.needs_reason(date(2024, 1, 1))


def test_calendar_clock_counts_days():
    clock = Clock(key="publication", label="Publish", due=date(2023, 9, 24), working_days=False)
    assert clock.time_left(date(2023, 9, 1)) == "23 days left"
    assert clock.time_left(date(2023, 9, 25)) == "1 day overdue"
