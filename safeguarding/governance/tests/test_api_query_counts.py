"""The governance API lists make the same number of queries whatever the number of rows."""

import datetime

import pytest
from django.utils import timezone

from safeguarding.core.roles import Role
from safeguarding.governance.services import plans as plan_services
from safeguarding.governance.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    BusinessPlanFactory,
    KeyMessageFactory,
    MeetingFactory,
    PriorityFactory,
)
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def _themes():
    return list(Theme.objects.order_by("pk")[:2])


def _actions(partnership, n):
    body = BodyFactory(partnerships=[partnership])
    made = []
    for _ in range(n):
        meeting = MeetingFactory(body=body)
        made.append(ActionFactory(meeting=meeting, priority=PriorityFactory()).pk)
    return made


def _bodies(partnership, n):
    parent = BodyFactory(partnerships=[partnership])
    return [BodyFactory(partnerships=[partnership], reports_to=parent).pk for _ in range(n)] + [
        parent.pk
    ]


def _key_messages(partnership, n):
    return [KeyMessageFactory(partnership=partnership, themes=_themes()).pk for _ in range(n)]


def _meetings(partnership, n):
    body = BodyFactory(partnerships=[partnership])
    made = []
    for day in range(n):
        meeting = MeetingFactory(
            body=body,
            starts_at=timezone.now() - datetime.timedelta(days=day + 1),
            online_link="https://meet.example/1",
        )
        AgendaItemFactory(meeting=meeting)
        AgendaItemFactory(meeting=meeting, is_confidential=True)
        made.append(meeting.pk)
    return made


def _priorities(partnership, n):
    plan = BusinessPlanFactory(partnership=partnership)
    body = BodyFactory(partnerships=[partnership])
    made = []
    for _ in range(n):
        priority = PriorityFactory(plan=plan, lead_body=body, measures="One\nTwo")
        priority.themes.set(_themes())
        made.append(priority.pk)
    return made


_theme_names = iter(range(1_000))


def _themes_made(partnership, n):
    return [
        plan_services.theme_create(job="test", name=f"Test theme {next(_theme_names)}").pk
        for _ in range(n)
    ]


# (url, the role that reads it or None for the public, a maker of n rows returning their ids).
# The platform ships 68 themes: their first page is full whatever is added, so the test counts
# the queries of the second page, which grows from 20 rows to 40.
LISTS = [
    ("/api/v1/actions/", Role.BUSINESS_UNIT, _actions),
    ("/api/v1/bodies/", Role.BUSINESS_UNIT, _bodies),
    ("/api/v1/key-messages/", None, _key_messages),
    ("/api/v1/meetings/", Role.BUSINESS_UNIT, _meetings),
    ("/api/v1/priorities/", None, _priorities),
    ("/api/v1/themes/?page=2", None, _themes_made),
]


def _ids_on_every_page(client, url) -> set[int]:
    ids: set[int] = set()
    while url:
        page = client.get(url).json()
        ids |= {row["id"] for row in page["results"]}
        url = page["next"]
    return ids


@pytest.mark.parametrize(("url", "role", "make"), LISTS, ids=[u for u, _, _ in LISTS])
def test_api_lists_make_the_same_queries_for_few_or_many_rows(
    client, make_user, partnership, flat_queries, url, role, make
):
    if role is not None:
        client.force_login(make_user(role))
    listed = make(partnership, 2)
    before = len(client.get(url).json()["results"])
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(make(partnership, 20)))
    assert len(response.json()["results"]) >= before + 20
    assert set(listed) <= _ids_on_every_page(client, url.split("?")[0])
