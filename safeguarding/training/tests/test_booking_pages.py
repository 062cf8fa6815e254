"""Booking through the pages: the public form, the emailed links, agency leads, your record."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from safeguarding.accounts.models import AgencyMembership, RoleAssignment
from safeguarding.accounts.tests.factories import AgencyFactory, UserFactory
from safeguarding.core.roles import Role
from safeguarding.training import services, tokens
from safeguarding.training.models import Booking, BookingStatus
from safeguarding.training.tests.conftest import commit, someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory


def form_data(**changes) -> dict:
    return {
        "full_name": "Jo Rivers",
        "email": "jo.rivers@harbour.example",
        "organisation": "Harbour Lights Family Support",
        "job_role": "Family support worker",
        "sector": "voluntary",
        "line_manager_email": "",
        **changes,
    }


@pytest.mark.django_db
def test_anyone_can_book_a_place_and_manage_it_from_the_link(
    client, session, django_capture_on_commit_callbacks, mailoutbox
):
    form = client.get(reverse("training:book", args=[session.pk]))
    assert form.status_code == 200
    assert "Book a place" in form.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("training:book", args=[session.pk]), form_data())

    booking = Booking.objects.get()
    link = reverse("training:booking", args=[tokens.attendee_token(booking)])
    assert response.status_code == 302 and response["Location"] == link
    assert booking.status == BookingStatus.BOOKED and booking.user is None
    assert mailoutbox[0].to == ["jo.rivers@harbour.example"]
    assert link in mailoutbox[0].body
    page = client.get(link).content.decode()
    assert "Your place is booked" in page
    assert "Jo Rivers" in page and "Cancel my booking" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("training:booking-cancel-link", args=[tokens.attendee_token(booking)]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert "Your booking has been cancelled." in client.get(link).content.decode()


@pytest.mark.django_db
def test_a_refused_booking_shows_why_and_writes_nothing(client, partnership, session):
    level_2 = CourseFactory(partnership=partnership, title="Level 2 Core")
    session.course.prerequisites.set([level_2])
    response = client.post(reverse("training:book", args=[session.pk]), form_data())
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "needs “Level 2 Core” first" in page
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_the_form_says_what_is_missing(client, session):
    response = client.post(
        reverse("training:book", args=[session.pk]), form_data(full_name="", email="nope")
    )
    page = response.content.decode()
    assert "Enter your full name." in page
    assert "Enter an email address in the correct format" in page
    assert Booking.objects.count() == 0


@pytest.mark.django_db
def test_a_link_that_was_tampered_with_is_not_found(client, session):
    booking = commit(services.booking_create, actor=AnonymousUser(), session=session, **someone(1))
    token = tokens.attendee_token(booking)
    assert client.get(reverse("training:booking", args=[token[:-2] + "xx"])).status_code == 404
    # A manager's link does not open the attendee's page, and the other way round.
    assert client.get(reverse("training:approval", args=[token])).status_code == 404


@pytest.mark.django_db
def test_a_signed_in_practitioner_books_and_sees_it_in_their_training(signed_in, session):
    client = signed_in(Role.PRACTITIONER, full_name="Casey Marsh", email="casey@riverside.example")
    form = client.get(reverse("training:book", args=[session.pk])).content.decode()
    assert 'value="casey@riverside.example"' in form

    client.post(
        reverse("training:book", args=[session.pk]),
        form_data(full_name="Casey Marsh", email="casey@riverside.example"),
    )
    booking = Booking.objects.get()
    assert booking.user == client.user
    page = client.get(reverse("training:my-training")).content.decode()
    assert session.course.title in page and "Booked" in page


@pytest.mark.django_db
def test_an_offer_is_accepted_from_the_link(client, session, django_capture_on_commit_callbacks):
    booked = [
        commit(services.booking_create, actor=AnonymousUser(), session=session, **someone(n))
        for n in range(3)
    ]
    waiting = commit(services.booking_create, actor=AnonymousUser(), session=session, **someone(9))
    commit(services.booking_cancel, actor=AnonymousUser(), booking=booked[0])
    link = reverse("training:booking", args=[tokens.attendee_token(waiting)])
    assert "A place is free for you" in client.get(link).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("training:offer-respond", args=[tokens.attendee_token(waiting)]),
            {"decision": "accept"},
        )
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.BOOKED


@pytest.mark.django_db
def test_the_line_manager_approves_from_the_link(client, course, mailoutbox):
    course.approval_required = True
    course.save()
    session = SessionFactory(course=course)
    booking = commit(
        services.booking_create,
        actor=AnonymousUser(),
        session=session,
        line_manager_email="boss@harbour.example",
        **someone(1),
    )
    approval = reverse("training:approval", args=[tokens.manager_token(booking)])
    assert approval in mailoutbox[-1].body
    assert "Do you approve this place?" in client.get(approval).content.decode()

    client.post(approval, {"decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    assert "There is nothing more to decide" in client.get(approval).content.decode()


@pytest.fixture
def lead(signed_in, partnership):
    agency = AgencyFactory(
        name="Oakfield Primary School", sector="education", partnerships=[partnership]
    )
    client = signed_in(Role.AGENCY_LEAD, agency=agency)
    return client, agency


@pytest.mark.django_db
def test_an_agency_lead_books_a_member_of_staff(lead, session, partnership):
    client, agency = lead
    teacher = UserFactory(full_name="Ravi Patel", email="ravi@oakfield.example")
    AgencyMembership.objects.create(user=teacher, agency=agency, job_title="Teacher")
    url = reverse("training:book-staff", args=[session.pk])
    assert "Ravi Patel (ravi@oakfield.example)" in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "staff_member": str(teacher.pk),
            "agency": str(agency.pk),
            "job_role": "Class teacher",
            "sector": "education",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.user == teacher and booking.agency == agency
    assert booking.booked_by == client.user and booking.organisation == "Oakfield Primary School"
    page = client.get(reverse("training:agency-training")).content.decode()
    assert "Ravi Patel" in page


@pytest.mark.django_db
def test_an_agency_lead_cancels_their_staffs_booking_but_not_others(lead, session):
    client, agency = lead
    own = commit(
        services.booking_create,
        actor=AnonymousUser(),
        session=session,
        agency=agency,
        **someone(1),
    )
    other = commit(services.booking_create, actor=AnonymousUser(), session=session, **someone(2))

    assert client.get(reverse("training:booking-cancel", args=[other.pk])).status_code == 404
    response = client.post(reverse("training:booking-cancel", args=[own.pk]), {"reason": "Ill"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == BookingStatus.CANCELLED


@pytest.mark.django_db
def test_the_agency_page_costs_the_same_queries_for_3_or_30_bookings(lead, count_queries):
    client, agency = lead
    session = SessionFactory(capacity=50)

    def make(start, n):
        for i in range(start, start + n):
            commit(
                services.booking_create,
                actor=AnonymousUser(),
                session=session,
                agency=agency,
                **someone(i),
            )

    make(0, 3)
    few = count_queries(lambda: client.get(reverse("training:agency-training")))
    make(3, 27)
    many = count_queries(lambda: client.get(reverse("training:agency-training")))
    assert few == many


@pytest.mark.django_db
def test_my_training_costs_the_same_queries_for_3_or_30_bookings(signed_in, count_queries):
    client = signed_in(Role.PRACTITIONER)

    def make(n):
        for _ in range(n):
            session = SessionFactory()
            Booking.objects.create(
                session=session,
                status=BookingStatus.BOOKED,
                user=client.user,
                **{**someone(0), "email": client.user.email},
            )

    make(3)
    few = count_queries(lambda: client.get(reverse("training:my-training")))
    make(27)
    many = count_queries(lambda: client.get(reverse("training:my-training")))
    assert few == many


@pytest.mark.django_db
def test_a_lead_role_without_an_agency_cannot_book_staff(signed_in, session):
    client = signed_in(Role.AGENCY_LEAD)
    assert RoleAssignment.objects.get(user=client.user).agency is None
    response = client.get(reverse("training:book-staff", args=[session.pk]), follow=True)
    assert "not linked to an agency" in response.content.decode()
