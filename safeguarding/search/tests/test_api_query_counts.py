"""/api/v1/search/ makes the same number of queries whatever the number of results, for the
public and for the business unit (who also finds confidential rows)."""

import itertools
from datetime import date

import pytest

from safeguarding.core.roles import Role
from safeguarding.governance.tests.factories import KeyMessageFactory
from safeguarding.planning.models import Theme
from safeguarding.reviews.tests.factories import ReviewFactory
from safeguarding.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, Role.BUSINESS_UNIT])
def test_the_search_api_makes_the_same_queries_for_few_or_many_results(
    client, make_user, partnership, flat_queries, role
):
    if role is not None:
        client.force_login(make_user(role))
    themes = list(Theme.objects.order_by("pk")[:2])
    numbers = itertools.count(1)

    def add(n):
        """n of each kind about Wrexbury; returns the titles the caller finds."""
        found = []
        for _ in range(n):
            number = next(numbers)
            course = CourseFactory(partnership=partnership, title=f"Wrexbury course {number}")
            course.themes.set(themes)
            published = ReviewFactory(
                partnership=partnership,
                title=f"Wrexbury review {number}",
                status="published",
                published_on=date(2024, 5, number),
            )
            published.themes.set(themes)
            message = KeyMessageFactory(
                partnership=partnership, title=f"Wrexbury key message {number}", themes=themes
            )
            draft = ReviewFactory(partnership=partnership, title=f"Wrexbury draft {number}")
            draft.themes.set(themes)
            found += [course.title, published.title, message.title]
            if role is not None:
                found.append(draft.title)
        return found

    url = "/api/v1/search/?q=wrexbury"
    listed = add(1)
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(add(4)))
    body = response.json()
    assert body["count"] == len(listed)
    assert {row["title"] for row in body["results"]} == set(listed)
