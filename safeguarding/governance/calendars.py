"""iCalendar (RFC 5545) files of meetings: one meeting's .ics, and a body's feed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from safeguarding.governance.models import Body, Meeting

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Safeguarding Partnership Platform//Governance//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(meeting: Meeting, *, include_link: bool) -> Event:
    event = Event()
    event.add(
        "uid",
        f"meeting-{meeting.pk}@{settings.SITE_URL.split('//')[-1].strip('/') or 'safeguarding'}",
    )
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH)
    event.add("summary", f"{meeting.body.name}{' (cancelled)' if meeting.is_cancelled else ''}")
    if meeting.location:
        event.add("location", meeting.location)
    page = settings.SITE_URL.rstrip("/") + reverse("governance:meeting-detail", args=[meeting.pk])
    description = [f"Agenda and papers: {page}"]
    if include_link and meeting.online_link:
        description.append(f"Join online: {meeting.online_link}")
    event.add("description", "\n".join(description))
    event.add("url", page)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def meeting_ics(meeting: Meeting, *, include_link: bool) -> bytes:
    calendar = _calendar(meeting.body.name)
    calendar.add_component(_event(meeting, include_link=include_link))
    return calendar.to_ical()


def body_ics(body: Body, meetings: Iterable[Meeting]) -> bytes:
    """A body's meetings, for members to subscribe to with their private link."""
    calendar = _calendar(body.name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, include_link=True))
    return calendar.to_ical()
