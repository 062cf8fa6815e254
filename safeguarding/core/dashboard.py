"""Panels on the staff dashboard and sections of the public home page.

Each app registers the panels and sections it provides, so the dashboard and home page
grow with the capabilities without knowing about them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    template: str
    order: int
    context: Callable[[HttpRequest], dict]  # request -> template context
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


_HOME_SECTIONS: dict[str, Panel] = {}


def register_home_section(section: Panel) -> None:
    """A section of the partnership's public home page (no permission: it is public)."""
    _HOME_SECTIONS[section.key] = section


def home_sections_for(request) -> list[dict]:
    return [
        {"panel": section, "context": section.context(request)}
        for section in sorted(_HOME_SECTIONS.values(), key=lambda p: p.order)
    ]
