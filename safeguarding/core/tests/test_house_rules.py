"""The house rules a reader can rely on: every domain app has the same skeleton."""

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ["governance", "reviews", "assurance", "training", "performance"]
# Each part may be a module (``views.py``) or, once it grows, a package (``views/``).
SKELETON = [
    "apps",
    "models",
    "services",
    "selectors",
    "rules",
    "workflow",
    "forms",
    "views",
    "api",
    "urls",
    "migrations",
    "management",
    "tests",
]


def has_part(app: Path, part: str) -> bool:
    return (app / f"{part}.py").is_file() or (app / part / "__init__.py").is_file()


@pytest.mark.parametrize("name", DOMAIN_APPS)
def test_every_domain_app_has_the_same_skeleton(name):
    app = PACKAGE / name
    missing = [part for part in SKELETON if not has_part(app, part)]
    assert not missing, f"safeguarding/{name} lacks {', '.join(missing)}"
    assert (app / "templates" / name).is_dir(), f"templates of {name} belong in templates/{name}/"


def test_planning_holds_the_shared_taxonomy():
    app = PACKAGE / "planning"
    assert all(has_part(app, part) for part in ["apps", "models", "migrations", "tests"])
