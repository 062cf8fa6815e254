"""The panel tags the practice themes its learning touches (issue 19: "themes and learning
flow into the theme pages"): a death reviewed with the theme "Domestic abuse" counts on that
theme's page for the child death review partners, with small numbers withheld, beside the
themes its themed panel and category already imply — and nobody else sees it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from safeguarding.childdeaths import services
from safeguarding.childdeaths.tests.factories import ChildDeathFactory
from safeguarding.childdeaths.tests.test_theme_pages import _rows, _section
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db

REVIEW = {
    "category": "acute",
    "learning_points": "The father's violence was known to two agencies who did not share it.",
    "child_modifiable": "no",
    "family_modifiable": "yes",
    "family_note": "Domestic abuse in the home.",
    "parenting_modifiable": "yes",
    "parenting_note": "Mother's depression untreated.",
    "services_modifiable": "no",
}


@pytest.fixture
def domestic_abuse(db):
    return Theme.objects.get(name="Domestic abuse")


@pytest.fixture
def parental_mental_health(db):
    return Theme.objects.get(name="Parental mental health")


def _queued(partnerships, panel_meeting, day=1):
    return ChildDeathFactory(
        partnerships=partnerships,
        status="queued",
        panel_meeting_id=panel_meeting.pk,
        panel_meeting_on=datetime.date(2025, 6, 1),
        died_on=datetime.date(2025, 3, day),
        notified_on=datetime.date(2025, 3, 20),
    )


def test_the_review_page_offers_the_practice_themes_after_the_factors(
    client, chair, partnership, neighbour, panel_meeting
):
    death = _queued([partnership, neighbour], panel_meeting)
    client.force_login(chair)
    html = client.get(reverse("childdeaths:review", args=[death.pk])).content.decode()
    assert "Practice themes of the learning" in html
    assert html.index("Service provision") < html.index("Practice themes of the learning")
    assert 'type="checkbox"' in html and "Domestic abuse" in html


def test_the_panel_tags_themes_and_the_audit_event_records_them(
    client, chair, partnership, neighbour, panel_meeting, domestic_abuse, parental_mental_health
):
    death = _queued([partnership, neighbour], panel_meeting)
    client.force_login(chair)
    response = client.post(
        reverse("childdeaths:review", args=[death.pk]),
        {**REVIEW, "themes": [str(domestic_abuse.pk), str(parental_mental_health.pk)]},
    )
    assert response.status_code == 302
    death.refresh_from_db()
    assert death.status == "reviewed"
    assert set(death.themes.all()) == {domestic_abuse, parental_mental_health}
    event = AuditEvent.objects.get(event="childdeaths.death.review", target_id=str(death.pk))
    assert event.before["themes"] == []
    assert event.after["themes"] == ["Domestic abuse", "Parental mental health"]


def test_a_retired_theme_cannot_be_chosen(client, chair, partnership, neighbour, panel_meeting):
    retired = Theme.objects.get(name="Domestic abuse")
    retired.is_active = False
    retired.save()
    death = _queued([partnership, neighbour], panel_meeting)
    client.force_login(chair)
    response = client.post(
        reverse("childdeaths:review", args=[death.pk]), {**REVIEW, "themes": [str(retired.pk)]}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    death.refresh_from_db()
    assert death.status == "queued"  # nothing half-written


def test_tagged_deaths_count_on_the_theme_page_with_small_numbers_withheld(
    client, chair, member, make_user, partnership, neighbour, panel_meeting, domestic_abuse
):
    joint = [partnership, neighbour]
    for day in range(1, 7):
        death = _queued(joint, panel_meeting, day=day)
        services.child_death_review(
            actor=chair,
            death=death,
            category="acute",
            factors={d: (d == "family", "") for d in ("child", "family", "parenting", "services")},
            learning_points="",
            themes=[domestic_abuse],
            reviewed_on=datetime.date(2025, 6, 1),
        )
    # Reviewed without the theme: not counted.
    services.child_death_review(
        actor=chair,
        death=_queued(joint, panel_meeting, day=9),
        category="acute",
        factors={d: (False, "") for d in ("child", "family", "parenting", "services")},
        learning_points="",
        reviewed_on=datetime.date(2025, 6, 1),
    )
    client.force_login(member)
    html = client.get(f"/themes/{domestic_abuse.slug}/").content.decode()
    section = _section(html)
    assert section is not None
    assert "Child deaths" in section
    assert _rows(section) == {"2025": "6", "All years": "6"}
    assert "CD-T-" not in html  # never a case

    # One tagged death alone is withheld.
    single = Theme.objects.get(name="Parental mental health")
    ChildDeathFactory(partnerships=joint).themes.set([single])
    section = _section(client.get(f"/themes/{single.slug}/").content.decode())
    assert _rows(section) == {"2025": "not shown", "All years": "not shown"}

    # A practitioner and the public see nothing of it.
    client.force_login(make_user(Role.PRACTITIONER, email="prac@test.example"))
    assert _section(client.get(f"/themes/{domestic_abuse.slug}/").content.decode()) is None
    client.logout()
    assert _section(client.get(f"/themes/{domestic_abuse.slug}/").content.decode()) is None


def test_a_tag_is_counted_once_when_the_category_implies_the_same_theme(
    client, member, partnership, neighbour
):
    neglect = Theme.objects.get(name="Neglect")
    for day in range(1, 6):
        ChildDeathFactory(
            partnerships=[partnership, neighbour],
            category="deliberate",
            status="reviewed",
            died_on=datetime.date(2024, 3, day),
            notified_on=datetime.date(2024, 3, 20),
        ).themes.set([neglect])
    client.force_login(member)
    section = _section(client.get(f"/themes/{neglect.slug}/").content.decode())
    assert _rows(section) == {"2024": "5", "All years": "5"}


def test_merging_a_theme_keeps_the_deaths_tagged(
    client, member, make_user, partnership, neighbour, domestic_abuse, parental_mental_health
):
    from safeguarding.search.services.themes import theme_merge

    for day in range(1, 6):
        ChildDeathFactory(
            partnerships=[partnership, neighbour], died_on=datetime.date(2024, 3, day)
        ).themes.set([parental_mental_health])
    theme_merge(
        actor=make_user(Role.BUSINESS_UNIT, email="bu@test.example"),
        merged=parental_mental_health,
        into=domestic_abuse,
    )
    client.force_login(member)
    section = _section(client.get(f"/themes/{domestic_abuse.slug}/").content.decode())
    assert _rows(section) == {"2024": "5", "All years": "5"}


def test_the_death_page_lists_its_themes_with_links(
    client, chair, partnership, neighbour, domestic_abuse
):
    death = ChildDeathFactory(partnerships=[partnership, neighbour], status="reviewed")
    death.themes.set([domestic_abuse])
    client.force_login(chair)
    html = client.get(reverse("childdeaths:detail", args=[death.pk])).content.decode()
    assert "Practice themes of the learning" in html
    assert f'href="/themes/{domestic_abuse.slug}/">Domestic abuse</a>' in html
