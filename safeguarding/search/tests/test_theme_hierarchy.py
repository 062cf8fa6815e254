"""The theme hierarchy: broader and narrower themes, loops refused when placing a theme and
when merging, retired themes kept on records but not offered for new tagging."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.services import plans as plan_services
from safeguarding.planning.models import Theme
from safeguarding.planning.suggestions import suggest_themes
from safeguarding.search.services.themes import theme_merge


@pytest.fixture
def family(db):
    """Whole family > Neglect > Dental neglect."""
    whole = Theme.objects.create(name="Whole family", slug="whole-family")
    neglect = Theme.objects.get(name="Neglect")
    neglect.parent = whole
    neglect.save()
    dental = Theme.objects.create(name="Dental neglect", slug="dental-neglect", parent=neglect)
    return whole, neglect, dental


def _edit(theme, **changes):
    data = {"name": theme.name, "description": theme.description, "synonyms": theme.synonyms}
    data.update({"is_active": "on"} if theme.is_active else {})
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_business_unit_places_a_theme_under_a_broader_one(client, make_user, family):
    whole, neglect, dental = family
    client.force_login(make_user(Role.BUSINESS_UNIT))
    nai = Theme.objects.get(name="Non-accidental injury")
    response = client.post(
        reverse("governance:theme-edit", args=[nai.pk]), _edit(nai, parent=whole.pk)
    )
    assert response.status_code == 302
    nai.refresh_from_db()
    assert nai.parent == whole
    event = AuditEvent.objects.filter(event="planning.theme.updated").latest("pk")
    assert event.before["parent"] is None and event.after["parent"] == "Whole family"
    page = client.get(reverse("search:theme", args=[whole.slug])).content.decode()
    assert "Narrower themes:" in page and "Non-accidental injury" in page and "Neglect" in page
    page = client.get(reverse("search:theme", args=[dental.slug])).content.decode()
    assert 'id="broader-themes"' in page and "Neglect" in page


@pytest.mark.django_db
def test_a_loop_in_the_hierarchy_is_refused_with_a_clear_message(client, make_user, family):
    whole, neglect, dental = family
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        reverse("governance:theme-edit", args=[whole.pk]), _edit(whole, parent=dental.pk)
    )
    assert response.status_code == 200
    assert "would make a loop" in response.content.decode()
    whole.refresh_from_db()
    assert whole.parent is None
    with pytest.raises(ValidationError, match="broader than itself"):
        plan_services.theme_update(
            actor=make_user(Role.BUSINESS_UNIT), theme=whole, name="Whole family", parent=whole
        )


@pytest.mark.django_db
def test_merging_a_broader_theme_into_a_narrower_one_is_refused(client, make_user, family):
    whole, neglect, dental = family
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(reverse("search:theme-merge"), {"merged": whole.pk, "into": dental.pk})
    assert response.status_code == 200
    assert "would make a loop in the hierarchy" in response.content.decode()
    whole.refresh_from_db()
    assert whole.is_active


@pytest.mark.django_db
def test_merging_moves_the_narrower_themes_under_the_other(make_user, family):
    whole, neglect, dental = family
    other = Theme.objects.create(name="Family neglect", slug="family-neglect")
    theme_merge(actor=make_user(Role.BUSINESS_UNIT), merged=neglect, into=other)
    dental.refresh_from_db()
    assert dental.parent == other


@pytest.mark.django_db
def test_a_retired_theme_stays_on_records_but_is_not_offered(client, make_user, corpus, nai):
    nai.is_active = False
    nai.save()
    assert not [s for s in suggest_themes("non-accidental injury, NAI") if s.slug == nai.slug]
    assert list(corpus["published"].themes.all()) == [nai]
    page = client.get(reverse("search:theme", args=[nai.slug])).content.decode()
    assert "This theme is retired" in page
    assert "Child Q: bruising in a non-mobile baby" in page
    client.force_login(make_user(Role.BUSINESS_UNIT))
    form = client.get(reverse("governance:key-message-new")).content.decode()
    assert "Non-accidental injury" not in form
