"""A joint body's action (and its meeting items and decisions) is filed in the search index
under every partnership the body serves, not only the first: the staff of each partnership who
may see it find it, also when they filter by their partnership, and nobody else does. Who finds
it is exactly who may open the action's page. A body that changes its partnerships re-files its
records. On SQLite (FTS5) and PostgreSQL alike."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.roles import Role
from safeguarding.governance.services.bodies import body_update
from safeguarding.governance.tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
)
from safeguarding.search.models import SearchDocument
from safeguarding.search.selectors.search import search

pytestmark = pytest.mark.django_db

QUERY = "exploitation pathway"


@pytest.fixture
def places(partnership):
    return {
        "testshire": partnership,
        "southend": PartnershipFactory(slug="southend", name="Southend Partnership"),
        "thurrock": PartnershipFactory(slug="thurrock", name="Thurrock Partnership"),
        "elsewhere": PartnershipFactory(slug="elsewhere", name="Elsewhere Partnership"),
    }


@pytest.fixture
def joint(places):
    body = BodyFactory(
        name="SET exploitation subgroup",
        partnerships=[places["testshire"], places["southend"], places["thurrock"]],
    )
    meeting = MeetingFactory(body=body)
    item = AgendaItemFactory(
        meeting=meeting, title="Exploitation pathway review", summary="The pathway in SET."
    )
    police = AgencyFactory(name="Southend Police", type="police", partnerships=[places["southend"]])
    action = ActionFactory(
        meeting=meeting,
        agenda_item=item,
        title="Agree one exploitation pathway",
        description="A single exploitation pathway across Southend, Essex and Thurrock.",
        owner_agency=police,
        due_on=datetime.date(2030, 1, 31),
    )
    return {"body": body, "action": action, "item": item, "police": police}


def _row(kind, pk):
    return SearchDocument.objects.get(kind=kind, object_id=pk)


def _filed(row):
    return {row.partnership_id, *row.joint_partnerships.values_list("pk", flat=True)}


def _finds(user, **filters):
    return "Agree one exploitation pathway" in {
        r.title for r in search(user=user, text=QUERY, **filters).results
    }


def test_the_joint_bodys_records_are_filed_under_every_partnership(places, joint):
    every = {places[s].pk for s in ("testshire", "southend", "thurrock")}
    action = _row("governance.action", joint["action"].pk)
    assert _filed(action) == every
    assert action.partnership_id == min(every)
    assert _filed(_row("governance.agendaitem", joint["item"].pk)) == every
    # A rebuild of the index files them the same way.
    call_command("reindex", "--kind", "governance.action", verbosity=0)
    assert _filed(_row("governance.action", joint["action"].pk)) == every


@pytest.mark.parametrize("place", ["testshire", "southend", "thurrock"])
def test_each_partnerships_staff_find_it_under_their_partnership(client, places, joint, place):
    business_unit = user_with_role(Role.BUSINESS_UNIT, partnership=places[place])
    assert _finds(business_unit)
    assert _finds(business_unit, partnership=places[place].pk)
    assert not _finds(business_unit, partnership=places["elsewhere"].pk)

    client.force_login(business_unit)
    response = client.get(reverse("search:search"), {"q": QUERY})
    facets = {f.label: f.count for f in response.context["outcome"].facets["partnership"]}
    # The action and its meeting item, under each partnership of the body.
    assert facets == {
        "Testshire Safeguarding Partnership": 2,
        "Southend Partnership": 2,
        "Thurrock Partnership": 2,
    }
    assert response.context["outcome"].total == 2  # each record once in the results
    response = client.get(reverse("search:search"), {"q": QUERY, "partnership": places[place].pk})
    titles = {r.title for r in response.context["outcome"].results}
    assert titles == {"Agree one exploitation pathway", "Exploitation pathway review"}


def test_who_finds_the_action_is_who_may_open_its_page(client, places, joint):
    """Never more than the pages: for each kind of person, search finds the joint action
    exactly when its page opens for them."""
    southend, elsewhere = places["southend"], places["elsewhere"]
    member = user_with_role(Role.PRACTITIONER, partnership=elsewhere)
    MembershipFactory(body=joint["body"], person=member)
    people = {
        "business unit of a member partnership": (
            user_with_role(Role.BUSINESS_UNIT, partnership=southend),
            True,
        ),
        "chair of a member partnership": (user_with_role(Role.CHAIR, partnership=southend), True),
        "safeguarding partner of a member partnership": (
            user_with_role(Role.SAFEGUARDING_PARTNER, partnership=places["thurrock"]),
            True,
        ),
        "agency lead of the owning agency": (
            user_with_role(Role.AGENCY_LEAD, partnership=southend, agency=joint["police"]),
            True,
        ),
        "agency lead of another agency": (
            user_with_role(
                Role.AGENCY_LEAD,
                partnership=southend,
                agency=AgencyFactory(name="A school", partnerships=[southend]),
            ),
            False,
        ),
        "practitioner of a member partnership": (
            user_with_role(Role.PRACTITIONER, partnership=southend),
            False,
        ),
        "member of the body from elsewhere": (member, True),
        "business unit elsewhere": (
            user_with_role(Role.BUSINESS_UNIT, partnership=elsewhere),
            False,
        ),
        "chair elsewhere": (user_with_role(Role.CHAIR, partnership=elsewhere), False),
    }
    page = reverse("governance:action-detail", args=[joint["action"].pk])
    for who, (person, expected) in people.items():
        client.force_login(person)
        opens = client.get(page).status_code == 200
        assert opens is expected, who
        assert _finds(person) is expected, who
        # Filtering by a partnership never shows more.
        for place in places.values():
            assert not _finds(person, partnership=place.pk) or expected, who
    client.logout()
    assert not _finds(None)


def test_a_body_that_changes_its_partnerships_refiles_its_records(places, joint):
    body = joint["body"]
    admin = user_with_role(Role.BUSINESS_UNIT, partnership=places["testshire"])
    body_update(actor=admin, body=body, partnerships=[places["testshire"], places["elsewhere"]])
    expected = {places["testshire"].pk, places["elsewhere"].pk}
    assert _filed(_row("governance.action", joint["action"].pk)) == expected
    assert _filed(_row("governance.agendaitem", joint["item"].pk)) == expected
    southend_staff = user_with_role(Role.BUSINESS_UNIT, partnership=places["southend"])
    assert not _finds(southend_staff)
    elsewhere_staff = user_with_role(Role.BUSINESS_UNIT, partnership=places["elsewhere"])
    assert _finds(elsewhere_staff, partnership=places["elsewhere"].pk)
    # From the partnership's side too (the back office edits links either way).
    places["thurrock"].bodies.add(body)
    assert places["thurrock"].pk in _filed(_row("governance.action", joint["action"].pk))
