"""The house-rules check: views and API modules query through selectors, never
``<Model>.objects`` (HR001); partial updates go through model_update (HR002); audit codes are
written out, never built (HR003)."""

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


def test_a_hand_written_partial_update_fails_naming_its_function(tmp_path):
    root = _tree(
        tmp_path,
        {
            "safeguarding/things/services/things.py": (
                "def thing_update(*, thing, **fields):\n"
                "    for name, value in fields.items():\n"
                "        if value is not None:\n"
                "            setattr(thing, name, value)\n"
                "    thing.save()\n"
            ),
            # Tests may set attributes as they like.
            "safeguarding/things/tests/test_things.py": (
                "def test_it(thing):\n"
                "    for name in ('a', 'b'):\n"
                "        setattr(thing, name, 1)\n"
            ),
        },
    )
    result = run_checker(str(root))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "safeguarding/things/services/things.py:2: setattr loop in thing_update(): "
        "HR002 a hand-written partial update (a for loop calling setattr): use "
        "core.services.model_update, or add the function to SETATTR_LOOPS_ALLOWED with the "
        "reason it cannot"
    ]


def test_model_update_and_the_allowed_progress_writers_pass(tmp_path):
    root = _tree(
        tmp_path,
        {
            "safeguarding/things/services/things.py": (
                "from safeguarding.core.services import model_update\n\n\n"
                "def thing_update(*, actor, thing, **fields):\n"
                "    return model_update(thing, fields=['title'], data=fields, actor=actor,\n"
                "                        event='things.thing.updated')\n"
            ),
            # Named in SETATTR_LOOPS_ALLOWED, with its reason.
            "safeguarding/core/services.py": (
                "def model_update(instance, fields, data):\n"
                "    for name, value in data.items():\n"
                "        setattr(instance, name, value)\n"
            ),
        },
    )
    result = run_checker(str(root))
    assert result.returncode == 0, result.stdout


def test_an_audit_code_built_with_string_formatting_fails(tmp_path):
    root = _tree(
        tmp_path,
        {
            "safeguarding/things/services/things.py": (
                "def thing_step(*, actor, thing, name):\n"
                "    audit_record(actor=actor, event=f'things.thing.{name}', target=thing)\n"
                "\n\n"
                "def thing_read(*, actor, what):\n"
                "    audit_read(actor=actor, event='things.' + what + '.viewed')\n"
                "    code = f'things.{what}.list_viewed'\n"
                "    audit_record(actor=actor, event=code_for(what))\n"
                "    return code\n"
            ),
        },
    )
    result = run_checker(str(root))
    assert result.returncode == 1
    found = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in found] == [
        "safeguarding/things/services/things.py:2",
        "safeguarding/things/services/things.py:6",
        "safeguarding/things/services/things.py:7",
        "safeguarding/things/services/things.py:8",
    ]
    assert all("HR003" in line for line in found)


def test_literal_codes_constants_and_maps_of_literal_codes_pass(tmp_path):
    root = _tree(
        tmp_path,
        {
            "safeguarding/things/services/things.py": (
                "STEP_EVENTS = {'approve': 'things.thing.approve', 'file': 'things.thing.file'}\n"
                "IMPORT_EVENT = 'things.thing.imported'\n\n\n"
                "def thing_step(*, actor, thing, name, late):\n"
                "    audit_record(actor=actor, event=STEP_EVENTS[name], target=thing)\n"
                "    audit_record(actor=actor, event=IMPORT_EVENT, target=thing)\n"
                "    audit_record(\n"
                "        actor=actor,\n"
                "        event='things.thing.late' if late else 'things.thing.on_time',\n"
                "        after={'title': f'{thing.title}.'},\n"
                "    )\n"
            ),
        },
    )
    result = run_checker(str(root))
    assert result.returncode == 0, result.stdout


def test_the_project_keeps_the_house_rules():
    result = run_checker()
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
