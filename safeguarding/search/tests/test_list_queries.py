"""The list of practice themes makes the same number of queries whatever the number of themes
and records, for a visitor and for staff (issue 20)."""

import re

import pytest
from django.urls import reverse

from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.reviews.tests.factories import NotificationFactory
from safeguarding.training.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


def records_shown(html: str, theme: str) -> int:
    found = re.search(rf">{theme}</a></td>\s*<td[^>]*>(\d+)</td>", html)
    assert found, f"{theme} is not listed"
    return int(found.group(1))


@pytest.mark.parametrize("role", [None, Role.BUSINESS_UNIT], ids=["public", "business-unit"])
def test_the_theme_list_query_count_does_not_grow(
    client, partnership, make_user, flat_queries, role
):
    if role is not None:
        client.force_login(make_user(role))
    url = reverse("search:theme-list")

    def add(n, start):
        """New themes, each on two public courses and one confidential notification."""
        for index in range(start, start + n):
            theme = Theme.objects.create(name=f"Listed theme {index:02d}", slug=f"listed-{index}")
            for _ in range(2):
                CourseFactory(partnership=partnership).themes.add(theme)
            NotificationFactory(partnership=partnership).themes.add(theme)

    add(1, start=0)
    response = flat_queries(lambda: client.get(url), lambda: add(15, start=1))
    html = response.content.decode()
    # Every theme is listed, with the records this person may see.
    expected = 2 if role is None else 3
    assert [records_shown(html, f"Listed theme {i:02d}") for i in range(16)] == [expected] * 16
