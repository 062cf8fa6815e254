"""Production-like static files: collected with the manifest storage, every asset resolves.

Only what pages load is collected (the built stylesheet, GOV.UK Frontend's JavaScript, fonts
and images, the admin's and Swagger UI's files). These tests collect into a throw-away folder
with the production storage, then render the main pages with DEBUG off: a ``{% static %}``
naming a file that is not collected raises there (a 500), and every /static/ address a page
or the stylesheet refers to must be a collected file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

from safeguarding.core.roles import Role

TEMPLATE_STATIC = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")
PAGE_STATIC = re.compile(r"""(?:src|href)=["'](/static/[^"'?#]+)""")
CSS_URL = re.compile(r"""url\(["']?(/static/[^"')?#]+)""")
MODULE_IMPORT = re.compile(r"""from\s+['"](/static/[^'"]+)['"]""")
PROJECT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    if not (PROJECT / "build" / "static" / "govuk" / "govuk-frontend.min.js").exists():
        pytest.fail("The front-end build is missing: run `npm run build` (or `make assets`).")
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture
def manifest_storage(collected, settings):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {
        **settings.STORAGES,
        # Production's storage is WhiteNoise's subclass of this one: it adds compressed
        # copies (slow to make) but names and resolves files the same way.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.DEBUG = False
    if not (collected / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    return collected


def _template_static_names() -> set[str]:
    names = set()
    for template in (PROJECT / "safeguarding").rglob("templates/**/*.html"):
        names.update(TEMPLATE_STATIC.findall(template.read_text()))
    return names


def test_collects_only_what_pages_load(manifest_storage):
    files = [p for p in manifest_storage.rglob("*") if p.is_file()]
    relative = {str(p.relative_to(manifest_storage)) for p in files}
    # No Sass, Nunjucks templates or unused front-end packages are collected.
    assert not [name for name in relative if name.endswith((".scss", ".njk"))]
    assert not [
        name for name in relative if name.startswith(("moj/", "drf_spectacular_sidecar/redoc"))
    ]
    assert "govuk/govuk-frontend.min.js" in relative
    assert "govuk/assets/images/favicon.ico" in relative
    # Originals are far fewer than the 1,400 collected before (the whole govuk/ and moj/ trees).
    assert len(files) < 600, len(files)


def test_every_static_name_in_templates_is_in_the_manifest(manifest_storage):
    names = _template_static_names()
    assert "core/application.css" in names
    missing = []
    for name in sorted(names):
        try:
            staticfiles_storage.url(name)
        except ValueError:
            missing.append(name)
    assert missing == [], f"Not collected: {missing}"


def _assert_served(manifest_storage, address: str) -> None:
    path = manifest_storage / address.removeprefix(settings.STATIC_URL)
    assert path.is_file(), f"{address} is referred to but was not collected"


@pytest.mark.parametrize(
    "path, role",
    [
        ("/", None),
        ("/accounts/sign-in/", None),
        ("/dashboard/", Role.BUSINESS_UNIT),
        ("/api/v1/docs/", Role.BUSINESS_UNIT),
        ("/api/v1/docs/try/", Role.BUSINESS_UNIT),
        ("/admin/", Role.BUSINESS_UNIT),
    ],
)
def test_main_pages_render_with_collected_assets(manifest_storage, client, make_user, path, role):
    if role is not None:
        user = make_user(role)
        if path.startswith("/admin/"):
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    addresses = set(PAGE_STATIC.findall(response.content.decode()))
    assert addresses, f"{path} loads no static files"
    for address in addresses:
        _assert_served(manifest_storage, address)


def test_stylesheet_and_scripts_refer_only_to_collected_files(manifest_storage):
    css = (manifest_storage / "core" / "application.css").read_text()
    for address in set(CSS_URL.findall(css)):
        _assert_served(manifest_storage, address)
    for script in ("core/application.mjs", "core/progress.mjs"):
        source = (manifest_storage / script).read_text()
        for address in set(MODULE_IMPORT.findall(source)):
            _assert_served(manifest_storage, address)
