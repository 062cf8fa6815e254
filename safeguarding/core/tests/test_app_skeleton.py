"""Every domain app has the same skeleton, so a newcomer finds each thing in the same place
(a bounded context: models, reads in selectors, writes in services, pages in views), and
apps.py holds only the app's name (what an app adds lives in its capabilities.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]

DOMAIN_APPS = [
    "governance",
    "reviews",
    "assurance",
    "training",
    "performance",
    "comms",
    "library",
    "childdeaths",
    "reports",
    "search",
]
MODULES = ["capabilities.py", "urls.py"]
PACKAGES = ["models", "services", "selectors", "views", "tests", "migrations"]


def skeleton_gaps(app_dir: Path) -> list[str]:
    """What the app lacks of the skeleton, as paths relative to the app."""
    gaps = [name for name in MODULES if not (app_dir / name).is_file()]
    gaps += [
        f"{name}/__init__.py" for name in PACKAGES if not (app_dir / name / "__init__.py").is_file()
    ]
    return gaps


def apps_py_extras(app_dir: Path) -> list[str]:
    """Anything in apps.py's AppConfig beyond its name, label and verbose name."""
    tree = ast.parse((app_dir / "apps.py").read_text(encoding="utf-8"))
    extras = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.FunctionDef):
                    extras.append(f"{node.name}.{statement.name}()")
    return extras


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_each_domain_app_has_the_skeleton(app):
    app_dir = PACKAGE / app
    assert app_dir.is_dir(), f"safeguarding/{app} is missing"
    assert skeleton_gaps(app_dir) == [], f"safeguarding/{app} lacks these parts of the skeleton"
    assert apps_py_extras(app_dir) == [], "apps.py keeps only the name: use capabilities.py"


def test_a_missing_part_of_the_skeleton_is_named(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "__init__.py").write_text("")
    (tmp_path / "selectors.py").write_text("")  # a module where the skeleton has a package
    (tmp_path / "urls.py").write_text("")
    (tmp_path / "apps.py").write_text(
        "class ThingsConfig:\n    name = 'things'\n\n    def ready(self):\n        pass\n"
    )
    assert skeleton_gaps(tmp_path) == [
        "capabilities.py",
        "services/__init__.py",
        "selectors/__init__.py",
        "views/__init__.py",
        "tests/__init__.py",
        "migrations/__init__.py",
    ]
    assert apps_py_extras(tmp_path) == ["ThingsConfig.ready()"]
