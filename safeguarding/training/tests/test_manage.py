"""The business unit's pages: courses, sessions, session changes and cancellation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.training.models import Course, Session
from safeguarding.training.tests.factories import (
    BookingFactory,
    CourseFactory,
    MemberGroupFactory,
    SessionFactory,
)


@pytest.fixture
def bu(signed_in):
    return signed_in(Role.BUSINESS_UNIT)


def course_form(**changes) -> dict:
    data = {
        "title": "Level 3 Designated Safeguarding Lead",
        "summary": "For designated safeguarding leads and their deputies.",
        "outcomes": "Lead safeguarding in your setting\nMake good referrals\n",
        "level": "3",
        "format": "face_to_face",
        "duration_minutes": "360",
        "standard_fee": "60.00",
        "fee_voluntary": "30",
        "follow_up_months": "3",
        "follow_up_to_manager": "on",
        "refresher_months": "24",
        "is_published": "on",
        "audience_sectors": ["education", "voluntary"],
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_business_unit_adds_a_course(bu, partnership):
    ecvys = MemberGroupFactory(partnership=partnership, name="ECVYS members")
    data = course_form(partnership=str(partnership.pk), discount_groups=[str(ecvys.pk)])
    response = bu.post(reverse("training:course-new"), data)

    course = Course.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:course-manage", args=[course.pk])
    assert course.partnership == partnership and course.level == "3"
    assert [o.text for o in course.outcomes.all()] == [
        "Lead safeguarding in your setting",
        "Make good referrals",
    ]
    assert {f.sector: f.amount for f in course.fees.all()} == {"voluntary": 30}
    assert list(course.discount_groups.all()) == [ecvys]
    assert course.audience_sectors == ["education", "voluntary"]
    event = AuditEvent.objects.get(event="training.course.created")
    assert event.actor == bu.user and event.after["outcomes"][1] == "Make good referrals"
    page = bu.get(response["Location"]).content.decode()
    assert "Level 3 Designated Safeguarding Lead" in page and "£60.00" in page


@pytest.mark.django_db
def test_a_course_needs_learning_outcomes(bu, partnership):
    response = bu.post(
        reverse("training:course-new"),
        course_form(partnership=str(partnership.pk), outcomes=" \n "),
    )
    assert response.status_code == 200
    assert "Enter at least one learning outcome, one on each line." in response.content.decode()
    assert Course.objects.count() == 0


@pytest.mark.django_db
def test_changing_outcomes_keeps_old_ones_for_past_evaluations(bu, partnership):
    course = CourseFactory(partnership=partnership, outcomes=["Old outcome", "Kept outcome"])
    response = bu.post(
        reverse("training:course-edit", args=[course.pk]),
        course_form(
            partnership=str(partnership.pk), outcomes="Kept outcome\nNew outcome", level="2"
        ),
    )
    assert response.status_code == 302
    current = list(course.outcomes.filter(is_current=True).values_list("text", flat=True))
    assert current == ["Kept outcome", "New outcome"]
    assert course.outcomes.get(text="Old outcome").is_current is False


@pytest.mark.django_db
def test_a_course_cannot_need_itself_first(bu, partnership):
    level_2 = CourseFactory(partnership=partnership)
    level_3 = CourseFactory(partnership=partnership)
    level_3.prerequisites.set([level_2])
    response = bu.post(
        reverse("training:course-edit", args=[level_2.pk]),
        course_form(partnership=str(partnership.pk), prerequisites=[str(level_3.pk)]),
    )
    assert "would make a loop" in response.content.decode()
    assert not level_2.prerequisites.exists()


@pytest.mark.django_db
def test_the_business_unit_adds_a_joint_session(bu, partnership):
    course = CourseFactory(partnership=partnership)
    southend = PartnershipFactory(slug="southend-test", name="Southend test partnership")
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = bu.post(
        reverse("training:session-new", args=[course.pk]),
        {
            "day": day,
            "start": "09:30",
            "end": "12:30",
            "online_link": "https://meet.example/abc",
            "capacity": "40",
            "trainers": "A. Trainer (Essex Police)",
            "joint_partnerships": [str(southend.pk)],
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert session.capacity == 40 and list(session.joint_partnerships.all()) == [southend]
    assert timezone.localtime(session.starts_at).strftime("%H:%M") == "09:30"


@pytest.mark.django_db
def test_a_session_needs_a_venue_or_link_and_to_end_after_it_starts(bu, partnership):
    course = CourseFactory(partnership=partnership)
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = bu.post(
        reverse("training:session-new", args=[course.pk]),
        {"day": day, "start": "13:00", "end": "12:00", "capacity": "10"},
    )
    page = response.content.decode()
    assert "The session must end after it starts." in page
    response = bu.post(
        reverse("training:session-new", args=[course.pk]),
        {"day": day, "start": "10:00", "end": "12:00", "capacity": "10"},
    )
    assert "Enter the venue, or an online joining link" in response.content.decode()
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_another_partnerships_business_unit_cannot_see_the_course(signed_in):
    other = CourseFactory(partnership=PartnershipFactory(slug="elsewhere"))
    client = signed_in(Role.BUSINESS_UNIT)
    assert client.get(reverse("training:course-manage", args=[other.pk])).status_code == 404
    session = SessionFactory(course=other)
    assert client.get(reverse("training:session-manage", args=[session.pk])).status_code == 404


@pytest.mark.django_db
def test_a_joint_partners_business_unit_manages_the_joint_session(signed_in):
    owner = PartnershipFactory(slug="owner")
    session = SessionFactory(course=CourseFactory(partnership=owner))
    client = signed_in(Role.BUSINESS_UNIT)
    session.joint_partnerships.set([client.user.role_assignments.get().partnership])
    assert client.get(reverse("training:session-manage", args=[session.pk])).status_code == 200


@pytest.mark.django_db
def test_cancelling_a_session_from_its_page(
    bu, partnership, django_capture_on_commit_callbacks, mailoutbox
):
    session = SessionFactory(course=CourseFactory(partnership=partnership))
    BookingFactory(session=session)
    Session.objects.filter(pk=session.pk).update(places_taken=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = bu.post(
            reverse("training:session-cancel", args=[session.pk]), {"reason": "Venue flooded"}
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert len(mailoutbox) == 1 and "Venue flooded" in mailoutbox[0].body
    page = bu.get(response["Location"]).content.decode()
    assert "Venue flooded" in page


@pytest.mark.django_db
def test_the_course_list_costs_the_same_queries_for_3_or_30_courses(bu, partnership, count_queries):
    def make(n):
        for _ in range(n):
            SessionFactory(course=CourseFactory(partnership=partnership))

    make(3)
    few = count_queries(lambda: bu.get(reverse("training:manage")))
    make(27)
    many = count_queries(lambda: bu.get(reverse("training:manage")))
    assert few == many


@pytest.mark.django_db
def test_the_session_page_costs_the_same_queries_for_3_or_30_bookings(
    bu, partnership, count_queries
):
    session = SessionFactory(course=CourseFactory(partnership=partnership), capacity=40)
    url = reverse("training:session-manage", args=[session.pk])
    for _ in range(3):
        BookingFactory(session=session)
    few = count_queries(lambda: bu.get(url))
    for _ in range(27):
        BookingFactory(session=session)
    many = count_queries(lambda: bu.get(url))
    assert few == many


@pytest.mark.django_db
def test_settings_change_the_offer_time(bu, partnership):
    response = bu.post(
        reverse("training:settings"),
        {
            "offer_hours": "24",
            "reminder_days": "3",
            "late_cancellation_working_days": "2",
            "no_show_fee": "30.00",
            "refresher_notice_days": "45",
            "booking_link_days": "60",
        },
    )
    assert response.status_code == 302
    assert partnership.training_settings.offer_hours == 24
    assert partnership.training_settings.booking_link_days == 60


@pytest.mark.django_db
def test_the_session_form_shows_the_current_date_for_editing(bu, partnership):
    session = SessionFactory(course=CourseFactory(partnership=partnership))
    page = bu.get(reverse("training:session-edit", args=[session.pk])).content.decode()
    day = timezone.localtime(session.starts_at).date().isoformat()
    assert f'value="{day}"' in page


@pytest.mark.django_db
def test_course_pages_cost_the_same_queries_for_3_or_30_sessions(
    bu, client, partnership, count_queries
):
    course = CourseFactory(partnership=partnership)
    manage = reverse("training:course-manage", args=[course.pk])
    public = reverse("training:course", args=[course.pk])

    def make(n):
        for _ in range(n):
            BookingFactory(session=SessionFactory(course=course))

    make(3)
    few = (count_queries(lambda: bu.get(manage)), count_queries(lambda: client.get(public)))
    make(27)
    many = (count_queries(lambda: bu.get(manage)), count_queries(lambda: client.get(public)))
    assert few == many


@pytest.mark.django_db
def test_a_business_unit_manages_its_own_and_joint_sessions_and_no_others(make_user, partnership):
    """Sessions of its partnership's courses and sessions run jointly with it; a session of
    another partnership's unpublished course stays hidden, a published one is visible."""
    elsewhere = PartnershipFactory(slug="elsewhere")
    ours = SessionFactory(course=CourseFactory(partnership=partnership, is_published=False))
    joint = SessionFactory(course=CourseFactory(partnership=elsewhere, is_published=False))
    joint.joint_partnerships.set([partnership])
    hidden = SessionFactory(course=CourseFactory(partnership=elsewhere, is_published=False))
    public = SessionFactory(course=CourseFactory(partnership=elsewhere, is_published=True))
    bu = make_user(Role.BUSINESS_UNIT)

    assert set(Session.objects.managed_by(bu)) == {ours, joint}
    assert set(Session.objects.visible_to(bu)) == {ours, joint, public}
    assert hidden not in Session.objects.visible_to(bu)
    assert set(Session.objects.visible_to(make_user(Role.PRACTITIONER))) == {public}
