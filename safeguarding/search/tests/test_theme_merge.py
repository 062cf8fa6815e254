"""Merging themes: every record moves, loops are refused, the old page leads to the new."""

import pytest
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.planning.models import Theme
from safeguarding.search.selectors.search import search


@pytest.mark.django_db
def test_merging_moves_every_record_and_refuses_a_loop(client, corpus, nai, make_user):
    into = Theme.objects.get(name="Neglect")
    corpus["course"].themes.add(into)  # already on both: kept once
    bu = make_user(Role.BUSINESS_UNIT)
    client.force_login(bu)
    response = client.post(reverse("search:theme-merge"), {"merged": nai.pk, "into": into.pk})
    assert response.status_code == 302
    assert list(corpus["course"].themes.all()) == [into]
    assert list(corpus["published"].themes.all()) == [into]
    assert list(corpus["notification"].themes.all()) == [into]
    nai.refresh_from_db()
    assert not nai.is_active
    assert AuditEvent.objects.filter(event="search.theme.merge").exists()
    # The index follows: searching within the new theme finds the moved review.
    found = {r.title for r in search(user=None, text="bruising", theme=into.slug).results}
    assert "Child Q: bruising in a non-mobile baby" in found
    # The old theme's page leads to the new one.
    old = client.get(reverse("search:theme", args=[nai.slug]))
    assert old.status_code == 302 and old.url == reverse("search:theme", args=[into.slug])
    # Merging back would make a loop.
    nai.is_active = True
    nai.save()
    response = client.post(reverse("search:theme-merge"), {"merged": into.pk, "into": nai.pk})
    assert response.status_code == 200
    assert "would make a loop" in response.content.decode()
    assert list(corpus["course"].themes.all()) == [into]


@pytest.mark.django_db
def test_a_theme_cannot_be_merged_into_itself(client, nai, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(reverse("search:theme-merge"), {"merged": nai.pk, "into": nai.pk})
    assert "cannot be merged into itself" in response.content.decode()


@pytest.mark.django_db
def test_only_those_who_manage_themes_may_merge(client, make_user, nai):
    client.force_login(make_user(Role.PRACTITIONER))
    assert client.get(reverse("search:theme-merge")).status_code == 403
