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

Rule HR002: a change to some fields of a record goes through ``core.services.model_update``
(ADR 0020), never a hand-written loop that calls ``setattr`` for each field: the loop skips the
validation, the save of only what changed, the many-to-many fields and the audit snapshot
that ``model_update`` does the same way everywhere. A ``for`` loop whose body calls
``setattr`` fails, in every module of the platform (tests and migrations excluded), unless
``SETATTR_LOOPS_ALLOWED`` names its function with the reason it cannot use ``model_update``.

Rule HR003: an audit event code is written out, never built. The ``event=`` of an audit
call (``audit_record``, ``audit_read``, ``model_update``, ``list_view_record``) is a string
literal, a constant, a look-up in a map of literal codes (``STEP_EVENTS[name]``) or a choice
between those; any ``event=``, ``list_event=`` or ``read_event=`` built with an f-string,
``+``, ``%`` or ``.format()`` fails, as does an f-string shaped like a code
(``f"reviews.{what}.viewed"``) anywhere. Written out, every code can be found by searching
for it and is checked against the app's ``audit_events.py`` (ADR 0021).

Usage: ``python scripts/check_house_rules.py [ROOT | FILE ...]``. With no argument the
project's own tree is checked. Exit status 1 (and one line per finding, ``file:line``)
when a rule is broken, 0 otherwise. Given files, every rule applies to each of them.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

RULE_OBJECTS = (
    "HR001 a view or API module must not use <Model>.objects: "
    "query through the app's selectors (scoped with visible_to(user))"
)

RULE_SETATTR_LOOP = (
    "HR002 a hand-written partial update (a for loop calling setattr): use "
    "core.services.model_update, or add the function to SETATTR_LOOPS_ALLOWED with the "
    "reason it cannot"
)
RULE_BUILT_CODE = (
    "HR003 an audit event code built with string formatting: write the code out (a literal, "
    "a constant, or a map of literal codes such as STEP_EVENTS[name])"
)
EVENT_KEYWORDS = {"event", "list_event", "read_event"}
# The calls that write an audit event: their event= must be one of the written-out forms.
AUDIT_CALLS = {"audit_record", "audit_read", "model_update", "list_view_record"}
# Text shaped like an audit code: app.entity.verb, lower case.
CODE_TEXT = re.compile(r"[a-z][a-z0-9_]*\.[a-z0-9_.]*")

# Functions (path relative to the project, then the function) whose setattr loop stays,
# each with the reason it cannot use model_update.
SETATTR_LOOPS_ALLOWED = {
    ("safeguarding/core/services.py", "model_update"): "it is model_update",
}


def checked_files(root: Path) -> list[Path]:
    package = root / "safeguarding"
    patterns = ["*/views.py", "*/views/*.py", "*/api.py", "api/*.py"]
    found: set[Path] = set()
    for pattern in patterns:
        for path in package.glob(pattern):
            if not _is_test(path.relative_to(root)):
                found.add(path)
    return sorted(found)


def platform_modules(root: Path) -> list[Path]:
    """Every module of the platform but its tests and migrations (rules HR002, HR003)."""
    return sorted(
        path
        for path in (root / "safeguarding").rglob("*.py")
        if not _is_test(path.relative_to(root)) and "migrations" not in path.relative_to(root).parts
    )


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


