"""The governance hub, the overdue actions, a body's page, the key messages feed and the business
plan list make the same number of queries whatever the number of rows (issue 20)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import (
    ActionFactory,
    BodyFactory,
    BusinessPlanFactory,
    KeyMessageFactory,
    MeetingFactory,
    MembershipFactory,
    PriorityFactory,
)
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db

ATOM_ENTRY = "{http://www.w3.org/2005/Atom}entry"


@pytest.fixture
def site(partnership, settings):
    settings.DEFAULT_PARTNERSHIP = partnership.slug
    return partnership


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_the_hub_query_count_does_not_grow(signed_in, partnership, flat_queries):
    client = signed_in(Role.BUSINESS_UNIT)
    officer = client.user
    agency = AgencyFactory(partnerships=[partnership])
    url = reverse("governance:hub")

    def add(n, *, first_day):
        """Meetings coming up, the officer's own actions and overdue actions, each of a new
        body; the later rows come sooner, so the hub's short lists show them."""
        added = []
        for day in range(first_day, first_day + n):
            meeting = MeetingFactory(
                body=BodyFactory(partnerships=[partnership]),
                starts_at=timezone.now() + datetime.timedelta(days=day),
            )
            ActionFactory(
                meeting=meeting, owner=officer, owner_agency=agency, due_on=days_from_today(day)
            )
            ActionFactory(meeting=meeting, owner_agency=agency, due_on=days_from_today(-day))
            added.append(meeting)
        return added

    add(1, first_day=40)
    soonest = []
    response = flat_queries(lambda: client.get(url), lambda: soonest.extend(add(12, first_day=1)))
    assert "13 overdue" in response.text  # every overdue action is counted
    assert reverse("governance:meeting-detail", args=[soonest[0].pk]) in response.text


def test_the_overdue_actions_query_count_does_not_grow(signed_in, partnership, flat_queries):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("governance:action-overdue")

    def add(n, start):
        for index in range(start, start + n):
            ActionFactory(
                meeting=MeetingFactory(body=BodyFactory(partnerships=[partnership])),
                owner_agency=AgencyFactory(partnerships=[partnership]),
                title=f"Overdue action {index:02d}",
                due_on=days_from_today(-index - 1),
            )

    add(1, start=0)
    response = flat_queries(lambda: client.get(url), lambda: add(20, start=1))
    assert response.text.count("Overdue action ") == 21  # every overdue action is listed


def test_a_bodys_page_query_count_does_not_grow(signed_in, partnership, flat_queries):
    client = signed_in(Role.BUSINESS_UNIT)
    body = BodyFactory(
        partnerships=[partnership], reports_to=BodyFactory(partnerships=[partnership])
    )
    url = reverse("governance:body-detail", args=[body.pk])

    def add(n):
        for _ in range(n):
            MeetingFactory(body=body)
            MembershipFactory(body=body, agency=AgencyFactory(partnerships=[partnership]))

    add(1)
    response = flat_queries(lambda: client.get(url), lambda: add(15))
    for meeting in body.meetings.all():  # every meeting is listed (one page of 20)
        assert reverse("governance:meeting-detail", args=[meeting.pk]) in response.text
    assert response.text.count("End membership") == 16  # and every member


def test_the_key_messages_feed_query_count_does_not_grow(client, site, flat_queries):
    themes = list(Theme.objects.all()[:2])
    url = reverse("governance:key-message-feed")

    def add(n):
        for _ in range(n):
            KeyMessageFactory(partnership=site, themes=themes)

    add(1)
    response = flat_queries(lambda: client.get(url), lambda: add(20))
    assert len(ET.fromstring(response.content).findall(ATOM_ENTRY)) == 21  # every message


@pytest.mark.parametrize("role", [None, Role.BUSINESS_UNIT], ids=["public", "business-unit"])
def test_the_business_plan_list_query_count_does_not_grow(
    client, site, make_user, flat_queries, role
):
    if role is not None:
        client.force_login(make_user(role))
    themes = list(Theme.objects.all()[:2])
    url = reverse("governance:business-plan-list")

    def add(n, start):
        for year in range(start, start + n):
            plan = BusinessPlanFactory(
                partnership=site,
                title=f"Business plan {year}",
                starts_on=datetime.date(year, 4, 1),
                ends_on=datetime.date(year + 1, 3, 31),
            )
            for _ in range(2):
                lead = BodyFactory(partnerships=[site])
                PriorityFactory(plan=plan, lead_body=lead).themes.set(themes)

    add(1, start=2030)
    response = flat_queries(lambda: client.get(url), lambda: add(12, start=2010))
    assert response.text.count("Business plan 20") == 13  # every plan is listed
    assert response.text.count(" – led by Body ") == 26  # with its priorities and their leads
