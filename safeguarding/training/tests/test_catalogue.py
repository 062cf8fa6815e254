"""The public catalogue, course and session pages: filters, places left, no personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.planning.models import Theme
from safeguarding.training.models import BookingStatus
from safeguarding.training.tests.factories import BookingFactory, CourseFactory, SessionFactory


def _theme(name: str) -> Theme:
    theme, _ = Theme.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name}
    )
    return theme


@pytest.fixture
def programme(partnership):
    """A small catalogue: level 2 virtual and level 3 face to face, plus a draft."""
    neglect = _theme("Neglect test theme")
    level_2 = CourseFactory(
        partnership=partnership, title="Level 2 Core", level="2", format="virtual"
    )
    level_3 = CourseFactory(
        partnership=partnership, title="Level 3 Core", level="3", format="face_to_face"
    )
    level_3.themes.set([neglect])
    CourseFactory(partnership=partnership, title="Draft course", is_published=False)
    now = timezone.now()
    full = SessionFactory(course=level_3, capacity=2, starts_at=now + timedelta(days=30))
    for _ in range(2):
        BookingFactory(session=full, status=BookingStatus.BOOKED, full_name="Hidden Person")
    full.places_taken = 2
    full.trainers = "Trainer Secret Name"
    full.save()
    SessionFactory(course=level_2, capacity=10, starts_at=now + timedelta(days=10))
    SessionFactory(course=level_2, capacity=10, starts_at=now - timedelta(days=10))  # past
    return {"level_2": level_2, "level_3": level_3, "full": full, "neglect": neglect}


@pytest.mark.django_db
def test_the_public_see_published_courses_with_places_left(client, programme):
    response = client.get("/training/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Level 2 Core" in page and "Level 3 Core" in page
    assert "Draft course" not in page
    assert "10 places left" in page
    assert "Full: waiting list open" in page
    assert "Hidden Person" not in page and "Trainer Secret Name" not in page
    assert "2 courses" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ("level=3", "Level 3 Core", "Level 2 Core"),
        ("format=virtual", "Level 2 Core", "Level 3 Core"),
        ("theme=neglect-test-theme", "Level 3 Core", "Level 2 Core"),
        ("available=on", "Level 2 Core", "Level 3 Core"),
        ("query=level+3", "Level 3 Core", "Level 2 Core"),
    ],
)
def test_the_catalogue_filters(client, programme, query, shown, hidden):
    page = client.get(f"/training/?{query}").content.decode()
    assert shown in page
    assert hidden not in page


@pytest.mark.django_db
def test_the_catalogue_filters_by_date(client, programme):
    today = timezone.localdate()
    start = (today + timedelta(days=20)).isoformat()
    page = client.get(f"/training/?date_from={start}").content.decode()
    assert "Level 3 Core" in page and "Level 2 Core" not in page
    bad = client.get(f"/training/?date_from={start}&date_to={today.isoformat()}")
    assert "The end date must be the same as or after the start date." in bad.content.decode()


@pytest.mark.django_db
def test_course_and_session_pages_are_public_and_show_no_people(client, programme):
    course = client.get(reverse("training:course", args=[programme["level_3"].pk]))
    assert course.status_code == 200
    session = client.get(reverse("training:session", args=[programme["full"].pk]))
    body = session.content.decode()
    assert session.status_code == 200
    assert "Join the waiting list" in body
    assert "Hidden Person" not in body and "Trainer Secret Name" not in body


@pytest.mark.django_db
def test_a_draft_course_is_not_found_by_the_public(client, partnership):
    draft = CourseFactory(partnership=partnership, is_published=False)
    assert client.get(reverse("training:course", args=[draft.pk])).status_code == 404
    session = SessionFactory(course=draft)
    assert client.get(reverse("training:session", args=[session.pk])).status_code == 404


@pytest.mark.django_db
def test_the_catalogue_costs_the_same_queries_for_3_or_30_courses(
    client, partnership, django_assert_max_num_queries, count_queries
):
    def make(n):
        for i in range(n):
            course = CourseFactory(partnership=partnership)
            course.themes.set([_theme(f"Theme {i % 3}")])
            for days in (5, 6, 7, 8, 9, 10):
                SessionFactory(course=course, starts_at=timezone.now() + timedelta(days=days))

    make(3)
    few = count_queries(lambda: client.get("/training/"))
    make(27)
    many = count_queries(lambda: client.get("/training/"))
    assert few == many
    with django_assert_max_num_queries(few):
        response = client.get("/training/?page=2")
    assert response.status_code == 200
