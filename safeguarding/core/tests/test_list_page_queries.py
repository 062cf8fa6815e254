"""The pages that gather records from across the platform — the approvals list, the list of
partnerships and the home page — make the same number of queries with many records as with
few (issue 20: every list page's query count is flat)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import KeyMessageFactory
from safeguarding.reviews.tests.factories import (
    ImpactEvidenceFactory,
    RecommendationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def test_the_approvals_page_query_count_does_not_grow(signed_in, partnership, flat_queries):
    client = signed_in(Role.CHAIR)
    url = reverse("core:approvals")

    def waiting(n, start):
        for number in range(start, start + n):
            KeyMessageFactory(
                partnership=partnership, status="draft", title=f"Draft message {number}"
            )
            review = ReviewFactory(partnership=partnership, title=f"Child A{number}")
            ImpactEvidenceFactory(recommendation=RecommendationFactory(review=review, number=1))

    waiting(1, 0)
    response = flat_queries(lambda: client.get(url), lambda: waiting(9, 1))
    assert all(f"Draft message {n}<" in response.text for n in range(10))
    assert all(f"Child A{n}: recommendation 1" in response.text for n in range(10))


def test_the_partnership_list_query_count_does_not_grow(signed_in, flat_queries):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("accounts:partnership-list")

    def partnerships(names):
        for name in names:
            place = PartnershipFactory(name=name)
            place.localities.create(name=f"{name} North")

    partnerships(["Ashshire"])
    names = [f"Shire {n}" for n in range(12)]
    response = flat_queries(lambda: client.get(url), lambda: partnerships(names))
    assert all(f"{name} North" in response.text for name in names)


@pytest.mark.parametrize("role", [None, Role.PRACTITIONER])
def test_the_home_page_query_count_does_not_grow(
    client, make_user, partnership, flat_queries, role
):
    if role:
        client.force_login(make_user(role))
    url = reverse("home")
    today = timezone.localdate()

    def messages_and_partners(n, start):
        for number in range(start, start + n):
            KeyMessageFactory(
                partnership=partnership,
                title=f"Key message {number}",
                meeting_date=today - datetime.timedelta(days=100 - number),
            )
            AgencyFactory(
                partnerships=[partnership], is_statutory_partner=True, name=f"Partner {number}"
            )

    messages_and_partners(1, 0)
    response = flat_queries(lambda: client.get(url), lambda: messages_and_partners(9, 1))
    assert "Key message 9<" in response.text  # the latest are shown
    if role is None:
        assert all(f"Partner {n}<" in response.text for n in range(10))
