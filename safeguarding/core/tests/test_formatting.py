"""Dates and times in GOV.UK style through one pair of functions, used by every page."""

import datetime
import pathlib
import re
from zoneinfo import ZoneInfo

import pytest

from safeguarding.core.formatting import govuk_date, govuk_datetime, govuk_time, govuk_time_range
from safeguarding.core.roles import Role

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.time(10, 0), "10am"),
        (datetime.time(12, 30), "12:30pm"),
        (datetime.time(12, 0), "midday"),
        (datetime.time(0, 0), "midnight"),
        (datetime.time(9, 5), "9:05am"),
        (datetime.time(17, 45), "5:45pm"),
    ],
)
def test_times_are_written_the_govuk_way(value, expected):
    assert govuk_time(value) == expected


def test_dates_and_ranges_are_written_the_govuk_way():
    assert govuk_date(datetime.date(2024, 3, 3)) == "3 March 2024"
    assert govuk_date(datetime.date(2024, 3, 3), month_only=True) == "March 2024"
    start = datetime.datetime(2024, 7, 3, 9, 0, tzinfo=datetime.UTC)  # 10am in London (BST)
    end = datetime.datetime(2024, 7, 3, 11, 30, tzinfo=datetime.UTC)
    assert govuk_time_range(start, end) == "10am to 12:30pm"
    assert govuk_datetime(start) == "3 July 2024 at 10am"
    assert govuk_date(None) == ""


def test_a_meetings_times_on_its_page(signed_in, partnership):
    from safeguarding.governance.tests.factories import BodyFactory, MeetingFactory

    client = signed_in(Role.BUSINESS_UNIT)
    body = BodyFactory()
    body.partnerships.add(partnership)
    meeting = MeetingFactory(
        body=body,
        starts_at=datetime.datetime(2024, 3, 5, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2024, 3, 5, 12, 30, tzinfo=LONDON),
    )
    page = client.get(f"/governance/meetings/{meeting.pk}/").content.decode()
    assert "5 March 2024 at 10am to 12:30pm" in page
    assert "p.m." not in page and "a.m." not in page


def test_no_template_formats_dates_or_times_its_own_way():
    root = pathlib.Path(__file__).resolve().parents[2]
    own_way = re.compile(r"\|(date|time):")
    found = [
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*")
        if path.suffix in {".html", ".txt"} and own_way.search(path.read_text())
    ]
    assert found == []
