"""Calendar files (.ics) for sessions, attached to confirmation, reminder and change emails.

One event per session with a stable UID and the session's ``sequence``, so a calendar
program updates the entry it already has when the date or venue changes, and removes it
when the session or the booking is cancelled.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

ICS_MIMETYPE = "text/calendar"


def _host() -> str:
    site = getattr(settings, "SITE_URL", "") or "http://localhost"
    return site.split("://", 1)[-1].split("/", 1)[0] or "localhost"


def session_calendar(session, *, cancelled: bool = False, include_link: bool = True) -> str:
    """The .ics text for a session; ``cancelled`` removes it from the attendee's calendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//Safeguarding Partnership Platform//Training//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"training-session-{session.pk}@{_host()}")
    event.add("sequence", session.sequence + (1 if cancelled else 0))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.course.title)
    event.add("location", session.venue or "Online")
    description = [session.course.summary]
    if include_link and session.online_link and not cancelled:
        description.append(f"Join online: {session.online_link}")
    event.add("description", "\n\n".join(description))
    event.add("status", "CANCELLED" if cancelled or session.is_cancelled else "CONFIRMED")
    if session.online_link and include_link and not cancelled:
        event.add("url", session.online_link)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def session_attachment(session, *, cancelled: bool = False) -> tuple[str, str, str]:
    return (
        f"training-session-{session.pk}.ics",
        session_calendar(session, cancelled=cancelled),
        ICS_MIMETYPE,
    )
