#!/usr/bin/env python3
"""House rules that ruff and the import contracts cannot express.

Rule HR001: views and API modules never query a model directly. ``<Model>.objects`` in a
view or API module bypasses the app's selectors, which are where a query is scoped to what
the user may see (``visible_to(user)``); a view that builds its own query can leak another
partnership's records. Move the query into the app's ``selectors`` and call that.

Checked files (tests excluded):

- ``safeguarding/<app>/views.py`` and ``safeguarding/<app>/views/*.py``
- ``safeguarding/<app>/api.py``
- ``safeguarding/api/*.py``

Usage: ``python scripts/check_house_rules.py [ROOT | FILE ...]``. With no argument the
project's own tree is checked. Exit status 1 (and one line per finding, ``file:line``)
when a rule is broken, 0 otherwise.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

RULE_OBJECTS = (
    "HR001 a view or API module must not use <Model>.objects: "
    "query through the app's selectors (scoped with visible_to(user))"
)


def checked_files(root: Path) -> list[Path]:
    package = root / "safeguarding"
    patterns = ["*/views.py", "*/views/*.py", "*/api.py", "api/*.py"]
    found: set[Path] = set()
    for pattern in patterns:
        for path in package.glob(pattern):
            if not _is_test(path.relative_to(root)):
                found.add(path)
    return sorted(found)


def _is_test(relative: Path) -> bool:
    return "tests" in relative.parts or relative.name.startswith(("test_", "conftest"))


def objects_accesses(source: str, filename: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source, filename=filename)
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "objects"
    ]
    for node in sorted(found, key=lambda node: (node.lineno, node.col_offset)):
        yield node.lineno, f"{ast.unparse(node)}: {RULE_OBJECTS}"


def check(paths: Iterable[Path], root: Path | None = None) -> list[str]:
    findings = []
    for path in paths:
        shown = path.relative_to(root) if root and path.is_relative_to(root) else path
        for line, message in objects_accesses(path.read_text(encoding="utf-8"), str(path)):
            findings.append(f"{shown}:{line}: {message}")
    return findings


def main(argv: list[str]) -> int:
    if not argv:
        root = PROJECT_ROOT
        paths = checked_files(root)
    elif len(argv) == 1 and Path(argv[0]).is_dir():
        root = Path(argv[0]).resolve()
        paths = checked_files(root)
    else:
        root = None
        paths = [Path(arg) for arg in argv]
    findings = check(paths, root)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} house-rule violation(s).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
