"""Themes are a hierarchy (planning): a subscriber who follows a broad theme gets an edition
targeted at one of its narrower themes. With the shipped vocabulary, the business unit places
"County lines" under criminal exploitation (the starting theme "Child exploitation", which the
vocabulary's ``criminal_exploitation`` reuses); a follower of child exploitation then gets a
county lines bulletin, and the send page's count says so before anything is sent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguarding.comms.services import bulletins as services
from safeguarding.comms.tests.factories import SubscriberFactory
from safeguarding.core.roles import Role
from safeguarding.planning import vocabulary
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def shipped(slug: str) -> Theme:
    """A theme of the shipped vocabulary (some reuse a starting theme of the same name)."""
    entry = next(e for e in vocabulary.vocabulary() if e["slug"] == slug)
    theme = vocabulary.find_theme(Theme, entry)
    assert theme is not None, slug
    return theme


@pytest.fixture
def taxonomy(signed_in):
    """The shipped themes, with county lines placed under criminal exploitation by the
    business unit on the theme page, as a partnership would."""
    client = signed_in(Role.BUSINESS_UNIT)
    county = shipped("county_lines")
    exploitation = shipped("criminal_exploitation")
    response = client.post(
        reverse("governance:theme-edit", args=[county.pk]),
        {
            "name": county.name,
            "description": county.description,
            "synonyms": county.synonyms,
            "is_active": "on",
            "parent": exploitation.pk,
        },
    )
    assert response.status_code == 302
    county.refresh_from_db()
    assert county.parent == exploitation
    return {
        "county": county,
        "exploitation": exploitation,
        "online": shipped("online_harm"),
        "client": client,
    }


@pytest.fixture
def followers(partnership, taxonomy):
    def make(name, *themes, **fields):
        subscriber = SubscriberFactory(
            partnership=partnership, email=f"{name}@agency.example", **fields
        )
        subscriber.themes.set([taxonomy[t] for t in themes])
        return subscriber

    return {
        "exploitation": make("exploitation", "exploitation"),
        "county": make("county", "county"),
        "online": make("online", "online"),
        "everything": make("everything"),
        "pending-exploitation": make("pending-exploitation", "exploitation", status="pending"),
    }


def _start(client, title, themes):
    response = client.post(
        reverse("comms:bulletin-new"),
        {"title": title, "target_themes": [t.pk for t in themes]},
    )
    assert response.status_code == 302, response.content.decode()
    pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(
        reverse("comms:bulletin-block-add", args=[pk]),
        {"kind": "text", "heading": "County lines", "body": "What to look out for."},
    )
    return pk


def test_a_follower_of_the_broader_theme_gets_the_narrower_themes_bulletin(
    partnership, taxonomy, followers, django_capture_on_commit_callbacks
):
    client = taxonomy["client"]
    pk = _start(client, "County lines this month", [taxonomy["county"]])

    page = client.get(reverse("comms:bulletin-manage", args=[pk])).content.decode()
    assert f"Also subscribers who follow a broader theme: {taxonomy['exploitation'].name}" in page
    confirm = client.get(reverse("comms:bulletin-send", args=[pk])).content.decode()
    # exploitation (broader), county (the theme itself), everything (chose no theme)
    assert "It will go to 3 people" in confirm
    assert taxonomy["exploitation"].name in confirm

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("comms:bulletin-transition", args=[pk]), {"step": "send"})
    assert {m.to[0].split("@")[0] for m in mail.outbox} == {"exploitation", "county", "everything"}


def test_a_follower_of_a_narrower_theme_does_not_get_the_broad_themes_bulletin(
    partnership, taxonomy, followers
):
    """The hierarchy widens a narrow edition to broad followers, never the other way round:
    someone who chose only county lines did not ask for everything about exploitation."""
    client = taxonomy["client"]
    pk = _start(client, "Exploitation this month", [taxonomy["exploitation"]])
    confirm = client.get(reverse("comms:bulletin-send", args=[pk])).content.decode()
    assert "It will go to 2 people" in confirm  # exploitation, everything
    assert "broader theme" not in confirm


def test_every_level_above_counts_and_the_query_count_does_not_grow(
    partnership, taxonomy, followers
):
    client = taxonomy["client"]
    pk = _start(client, "County lines this month", [taxonomy["county"]])
    url = reverse("comms:bulletin-send", args=[pk])
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as shallow:
        page = client.get(url).content.decode()
    assert "It will go to 3 people" in page

    # Three more levels above, a follower at the top, and more subscribers of every kind.
    top = taxonomy["exploitation"]
    for n in range(3):
        broader = Theme.objects.create(name=f"Harm outside the home {n}", slug=f"outside-{n}")
        top.parent = broader
        top.save()
        top = broader
    SubscriberFactory(partnership=partnership, email="top@agency.example").themes.set([top])
    for n in range(10):
        SubscriberFactory(partnership=partnership, email=f"more-{n}@agency.example").themes.set(
            [taxonomy["online"]]
        )
    with CaptureQueriesContext(connection) as deep:
        page = client.get(url).content.decode()
    assert "It will go to 4 people" in page
    assert "Harm outside the home 2" in page
    assert len(deep.captured_queries) == len(shallow.captured_queries)


def test_a_loop_left_in_old_data_does_not_stop_the_count(partnership, taxonomy, followers):
    """``check_parent`` refuses loops; data written around it still ends the walk."""
    county, exploitation = taxonomy["county"], taxonomy["exploitation"]
    Theme.objects.filter(pk=exploitation.pk).update(parent=county)
    bulletin = services.bulletin_create(
        actor=taxonomy["client"].user,
        partnership=partnership,
        title="Loop",
        target_themes=[county],
    )
    from safeguarding.comms.selectors.bulletins import bulletin_recipients

    found = {s.email.split("@")[0] for s in bulletin_recipients(bulletin=bulletin)}
    assert found == {"exploitation", "county", "everything"}
