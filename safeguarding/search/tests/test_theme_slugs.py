"""A theme never takes the slug of a fixed page under /themes/ ("merge", "suggestions"):
the business unit may call a theme what it likes, and its page gets an address that works."""

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import get_resolver

from safeguarding.core.roles import Role
from safeguarding.governance.services import plans as plan_services
from safeguarding.planning.models import Theme
from safeguarding.planning.theme_slugs import reserved_theme_slugs

pytestmark = pytest.mark.django_db


@pytest.fixture
def bu_client(client, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    return client


def test_a_theme_called_merge_is_added_with_a_page_that_works(bu_client):
    response = bu_client.post("/governance/themes/new/", {"name": "Merge"}, follow=True)
    theme = Theme.objects.get(name="Merge")
    assert theme.slug == "merge-theme"
    assert "Its page is /themes/merge-theme/" in response.content.decode()

    page = bu_client.get("/themes/merge-theme/").content.decode()
    assert '<h1 class="govuk-heading-xl">Merge</h1>' in page
    # The fixed page is still the fixed page.
    assert "Merge two themes" in bu_client.get("/themes/merge/").content.decode()


def test_each_reserved_name_gets_the_next_free_address(make_user):
    actor = make_user(Role.BUSINESS_UNIT)
    first = plan_services.theme_create(actor=actor, name="Suggestions")
    second = plan_services.theme_create(actor=actor, name="Suggestions!")
    assert (first.slug, second.slug) == ("suggestions-theme", "suggestions-theme-2")
    assert not Theme.objects.filter(slug__in=reserved_theme_slugs()).exists()


def test_an_ordinary_name_keeps_its_ordinary_slug(make_user):
    theme = plan_services.theme_create(actor=make_user(Role.BUSINESS_UNIT), name="Merging homes")
    assert theme.slug == "merging-homes"


def test_renaming_a_theme_to_a_reserved_name_keeps_its_address(bu_client):
    theme = Theme.objects.get(name="Neglect")
    response = bu_client.post(
        f"/governance/themes/{theme.pk}/edit/",
        {"name": "Suggestions", "description": "", "is_active": "on"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.slug) == ("Suggestions", "neglect")
    assert '<h1 class="govuk-heading-xl">Suggestions</h1>' in (
        bu_client.get("/themes/neglect/").content.decode()
    )


def test_every_fixed_page_under_themes_is_reserved():
    fixed = set()
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", [pattern]):
            route = str(inner.pattern)
            if route.startswith("themes/") and "<" not in route and route != "themes/":
                fixed.add(route.removeprefix("themes/").strip("/").split("/")[0])
    assert {"merge", "suggestions"} <= fixed
    assert fixed <= reserved_theme_slugs()


def test_the_shipped_vocabulary_uses_no_reserved_slug():
    data = Path(apps.get_app_config("planning").path) / "data" / "practice_themes.json"
    slugs = {entry["slug"] for entry in json.loads(data.read_text())["themes"]}
    assert not slugs & reserved_theme_slugs()


def test_the_migration_moves_a_theme_that_already_had_a_reserved_slug():
    migration = importlib.import_module(
        "safeguarding.planning.migrations.0005_theme_slugs_clear_of_fixed_pages"
    )
    neglect = Theme.objects.get(name="Neglect")
    Theme.objects.filter(pk=neglect.pk).update(slug="merge")
    migration.move_slugs(apps, None)
    neglect.refresh_from_db()
    assert neglect.slug == "merge-theme"