def _setattr_calls(tree: ast.AST) -> Iterator[tuple[str, ast.For | ast.AsyncFor]]:
    """The innermost ``for`` loop around each ``setattr(...)`` call, with the name of the
    function holding it ("" at module level)."""

    def visit(
        node: ast.AST, function: str, loop: ast.For | ast.AsyncFor | None
    ) -> Iterator[tuple[str, ast.For | ast.AsyncFor]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(child, child.name, None)
                continue
            if (
                loop is not None
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id == "setattr"
            ):
                yield function, loop
            inner = child if isinstance(child, ast.For | ast.AsyncFor) else loop
            yield from visit(child, function, inner)

    yield from visit(tree, "", None)


def setattr_loops(source: str, filename: str, shown: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source, filename=filename)
    reported: set[int] = set()
    for function, loop in _setattr_calls(tree):
        if loop.lineno in reported or (shown, function) in SETATTR_LOOPS_ALLOWED:
            continue
        reported.add(loop.lineno)
        where = f" in {function}()" if function else ""
        yield loop.lineno, f"setattr loop{where}: {RULE_SETATTR_LOOP}"


def _is_code_fstring(node: ast.JoinedStr) -> bool:
    """An f-string that builds an audit code: text like ``reviews.`` first, only code
    characters in its literal parts, and at least one value put in."""
    texts = [part.value for part in node.values if isinstance(part, ast.Constant)]
    return (
        bool(node.values)
        and isinstance(node.values[0], ast.Constant)
        and CODE_TEXT.match(str(node.values[0].value)) is not None
        and all(re.fullmatch(r"[a-z0-9_.]*", str(text)) for text in texts)
        and any(isinstance(part, ast.FormattedValue) for part in node.values)
    )


def _built(value: ast.expr) -> bool:
    """Does the expression build text (f-string, +, %, .format())?"""
    for node in ast.walk(value):
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
        ):
            return True
    return False


def _written_out(value: ast.expr) -> bool:
    """A literal (or None: no event), a constant, a look-up in a map of codes, or a choice
    between those."""
    if isinstance(value, ast.Constant):
        return value.value is None or isinstance(value.value, str)
    if isinstance(value, ast.Name | ast.Attribute):
        return True
    if isinstance(value, ast.Subscript):
        return isinstance(value.value, ast.Name | ast.Attribute) and not _built(value.slice)
    if isinstance(value, ast.IfExp):
        return _written_out(value.body) and _written_out(value.orelse)
    return False


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def built_codes(source: str, filename: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source, filename=filename)
    found: dict[tuple[int, int], str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in AUDIT_CALLS:
            for keyword in node.keywords:
                if keyword.arg == "event" and not _written_out(keyword.value):
                    value = keyword.value
                    found[(value.lineno, value.col_offset)] = ast.unparse(value)
        elif isinstance(node, ast.keyword) and node.arg in EVENT_KEYWORDS and _built(node.value):
            found[(node.value.lineno, node.value.col_offset)] = ast.unparse(node.value)
        elif isinstance(node, ast.JoinedStr) and _is_code_fstring(node):
            found[(node.lineno, node.col_offset)] = ast.unparse(node)
    for (line, _), text in sorted(found.items()):
        yield line, f"{text}: {RULE_BUILT_CODE}"


def check(
    paths: Iterable[Path], root: Path | None = None, modules: Iterable[Path] | None = None
) -> list[str]:
    """HR001 over ``paths``; HR002 and HR003 over ``modules`` (default: ``paths``)."""
    paths = list(paths)
    findings = []

    def shown(path: Path) -> str:
        return str(path.relative_to(root) if root and path.is_relative_to(root) else path)

    for path in paths:
        for line, message in objects_accesses(path.read_text(encoding="utf-8"), str(path)):
            findings.append(f"{shown(path)}:{line}: {message}")
    for path in paths if modules is None else modules:
        source = path.read_text(encoding="utf-8")
        for line, message in setattr_loops(source, str(path), shown(path)):
            findings.append(f"{shown(path)}:{line}: {message}")
        for line, message in built_codes(source, str(path)):
            findings.append(f"{shown(path)}:{line}: {message}")
    return findings


def main(argv: list[str]) -> int:
    modules: list[Path] | None = None
    if not argv or (len(argv) == 1 and Path(argv[0]).is_dir()):
        root = Path(argv[0]).resolve() if argv else PROJECT_ROOT
        paths = checked_files(root)
        modules = platform_modules(root)
    else:
        root = None
        paths = [Path(arg) for arg in argv]
    findings = check(paths, root, modules)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} house-rule violation(s).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
