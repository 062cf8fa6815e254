"""Dates and times in GOV.UK style, for pages, emails and documents alike.

One pair of functions (also template filters ``govuk_date`` and ``govuk_time`` in
``core/templatetags/govuk.py``): "3 March 2024"; "10am", "12:30pm", "midday", "midnight".
"""

from __future__ import annotations

import datetime

from django.utils import timezone

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def govuk_date(value, *, month_only: bool = False) -> str:
    """3 March 2024 (or March 2024). Empty for no value; anything else as text."""
    if not value:
        return ""
    value = _local(value)
    if not isinstance(value, datetime.date):
        return str(value)
    if month_only:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def govuk_time(value) -> str:
    """10am, 12:30pm, midday, midnight."""
    if value is None or value == "":
        return ""
    value = _local(value)
    if isinstance(value, datetime.datetime):
        value = value.time()
    if not isinstance(value, datetime.time):
        return str(value)
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


def govuk_datetime(value) -> str:
    """3 March 2024 at 2:15pm."""
    if not value:
        return ""
    return f"{govuk_date(value)} at {govuk_time(value)}"


def govuk_time_range(start, end) -> str:
    """10am to 12:30pm."""
    return f"{govuk_time(start)} to {govuk_time(end)}"
