"""The business unit's subscriber list makes the same number of queries whatever the number
of subscribers (issue 20: every list page's query count is flat)."""

import pytest
from django.urls import reverse

from safeguarding.comms.tests.factories import SubscriberFactory
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme

pytestmark = pytest.mark.django_db


def test_the_subscriber_list_query_count_does_not_grow(
    client, make_user, partnership, count_queries
):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    url = reverse("comms:subscriber-list")
    themes = list(Theme.objects.all()[:2])
    SubscriberFactory(partnership=partnership).themes.set(themes)
    response = client.get(url)
    assert response.status_code == 200
    few = count_queries(lambda: client.get(url))
    for _ in range(25):
        SubscriberFactory(partnership=partnership).themes.set(themes)
    response = client.get(url)
    assert response.status_code == 200
    assert count_queries(lambda: client.get(url)) == few
