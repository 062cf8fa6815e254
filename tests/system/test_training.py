"""Journeys through learning and development, every page checked with axe (WCAG 2.2 AA):
the public catalogue and booking, the pages reached from emailed links, a practitioner's and
an agency lead's training, and the business unit running courses, sessions, the register,
charges, reports and evaluation results."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from safeguarding.accounts.models import AgencyMembership
from safeguarding.accounts.tests.factories import (
    AgencyFactory,
    PartnershipFactory,
    UserFactory,
    user_with_role,
)
from safeguarding.core.roles import Role
from safeguarding.training import services, tokens
from safeguarding.training.models import Booking, FollowUp
from safeguarding.training.tests.factories import CourseFactory, SessionFactory


def person(n: int, **extra) -> dict:
    return {
        "full_name": f"Journey Person {n}",
        "email": f"journey{n}@harbour.example",
        "job_role": "Family support worker",
        "sector": "voluntary",
        "organisation": "Harbour Lights Family Support",
        **extra,
    }


@pytest.fixture
def essex(transactional_db):
    return PartnershipFactory(
        slug="essex",
        name="Essex Safeguarding Children Board",
        contact_line="Concerned about a child or young person? Call 0345 603 7627",
        brand_colour="#5b2d6e",
    )


@pytest.fixture
def programme(essex):
    level_2 = CourseFactory(partnership=essex, title="Level 2 Safeguarding Children", level="2")
    level_3 = CourseFactory(
        partnership=essex,
        title="Level 3 Designated Safeguarding Lead",
        level="3",
        format="face_to_face",
        standard_fee=60,
        refresher_months=24,
    )
    open_session = SessionFactory(course=level_2, capacity=20)
    full = SessionFactory(course=level_3, capacity=1)
    services.booking_create(
        actor=AnonymousUser(), session=full, equivalent_training="Level 2 elsewhere", **person(1)
    )
    now = timezone.now()
    today = SessionFactory(course=level_2, capacity=10, starts_at=now - timedelta(hours=1))
    return {
        "level_2": level_2,
        "level_3": level_3,
        "open": open_session,
        "full": full,
        "today": today,
    }


def test_the_public_find_and_book_a_session(browse, programme):
    browse.goto("/training/")
    page = browse.page
    assert "Level 2 Safeguarding Children" in page.locator("main").inner_text()
    page.get_by_label("Level", exact=True).select_option("3")
    page.get_by_role("button", name="Apply filter").click()
    browse.check()
    assert "Level 2 Safeguarding Children" not in page.locator("main").inner_text()

    browse.goto(f"/training/courses/{programme['level_3'].pk}/")
    browse.goto(f"/training/sessions/{programme['full'].pk}/")
    assert "Join the waiting list" in page.locator("main").inner_text()

    browse.goto(f"/training/sessions/{programme['open'].pk}/")
    page.get_by_role("link", name="Book a place").click()
    browse.check()
    page.get_by_label("Full name", exact=True).fill("Jo Rivers")
    page.get_by_label("Email address", exact=True).fill("jo.rivers@harbour.example")
    page.get_by_label("Organisation you work or volunteer for", exact=True).fill("Harbour Lights")
    page.get_by_label("Your role", exact=True).fill("Family support worker")
    page.get_by_label("Voluntary, community and faith", exact=True).check()
    page.get_by_role("button", name="Book the place").click()
    browse.check()
    main = page.locator("main").inner_text()
    assert "Your place is booked" in main and "Jo Rivers" in main

    # A refused booking shows the error summary, and the page still passes axe.
    browse.goto(f"/training/sessions/{programme['open'].pk}/book/")
    page.get_by_role("button", name="Book the place").click()
    browse.check()
    assert "There is a problem" in page.locator("main").inner_text()

    browse.goto(f"/training/sessions/{programme['full'].pk}/book/")
    browse.goto("/training/certificates/verify/")


def test_the_pages_reached_from_emailed_links(browse, programme):
    today = programme["today"]
    attended = services.register_add_attendee(
        job="test", session=today, attendance="attended", **person(2)
    )
    Booking.objects.filter(pk=attended.pk).update(line_manager_email="boss@harbour.example")
    link = tokens.attendee_token(attended)
    browse.goto(f"/training/bookings/{link}/")
    page = browse.page
    page.get_by_role("link", name="Evaluate the session").click()
    browse.check()
    for radio in page.locator("input[type=radio][value='4']").all():
        radio.check()
    page.get_by_label(
        "What will you do differently in your work because of this session?", exact=True
    ).fill("Ask more questions.")
    page.get_by_role("button", name="Send evaluation").click()
    browse.check()
    assert "Thank you" in page.locator("main").inner_text()

    # Marked attended ahead of a session still to come: no evaluation offered yet.
    early = Booking.objects.create(
        session=programme["open"], status="booked", attendance="attended", **person(3)
    )
    early_link = tokens.attendee_token(early)
    browse.goto(f"/training/bookings/{early_link}/")
    assert page.get_by_role("link", name="Evaluate the session").count() == 0
    browse.goto(f"/training/bookings/{early_link}/evaluation/")
    assert "The evaluation opens when the session starts" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Send evaluation").count() == 0

    FollowUp.objects.create(booking=attended, sent_at=timezone.now(), sent_to_manager=True)
    browse.goto(f"/training/bookings/{link}/follow-up/")
    browse.goto(f"/training/approvals/{tokens.manager_token(attended)}/follow-up/")

    certificate = services.certificate_issue(actor=AnonymousUser(), booking=attended)
    response = page.request.get(browse.url(f"/training/bookings/{link}/certificate/"))
    assert response.headers["content-type"] == "application/pdf"
    browse.goto(f"/training/certificates/verify/?code={certificate.code}")
    assert "This certificate is genuine" in page.locator("main").inner_text()

    programme["level_3"].approval_required = True
    programme["level_3"].save()
    asked = services.booking_create(
        actor=AnonymousUser(),
        session=SessionFactory(course=programme["level_3"]),
        line_manager_email="boss@harbour.example",
        equivalent_training="Level 2 elsewhere",
        **person(3),
    )
    browse.goto(f"/training/approvals/{tokens.manager_token(asked)}/")
    page.get_by_label("Yes, approve the place", exact=True).check()
    page.get_by_role("button", name="Send decision").click()
    browse.check()

    # An offer from the waiting list.
    waiting = services.booking_create(
        actor=AnonymousUser(),
        session=programme["full"],
        equivalent_training="L2",
        line_manager_email="boss@harbour.example",
        **person(4),
    )
    services.booking_cancel(
        actor=AnonymousUser(), booking=Booking.objects.get(email="journey1@harbour.example")
    )
    browse.goto(f"/training/bookings/{tokens.attendee_token(waiting)}/")
    page.get_by_role("button", name="Accept the place").click()
    browse.check()

    # A link from an email about a session long past has expired.
    old = SessionFactory(course=programme["level_3"], starts_at=timezone.now() - timedelta(days=40))
    gone = Booking.objects.create(session=old, status="booked", **person(5))
    response = browse.goto(f"/training/bookings/{tokens.attendee_token(gone)}/", expect=410)
    assert response.status == 410
    assert "This link has expired" in page.locator("main").inner_text()


def test_a_practitioner_and_an_agency_lead(browse, essex, programme):
    practitioner = user_with_role(Role.PRACTITIONER, partnership=essex, full_name="Casey Marsh")
    services.booking_create(
        actor=practitioner,
        session=programme["open"],
        user=practitioner,
        **{**person(5), "email": practitioner.email},
    )
    browse.sign_in(practitioner)
    assert "Level 2 Safeguarding Children" in browse.page.locator("main").inner_text()
    browse.goto("/training/my-training/")
    browse.sign_out()

    school = AgencyFactory(name="Oakfield Primary School", sector="education", partnerships=[essex])
    lead = user_with_role(
        Role.AGENCY_LEAD, partnership=essex, agency=school, full_name="Priya Hartley"
    )
    teacher = UserFactory(full_name="Ravi Patel")
    AgencyMembership.objects.create(user=teacher, agency=school)
    browse.sign_in(lead)
    browse.goto(f"/training/sessions/{programme['open'].pk}/book-staff/")
    page = browse.page
    page.get_by_label("Who are you booking?", exact=True).select_option(str(teacher.pk))
    page.get_by_label("Their role", exact=True).fill("Teacher")
    page.get_by_label("Education", exact=True).check()
    page.get_by_role("button", name="Book").click()
    browse.check()
    assert "Ravi Patel" in page.locator("main").inner_text()
    page.get_by_role("link", name="Cancel the booking for Ravi Patel").click()
    browse.check()
    page.get_by_role("button", name="Cancel the booking").click()
    browse.check()


def test_the_business_unit_runs_the_programme(browse, essex, programme):
    bu = user_with_role(Role.BUSINESS_UNIT, partnership=essex, full_name="Morgan Ellis")
    services.register_add_attendee(job="test", session=programme["today"], **person(6))
    browse.sign_in(bu)
    page = browse.page
    assert "Training sessions this week" in page.locator("main").inner_text()
    page.get_by_role("link", name="Training", exact=True).click()
    browse.check()
    page.get_by_role("link", name="Manage training").click()
    browse.check()

    page.get_by_role("link", name="Add a course").click()
    browse.check()
    page.get_by_label("Title", exact=True).fill("Neglect: recognising and responding")
    page.get_by_label("Summary", exact=True).fill("Using the graded care profile.")
    page.get_by_label("Learning outcomes", exact=True).fill(
        "Recognise neglect\nUse the graded care profile"
    )
    page.get_by_label("Level 2", exact=True).check()
    page.get_by_label("Duration in minutes", exact=True).fill("240")
    page.get_by_label("Show in the public catalogue", exact=True).check()
    page.get_by_role("button", name="Save the course").click()
    browse.check()
    assert "has been added" in page.locator("main").inner_text()
    page.get_by_role("link", name="Change the course").click()
    browse.check()
    page.go_back()

    page.get_by_role("link", name="Add a session").click()
    browse.check()
    page.get_by_label("Date", exact=True).fill(
        (timezone.localdate() + timedelta(days=30)).isoformat()
    )
    page.get_by_label("Starts at", exact=True).fill("09:30")
    page.get_by_label("Ends at", exact=True).fill("13:30")
    page.get_by_label("Venue (for sessions in person)", exact=True).fill("County Hall, Chelmsford")
    page.get_by_label("Places", exact=True).fill("24")
    page.get_by_role("button", name="Save the session").click()
    browse.check()
    page.get_by_role("link", name="Change the session").click()
    browse.check()
    page.get_by_role("button", name="Save the session").click()
    browse.check()
    page.get_by_role("link", name="Cancel the session").click()
    browse.check()

    browse.goto(f"/manage-training/sessions/{programme['today'].pk}/")
    page.get_by_role("link", name="Take the register").click()
    browse.check()
    page.get_by_label("Attended", exact=True).first.check()
    page.get_by_role("button", name="Save the register").click()
    browse.check()
    browse.goto(f"/manage-training/sessions/{programme['today'].pk}/register/add/")
    browse.goto(f"/manage-training/sessions/{programme['today'].pk}/evaluation/")
    browse.goto(f"/manage-training/courses/{programme['level_2'].pk}/evaluation/")
    browse.goto("/manage-training/settings/")
    browse.goto("/manage-training/charges/")
    browse.goto("/training-reports/")
    assert "opportunit" in page.locator("main").inner_text()


def test_the_chair_reads_the_reports(browse, essex, programme):
    chair = user_with_role(Role.CHAIR, partnership=essex, full_name="Jordan Whitlock")
    browse.sign_in(chair)
    browse.page.get_by_role("link", name="Training", exact=True).click()
    browse.check()
    browse.page.get_by_role("link", name="Training reports").click()
    browse.check()
