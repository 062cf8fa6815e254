"""Governance actions are indexed with the partnership of the body whose meeting set them, so
the partnership facet finds them; who may see them is still the actions' own rules."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import ActionFactory, BodyFactory, MeetingFactory
from safeguarding.search.models import SearchDocument
from safeguarding.search.selectors.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(db):
    return PartnershipFactory(slug="elsewhere", name="Elsewhere Safeguarding Partnership")


@pytest.fixture
def actions(partnership, elsewhere):
    ours = ActionFactory(
        meeting=MeetingFactory(body=BodyFactory(partnerships=[partnership])),
        title="Refresh the neglect toolkit",
        due_on=datetime.date(2030, 1, 31),
    )
    theirs = ActionFactory(
        meeting=MeetingFactory(body=BodyFactory(partnerships=[elsewhere])),
        title="Audit the neglect toolkit's use",
        due_on=datetime.date(2030, 2, 28),
    )
    return ours, theirs


def _titles(response):
    return {result.title for result in response.context["outcome"].results}


def test_an_action_is_indexed_with_its_meetings_partnership(actions, partnership, elsewhere):
    ours, theirs = actions
    rows = dict(
        SearchDocument.objects.filter(kind="governance.action").values_list(
            "object_id", "partnership_id"
        )
    )
    assert rows == {ours.pk: partnership.pk, theirs.pk: elsewhere.pk}
    # A rebuild of the index gives the same.
    call_command("reindex", "--kind", "governance.action", verbosity=0)
    assert (
        SearchDocument.objects.get(object_id=ours.pk, kind="governance.action").partnership_id
        == partnership.pk
    )


def test_the_partnership_facet_finds_the_partnerships_actions(
    client, make_user, actions, partnership
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    url = reverse("search:search")
    response = client.get(url, {"q": "neglect toolkit"})
    facets = response.context["outcome"].facets["partnership"]
    assert [(f.label, f.count) for f in facets] == [(partnership.name, 1)]
    response = client.get(url, {"q": "neglect toolkit", "partnership": partnership.pk})
    assert _titles(response) == {"Refresh the neglect toolkit"}


def test_another_partnerships_staff_never_find_the_action(
    make_user, actions, partnership, elsewhere
):
    ours, _theirs = actions
    for role in (Role.BUSINESS_UNIT, Role.CHAIR, Role.AGENCY_LEAD, Role.PRACTITIONER):
        person = make_user(role, partnership=elsewhere)
        found = {r.title for r in search(user=person, text="neglect toolkit").results}
        assert ours.title not in found
        filtered = search(user=person, text="neglect toolkit", partnership=partnership.pk)
        assert {r.title for r in filtered.results} == set()
