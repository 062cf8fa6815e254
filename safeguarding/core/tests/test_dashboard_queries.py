"""The dashboard and the tracker — the pages every signed-in person opens first, which gather
panels and open items from every capability — make the same number of queries with 2 of
everything as with 8 (issue: national scale). Each role sees its own panels, so each role is
measured."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.models import AuditAction
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import ActionFactory, MeetingFactory
from safeguarding.reviews.tests.factories import (
    NotificationFactory,
    RecommendationFactory,
    ReviewFactory,
)
from safeguarding.training.tests.factories import BookingFactory, CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

ROLES = [
    Role.BUSINESS_UNIT,
    Role.CHAIR,
    Role.SAFEGUARDING_PARTNER,
    Role.AGENCY_LEAD,
    Role.PRACTITIONER,
]


def add_rows(person, partnership, agency, count: int) -> None:
    """`count` open meeting, audit actions and recommendations for the person and their
    agency, reviews, notifications, and training sessions the person is booked on."""
    today = timezone.localdate()
    meeting = MeetingFactory()
    meeting.body.partnerships.add(partnership)
    course = CourseFactory(partnership=partnership)
    for n in range(count):
        ActionFactory(meeting=meeting, owner=person, due_on=today + datetime.timedelta(days=n - 2))
        NotificationFactory(partnership=partnership)
        review = ReviewFactory(partnership=partnership, decided_on=today)
        RecommendationFactory(
            review=review,
            owner_agency=agency,
            owner_person=person,
            number=1,
            update_due_on=today + datetime.timedelta(days=n - 1),
        )
        starts = timezone.now() + datetime.timedelta(days=10 + n)
        session = SessionFactory(
            course=course, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
        )
        BookingFactory(session=session, user=person, email=person.email, agency=agency)
        AuditAction.objects.create(
            partnership=partnership,
            agency=agency,
            owner=person,
            title=f"Audit gap {n}",
            due_on=today + datetime.timedelta(days=n - 2),
        )


PAGES = [("/dashboard/", role) for role in ROLES] + [
    ("/tracker/", role) for role in ROLES if role != Role.PRACTITIONER
]


def test_a_practitioner_has_no_tracker(client, make_user):
    client.force_login(make_user(Role.PRACTITIONER))

    assert client.get("/tracker/").status_code == 403


@pytest.mark.parametrize(("url", "role"), PAGES)
def test_first_pages_do_not_make_more_queries_for_more_rows(
    client, make_user, partnership, role, url, django_assert_max_num_queries
):
    agency = AgencyFactory(
        name="Testshire Police", type="police", sector="police", partnerships=[partnership]
    )
    person = make_user(role, agency=agency)
    client.force_login(person)
    add_rows(person, partnership, agency, 2)
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as with_two:
        fewer = client.get(url)

    add_rows(person, partnership, agency, 6)

    with django_assert_max_num_queries(len(with_two)):
        more = client.get(url)
    assert more.status_code == 200
    if url == "/tracker/":
        # The rows are really there: the tracker lists every open item the person may see.
        assert len(more.content) > len(fewer.content)
