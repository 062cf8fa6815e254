"""Theme pages: the chain for one theme, public or as staff see it, in constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguarding.core.roles import Role

CHAIN = [
    "reviews.notification",
    "reviews.rapidreview",
    "reviews.review",
    "search.externalreview",
    "reviews.recommendation",
    "governance.agendaitem",
    "governance.decision",
    "governance.action",
    "reviews.briefing",
    "training.course",
    "assurance.campaign",
    "governance.keymessage",
    "performance.indicator",
    "library.resource",
    "library.procedure",
    "comms.bulletin",
    "library.campaign",
]


@pytest.mark.django_db
def test_the_public_theme_page_shows_only_public_items(client, corpus, nai):
    response = client.get(reverse("search:theme", args=[nai.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Child Q: bruising in a non-mobile baby" in html
    assert "Bruising in non-mobile babies" in html
    assert "confidential" not in html
    assert "Notification" not in html
    sections = {s.key: s for s in response.context["chain"].sections}
    assert sections["reviews.review"].by_year == {2024: 1}


@pytest.mark.django_db
def test_staff_see_the_chain_with_counts_by_year(client, corpus, nai, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.get(reverse("search:theme", args=[nai.slug]))
    chain = response.context["chain"]
    sections = {s.key: s for s in chain.sections}
    assert sections["reviews.review"].total == 2
    assert "reviews.notification" in sections
    html = response.content.decode()
    assert "Child T: confidential bruising review" in html
    assert "another partnership" not in html
    keys = [s.key for s in chain.sections]
    assert keys.index("reviews.notification") < keys.index("reviews.review")
    assert keys.index("reviews.review") < keys.index("training.course")


@pytest.mark.django_db
def test_an_unknown_theme_is_not_found(client, db):
    assert client.get(reverse("search:theme", args=["no-such-theme"])).status_code == 404


@pytest.mark.django_db
def test_the_theme_list(client, corpus, nai):
    response = client.get(reverse("search:theme-list"))
    assert response.status_code == 200
    assert reverse("search:theme", args=[nai.slug]) in response.content.decode()


@pytest.mark.django_db
def test_the_theme_page_query_count_does_not_grow(client, corpus, nai, partnership):
    from safeguarding.training.tests.factories import CourseFactory

    url = reverse("search:theme", args=[nai.slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(12):
        CourseFactory(partnership=partnership, title=f"Course {n}").themes.add(nai)
    assert count() == before


@pytest.mark.django_db
def test_the_chain_has_rapid_reviews_meeting_items_and_decisions_for_staff_only(
    client, corpus, nai, make_user, partnership
):
    from safeguarding.governance.models.meetings import Decision
    from safeguarding.governance.tests.factories import AgendaItemFactory, BodyFactory
    from safeguarding.reviews.tests.factories import RapidReviewFactory

    rapid = RapidReviewFactory(notification=corpus["notification"])
    item = AgendaItemFactory(
        meeting__body=BodyFactory(partnerships=[partnership]), title="Bruising protocol audit"
    )
    item.themes.add(nai)
    Decision.objects.create(
        meeting=item.meeting, agenda_item=item, title="Relaunch the bruising protocol"
    )
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.get(reverse("search:theme", args=[nai.slug]))
    sections = {s.key: s for s in response.context["chain"].sections}
    assert sections["reviews.rapidreview"].total == 1
    assert sections["governance.agendaitem"].total == 1
    assert sections["governance.decision"].total == 1
    html = response.content.decode()
    assert f"Rapid review of notification {rapid.notification.reference}" in html
    assert "Relaunch the bruising protocol" in html
    keys = list(sections)
    assert keys.index("reviews.notification") < keys.index("reviews.rapidreview")
    assert keys.index("reviews.rapidreview") < keys.index("reviews.review")
    # The whole chain in the order of core.searching.KIND_ORDER: the incident, then what was
    # learnt and done about it.
    assert keys == [key for key in CHAIN if key in keys]
    assert {"reviews.review", "governance.agendaitem", "governance.decision"} <= set(keys)
    # The decision follows its agenda item's themes as they change.
    item.themes.clear()
    response = client.get(reverse("search:theme", args=[nai.slug]))
    assert "governance.decision" not in {s.key for s in response.context["chain"].sections}
    client.logout()
    public = client.get(reverse("search:theme", args=[nai.slug])).content.decode()
    assert "Rapid review of notification" not in public
    assert "Bruising protocol audit" not in public
    assert "Relaunch the bruising protocol" not in public
