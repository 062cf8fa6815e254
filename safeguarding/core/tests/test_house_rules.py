"""The house-rules check: views and API modules query through selectors, never
``<Model>.objects``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CHECKER = ROOT / "scripts" / "check_house_rules.py"


def run_checker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(CHECKER), *args], capture_output=True, text=True, check=False
    )


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_view_that_uses_model_objects_fails_with_its_file_and_line(tmp_path):
    root = _tree(
        tmp_path,
        {
            "safeguarding/things/views.py": (
                "from things.models import Thing\n\n\ndef thing_list(request):\n"
                "    return Thing.objects.all()\n"
            ),
        },
    )
    result = run_checker(str(root))
    assert result.returncode == 1
    assert "safeguarding/things/views.py:5: Thing.objects" in result.stdout
    assert "HR001" in result.stdout


def test_every_kind_of_checked_module_is_checked(tmp_path):
    query = "def read(Model):\n    return Model.objects.first()\n"
    root = _tree(
        tmp_path,
        {
            "safeguarding/things/views/pages.py": query,
            "safeguarding/things/api.py": query,
            "safeguarding/api/views.py": query,
            # Not checked: selectors are where queries belong, and tests set up data.
            "safeguarding/things/selectors.py": query,
            "safeguarding/api/tests/test_views.py": query,
        },
    )
    result = run_checker(str(root))
    assert result.returncode == 1
    reported = sorted(line.split(":")[0] for line in result.stdout.splitlines())
    assert reported == [
        "safeguarding/api/views.py",
        "safeguarding/things/api.py",
        "safeguarding/things/views/pages.py",
    ]


def test_a_view_that_calls_a_selector_passes(tmp_path):
    root = _tree(
        tmp_path,
        {
            "safeguarding/things/views.py": (
                "from things import selectors\n\n\ndef thing_list(request):\n"
                "    return selectors.thing_list(user=request.user)\n"
            ),
        },
    )
    result = run_checker(str(root))
    assert result.returncode == 0, result.stdout


def test_the_project_keeps_the_house_rules():
    result = run_checker()
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
