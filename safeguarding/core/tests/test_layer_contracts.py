"""The import-linter contract that gives every module of an app its layer (pyproject.toml,
ADR 0021 "Later") fails on a violation: a model importing a view, a service importing a
page, or a module whose name no layer lists. The contract is read from pyproject.toml as
it is and run on a small app written to a temporary directory, so what is checked here is
the contract CI runs, not a copy."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
APP_CONTRACT = "Within each app: every module has its layer, from the wiring down to the models"

CLEAN_APP = {
    "__init__.py": "",
    "apps.py": "",
    "capabilities.py": "from sample.things import jobs, panels  # noqa\n",
    "jobs.py": "from sample.things import services  # noqa\n",
    "urls.py": "from sample.things import views  # noqa\n",
    "views.py": "from sample.things import forms, selectors, services  # noqa\n",
    "panels.py": "from sample.things import selectors  # noqa\n",
    "forms.py": "from sample.things import models  # noqa\n",
    "services.py": "from sample.things import audit_events, models, workflow  # noqa\n",
    "selectors.py": "from sample.things import models  # noqa\n",
    "workflow.py": "from sample.things import models  # noqa\n",
    "models.py": "from sample.things import scoping  # noqa\n",
    "scoping.py": "",
    "audit_events.py": "",
    "tests/__init__.py": "from sample.things import views  # noqa\n",
}


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"] == APP_CONTRACT)


def _lint(tmp_path: Path, changes: dict[str, str]) -> subprocess.CompletedProcess:
    files = {**CLEAN_APP, **changes}
    (tmp_path / "sample").mkdir()
    (tmp_path / "sample" / "__init__.py").write_text("")
    for name, text in files.items():
        path = tmp_path / "sample" / "things" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    contract = {**_contract(), "containers": ["sample.things"]}
    lines = ['[tool.importlinter]\nroot_package = "sample"\n\n[[tool.importlinter.contracts]]']
    for key, value in contract.items():
        lines.append(f"{key} = {_toml(value)}")
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return subprocess.run(
        [str(LINT_IMPORTS), "pyproject.toml", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_an_app_laid_out_in_its_layers_keeps_the_contract(tmp_path):
    result = _lint(tmp_path, {})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_a_model_importing_a_view_breaks_the_contract(tmp_path):
    result = _lint(tmp_path, {"models.py": "from sample.things import scoping, views  # noqa\n"})
    assert result.returncode == 1
    assert "sample.things.models is not allowed to import sample.things.views" in " ".join(
        result.stdout.split()
    )


def test_a_service_importing_a_task_or_a_form_breaks_the_contract(tmp_path):
    result = _lint(
        tmp_path,
        {
            "tasks.py": "from sample.things import services  # noqa\n",
            "services.py": "from sample.things import forms, models, tasks  # noqa\n",
        },
    )
    assert result.returncode == 1
    text = " ".join(result.stdout.split())
    assert "sample.things.services is not allowed to import sample.things.tasks" in text
    assert "sample.things.services is not allowed to import sample.things.forms" in text


def test_views_and_the_api_stay_apart(tmp_path):
    result = _lint(tmp_path, {"api.py": "from sample.things import views  # noqa\n"})
    assert result.returncode == 1
    assert "sample.things.api is not allowed to import sample.things.views" in " ".join(
        result.stdout.split()
    )


def test_a_module_no_layer_lists_breaks_the_contract(tmp_path):
    result = _lint(tmp_path, {"helpers.py": "from sample.things import models  # noqa\n"})
    assert result.returncode == 1
    text = " ".join(result.stdout.split())
    assert "not listed as layers" in text and "sample.things.helpers" in text
