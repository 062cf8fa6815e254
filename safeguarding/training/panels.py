"""Dashboard panels: your bookings, your staff's, this week's sessions and waiting lists."""

from __future__ import annotations

from safeguarding.training import selectors, tokens

LIMIT = 5


def my_bookings(request) -> dict:
    bookings = list(selectors.upcoming_own(user=request.user)[:LIMIT])
    for booking in bookings:
        booking.link = tokens.attendee_token(booking)
    return {"bookings": bookings}


def agency(request) -> dict:
    bookings = selectors.agency_staff_bookings(user=request.user)
    return {
        "due": selectors.training_due(bookings=bookings)[:LIMIT],
        "booking_count": bookings.count(),
    }


def this_week(request) -> dict:
    return {"sessions": list(selectors.sessions_this_week(user=request.user)[:10])}


def waiting_lists(request) -> dict:
    return {"sessions": list(selectors.waiting_lists(user=request.user)[:10])}
