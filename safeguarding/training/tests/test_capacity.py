"""The last places: capacity is never exceeded, even when many people book at once."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.training import services
from safeguarding.training.models import Booking, BookingStatus, Session
from safeguarding.training.tests.conftest import someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory


def _book_concurrently(session: Session, people: list[dict]) -> list[BaseException]:
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def book(details: dict) -> None:
        try:
            barrier.wait(timeout=30)
            services.booking_create(actor=AnonymousUser(), session=session, **details)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(details,)) for details in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_fifty_people_booking_the_last_five_places_at_once_leaves_exactly_five_booked(mailoutbox):
    partnership = PartnershipFactory(slug="concurrency")
    session = SessionFactory(course=CourseFactory(partnership=partnership), capacity=8)
    for n in range(3):  # three places already gone: five left
        services.booking_create(actor=AnonymousUser(), session=session, **someone(1000 + n))

    errors = _book_concurrently(session, [someone(n) for n in range(50)])

    assert errors == []
    session.refresh_from_db()
    assert session.places_taken == session.capacity == 8
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(BookingStatus.BOOKED) == 8
    assert statuses.count(BookingStatus.WAITING) == 45
    # Everyone heard: 8 confirmations and 45 waiting-list emails.
    subjects = [m.subject for m in mailoutbox]
    assert sum(s.startswith("Booking confirmed") for s in subjects) == 8
    assert sum(s.startswith("You are on the waiting list") for s in subjects) == 45
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db(transaction=True)
def test_the_same_person_booking_twice_at_once_gets_one_booking():
    session = SessionFactory(capacity=10)
    errors = _book_concurrently(session, [someone(7) for _ in range(6)])

    assert Booking.objects.filter(session=session).count() == 1
    assert len(errors) == 5
    assert all(isinstance(e, ValidationError) for e in errors)
    session.refresh_from_db()
    assert session.places_taken == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_more_places_than_capacity():
    session = SessionFactory(capacity=2)
    Session.objects.filter(pk=session.pk).update(places_taken=2)
    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=session.pk).update(places_taken=3)
