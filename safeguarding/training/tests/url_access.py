"""URL arguments for the core URL sweep (safeguarding/core/tests/test_url_access.py)."""

from __future__ import annotations

from safeguarding.training import tokens
from safeguarding.training.tests.factories import (
    BookingFactory,
    CourseFactory,
    MemberGroupFactory,
    SessionFactory,
)


def course(partnership, user) -> dict:
    return {"pk": CourseFactory(partnership=partnership).pk}


def session(partnership, user) -> dict:
    return {"pk": SessionFactory(course=CourseFactory(partnership=partnership)).pk}


def _booking(partnership, **fields):
    return BookingFactory(
        session=SessionFactory(course=CourseFactory(partnership=partnership)), **fields
    )


def booking_link(partnership, user) -> dict:
    return {"token": tokens.attendee_token(_booking(partnership))}


def manager_link(partnership, user) -> dict:
    booking = _booking(partnership, line_manager_email="manager@test.example")
    return {"token": tokens.manager_token(booking)}


def own_booking(partnership, user) -> dict:
    return {"pk": _booking(partnership, user=user, email=user.email).pk}


def member_group(partnership, user) -> dict:
    return {"pk": MemberGroupFactory(partnership=partnership).pk}
