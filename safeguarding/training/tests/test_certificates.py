"""Certificates: only for people who attended, verifiable by code; refresher reminders."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.core.schedule import run_due_jobs
from safeguarding.training import services, tokens
from safeguarding.training.models import Booking, BookingStatus, Certificate
from safeguarding.training.tests.conftest import commit, reschedule, someone
from safeguarding.training.tests.factories import CourseFactory, SessionFactory

LONDON = ZoneInfo("Europe/London")


def attended(session, n: int, mark: str = "attended", **extra) -> Booking:
    return Booking.objects.create(
        session=session, status=BookingStatus.BOOKED, attendance=mark, **someone(n, **extra)
    )


@pytest.fixture
def level_3(partnership):
    course = CourseFactory(
        partnership=partnership, title="Level 3 Safeguarding Lead", level="3", refresher_months=24
    )
    return reschedule(SessionFactory(course=course), datetime(2026, 3, 4, 9, 30, tzinfo=LONDON))


# Emailed links work for 30 days after the session, so the link pages run the week after it.
WEEK_AFTER = datetime(2026, 3, 11, 9, 0, tzinfo=LONDON)


@pytest.mark.django_db
@time_machine.travel(WEEK_AFTER, tick=False)
def test_an_attendee_downloads_a_certificate_that_anyone_can_verify(client, level_3):
    booking = attended(level_3, 1, full_name="Alex Morgan")
    response = client.get(reverse("training:certificate", args=[tokens.attendee_token(booking)]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    certificate = Certificate.objects.get()
    assert certificate.issued_on == date(2026, 3, 4)
    assert certificate.expires_on == date(2028, 3, 4)
    assert certificate.code in response["Content-Disposition"]

    # Downloading again gives the same certificate.
    client.get(reverse("training:certificate", args=[tokens.attendee_token(booking)]))
    assert Certificate.objects.count() == 1

    page = client.get(
        reverse("training:verify"), {"code": certificate.code.lower().replace("-", " ")}
    ).content.decode()
    assert "This certificate is genuine" in page
    assert "Alex Morgan" in page and "Level 3 Safeguarding Lead" in page
    assert "4 March 2028" in page


@pytest.mark.django_db
@pytest.mark.parametrize("mark", ["absent", ""])
@time_machine.travel(WEEK_AFTER, tick=False)
def test_no_certificate_without_attendance(client, level_3, mark):
    booking = attended(level_3, 1, mark=mark)
    response = client.get(
        reverse("training:certificate", args=[tokens.attendee_token(booking)]), follow=True
    )
    assert "Certificates are only for people who attended" in response.content.decode()
    assert Certificate.objects.count() == 0
    with pytest.raises(ValidationError):
        services.certificate_issue(actor=AnonymousUser(), booking=booking)


@pytest.mark.django_db
def test_an_unknown_code_is_reported(client):
    page = client.get(reverse("training:verify"), {"code": "AAAA-BBBB-CCCC"}).content.decode()
    assert "No certificate has this code." in page
    assert "There is a problem" in page


@pytest.mark.django_db
def test_people_are_reminded_before_their_level_expires(level_3, mailoutbox):
    attended(level_3, 1)
    with time_machine.travel(datetime(2027, 12, 1, 9, 0, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.refresher-reminders")
    assert mailoutbox == []  # more than 60 days before 4 March 2028
    with time_machine.travel(datetime(2028, 1, 10, 9, 0, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.refresher-reminders")
        commit(run_due_jobs, only="training.refresher-reminders")
    (message,) = mailoutbox
    assert message.subject == "Time to refresh your Level 3 training"
    assert "needs refreshing by 4 March 2028" in message.body
    assert "/training/?level=3" in message.body


@pytest.mark.django_db
def test_refreshing_at_the_same_level_stops_the_reminder(level_3, partnership, mailoutbox):
    attended(level_3, 1)
    update = reschedule(
        SessionFactory(
            course=CourseFactory(partnership=partnership, level="3", refresher_months=24)
        ),
        datetime(2027, 11, 20, 9, 30, tzinfo=LONDON),
    )
    attended(update, 1)
    with time_machine.travel(datetime(2028, 1, 10, 9, 0, tzinfo=LONDON), tick=False):
        commit(run_due_jobs, only="training.refresher-reminders")
    assert mailoutbox == []


@pytest.mark.django_db
def test_my_training_lists_what_is_due(signed_in, level_3):
    client = signed_in()
    Booking.objects.create(
        session=level_3,
        status=BookingStatus.BOOKED,
        attendance="attended",
        user=client.user,
        **{**someone(1), "email": client.user.email},
    )
    with time_machine.travel(datetime(2028, 1, 10, 9, 0, tzinfo=LONDON), tick=False):
        client.force_login(client.user)
        page = client.get(reverse("training:my-training")).content.decode()
    assert "Training to refresh" in page and "4 March 2028" in page
    assert "Due soon" in page
