"""Every audit event the system can write, read from each app's ``audit_events.py``.

An app declares the codes it writes in ``safeguarding/<app>/audit_events.py``::

    EVENTS = {
        "reviews.review.publish": "Someone recorded the publication of a review.",
    }

A code has one depth, ``app.entity.verb``, starting with the label of the app that declares it
(an app writing into another app's records declares the code in that app's file). How the
change came in (a page, the API, the command line, a scheduled job) is not part of the code:
it is ``AuditEvent.channel``.

``audit_record`` refuses an undeclared code when ``settings.AUDIT_STRICT_CODES`` is on (in
development and in tests), so a missed declaration fails a test; in production it is off, so
a missed declaration never loses an audit record.

Codes written before the catalogue (``review.publish``, ``notifications.list_viewed (API)``,
``admin.user.changed``) stay in the log as written; ``current_code`` reads them as today's code
so the audit log and the catalogue page can still describe them (ADR 0021).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps

MODULE = "audit_events"
CODE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_API_SUFFIX = " (API)"


class UndeclaredAuditEvent(ValueError):
    """An audit event code that no app's audit_events.py declares."""


@dataclass(frozen=True)
class DeclaredEvent:
    code: str
    description: str
    app_label: str


@dataclass(frozen=True)
class AppEvents:
    app_label: str
    app_name: str  # the app's verbose name
    path: str  # where its events are declared
    events: tuple[DeclaredEvent, ...]


def _project_apps():
    return [config for config in apps.get_app_configs() if config.name.startswith("safeguarding.")]


def declaration_path(app_label: str) -> str:
    return f"safeguarding/{app_label}/{MODULE}.py"


@cache
def by_app() -> tuple[AppEvents, ...]:
    """Each app's declared events, apps in alphabetical order, codes sorted."""
    found = []
    for config in sorted(_project_apps(), key=lambda config: config.label):
        module_name = f"{config.name}.{MODULE}"
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue  # an app that writes no audit event
            raise
        declared = getattr(module, "EVENTS", {})
        events = tuple(
            DeclaredEvent(code=code, description=description, app_label=config.label)
            for code, description in sorted(declared.items())
        )
        found.append(
            AppEvents(
                app_label=config.label,
                app_name=str(config.verbose_name),
                path=declaration_path(config.label),
                events=events,
            )
        )
    return tuple(found)


@cache
def catalogue() -> dict[str, DeclaredEvent]:
    """Every declared code and its declaration."""
    return {event.code: event for app in by_app() for event in app.events}


def is_declared(code: str) -> bool:
    return code in catalogue()


def undeclared_message(code: str) -> str:
    """What is wrong and how to fix it, naming the file to declare the code in."""
    app_label = code.split(".", 1)[0]
    known = {config.label for config in _project_apps()}
    if not CODE.match(code) or app_label not in known:
        return (
            f"Audit event code {code!r} is not declared. Codes have the form app.entity.verb, "
            f"starting with the app's label (one of: {', '.join(sorted(known))}), with no "
            f"channel such as '(API)' on the end. Declare it in EVENTS in "
            f"safeguarding/<app>/{MODULE}.py with one sentence saying what happened."
        )
    return (
        f"Audit event code {code!r} is not declared. Add it to EVENTS in "
        f"{declaration_path(app_label)} (create the file if it has none), with one sentence "
        f'saying what happened: EVENTS = {{"{code}": "Someone …."}}.'
    )


def require_declared(code: str) -> None:
    if not is_declared(code):
        raise UndeclaredAuditEvent(undeclared_message(code))


# Codes written before the catalogue, read as today's code. The rule for the rest: a code of
# two parts gains its app's label in front (``meeting.scheduled`` is
# ``governance.meeting.scheduled``); a channel glued onto the end (" (API)") is dropped.
RENAMED = {
    "admin.*.added": "core.admin_record.added",
    "admin.*.changed": "core.admin_record.changed",
    "admin.*.deleted": "core.admin_record.deleted",
    "reviews.clock_breached": "reviews.clock.breached",
    "reviews.clock_due_soon": "reviews.clock.due_soon",
    "reviews.list_viewed": "reviews.reviews.list_viewed",
    "reviews.commissioned_panel_viewed": "reviews.reviews.commissioned_panel_viewed",
    "record.viewed": "core.record.viewed",
    "theme.created": "planning.theme.created",
    "theme.updated": "planning.theme.updated",
    "priority.created": "planning.priority.created",
    "priority.updated": "planning.priority.updated",
}


@cache
def _by_old_suffix() -> dict[str, str]:
    """``entity.verb`` -> ``app.entity.verb`` for every declared code."""
    found: dict[str, str] = {}
    for code in catalogue():
        found.setdefault(code.split(".", 1)[1], code)
    return found


def current_code(code: str) -> str:
    """Today's code for a code as written in the log (itself when it is current)."""
    code = code.removesuffix(_API_SUFFIX)
    if code in catalogue():
        return code
    if code in RENAMED:
        return RENAMED[code]
    parts = code.split(".")
    if len(parts) == 3 and parts[0] == "admin":
        return RENAMED.get(f"admin.*.{parts[2]}", code)
    if len(parts) == 2:
        return _by_old_suffix().get(code, code)
    return code


def describe(code: str) -> str:
    """What an event code (current or from before the catalogue) means; empty when unknown."""
    declared = catalogue().get(current_code(code))
    return declared.description if declared else ""


def channel_of_old_code(code: str) -> str:
    """The channel an event written before the channel was kept came through, where its code
    says so ("(API)" on the end); empty otherwise."""
    return "api" if code.endswith(_API_SUFFIX) else ""
