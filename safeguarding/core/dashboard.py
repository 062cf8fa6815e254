"""Panels on the staff dashboard. Each app registers the panels it provides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    order: int
    context: Callable[[object], dict]  # request -> template context
    permission: str | None = None


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def panels_for(request) -> list[dict]:
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: p.order):
        if panel.permission and not request.user.has_perm(panel.permission):
            continue
        shown.append({"panel": panel, "context": panel.context(request)})
    return shown
