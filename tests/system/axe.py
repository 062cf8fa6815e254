"""Runs axe-core in the page and fails with a readable list of WCAG 2.2 AA violations."""

from __future__ import annotations

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class AccessibilityError(AssertionError):
    pass


def axe_violations(page) -> list[dict]:
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run `make assets` (npm install) first.")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol, not added as an inline
        # <script>: the Content Security Policy (rightly) refuses inline scripts.
        page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                   resultTypes: ['violations']})""",
        WCAG_22_AA,
    )
    return result["violations"]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'][:200]}")
        raise AccessibilityError("\n".join(lines))
