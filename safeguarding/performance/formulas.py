"""Formulas of derived indicators, such as ``100 * {assessments} / {referrals}``.

A formula names other indicators by their key in braces and may use numbers, + - * / and
brackets — nothing else (no function calls, no names, no attributes), so a formula can
never run code. Pure functions, no database.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal, DivisionByZero, InvalidOperation

REFERENCE = re.compile(r"\{\s*([a-z0-9][a-z0-9_-]*)\s*\}")


class FormulaError(ValueError):
    """The formula cannot be used; the message says why and how to write it."""


def references(formula: str) -> list[str]:
    """The indicator keys a formula uses, in order of first use."""
    seen: list[str] = []
    for key in REFERENCE.findall(formula or ""):
        if key not in seen:
            seen.append(key)
    return seen


def _substituted(formula: str) -> tuple[str, dict[str, str]]:
    names: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        key = match.group(1)
        for name, known in names.items():
            if known == key:
                return name
        name = f"ref_{len(names)}"
        names[name] = key
        return name

    return REFERENCE.sub(replace, formula), names


_ALLOWED_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


def _check(node: ast.AST, names: dict[str, str]) -> None:
    if isinstance(node, ast.Expression):
        _check(node.body, names)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, _ALLOWED_OPERATORS):
        _check(node.left, names)
        _check(node.right, names)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, names)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return
    elif isinstance(node, ast.Name) and node.id in names:
        return
    else:
        raise FormulaError(
            "A formula may only use indicator keys in braces, numbers, + - * / and "
            "brackets, like 100 * {assessments} / {referrals}."
        )


def parse(formula: str) -> tuple[ast.Expression, dict[str, str]]:
    """Check a formula; answer its syntax tree and the names standing for indicator keys."""
    text = (formula or "").strip()
    if not text:
        raise FormulaError("Enter a formula, like 100 * {assessments} / {referrals}.")
    substituted, names = _substituted(text)
    if "{" in substituted or "}" in substituted:
        raise FormulaError(
            "Each indicator key must be written in braces with lower case letters, numbers "
            "and hyphens, like {referrals}."
        )
    if not names:
        raise FormulaError("A formula must use at least one other indicator, like {referrals}.")
    try:
        tree = ast.parse(substituted, mode="eval")
    except SyntaxError:
        raise FormulaError(
            f"“{text}” is not a complete formula: check the brackets and that every + - * / "
            "has something on both sides."
        ) from None
    _check(tree, names)
    return tree, names


def evaluate(formula: str, values: dict[str, Decimal | None]) -> Decimal | None:
    """The formula's result from the inputs' values; None when an input is missing or a
    division by zero makes the result undefined."""
    tree, names = parse(formula)
    inputs = {name: values.get(key) for name, key in names.items()}
    if any(value is None for value in inputs.values()):
        return None
    try:
        return _evaluate(tree.body, inputs)
    except (DivisionByZero, InvalidOperation, ZeroDivisionError):
        return None


def _evaluate(node: ast.AST, inputs: dict[str, Decimal]) -> Decimal:
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, inputs), _evaluate(node.right, inputs)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise DivisionByZero
        return left / right
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, inputs)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    return inputs[node.id]  # type: ignore[attr-defined]


def find_cycle(key: str, formula: str, formulas: dict[str, str]) -> list[str] | None:
    """The chain of keys that leads back to ``key`` if it used ``formula``, or None.

    ``formulas`` holds the other derived indicators' formulas by key.
    """
    graph = {k: references(f) for k, f in formulas.items() if k != key}
    graph[key] = references(formula)

    def visit(current: str, path: list[str]) -> list[str] | None:
        for nxt in graph.get(current, []):
            if nxt == key:
                return [*path, nxt]
            if nxt in path:
                continue
            found = visit(nxt, [*path, nxt])
            if found:
                return found
        return None

    return visit(key, [key])


def dependency_order(formulas: dict[str, str]) -> list[str]:
    """Derived indicator keys ordered so that each comes after the derived ones it uses."""
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(key: str) -> None:
        if key in ordered or key in visiting:
            return
        visiting.add(key)
        for ref in references(formulas[key]):
            if ref in formulas:
                visit(ref)
        visiting.discard(key)
        ordered.append(key)

    for key in sorted(formulas):
        visit(key)
    return ordered
