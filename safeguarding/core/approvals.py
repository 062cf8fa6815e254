"""Everything waiting on a person's approval, from every capability.

Each app registers a source: the permission of the people who approve, the records waiting
for them (scoped to what the person may see) and the page with the full list. The dashboard's
"Waiting for your approval" panel lists them; the apps email the approvers when something
starts waiting (``approvers_of``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from safeguarding.core import ordering
from safeguarding.core.permissions import partnerships_where


@dataclass(frozen=True)
class Waiting:
    kind: str  # "Key message to approve"
    title: str
    href: str
    since: datetime.date | datetime.datetime | None = None


@dataclass(frozen=True)
class Source:
    key: str
    label: str  # "Key messages to approve"
    permission: str  # held by the people who approve
    waiting: Callable[[object], Iterable[Waiting]]  # user -> what waits for them
    # user -> how many wait, in one query (the dashboard's panel shows only counts); the
    # source's items are all of one ``kind``. Without it the items are listed and counted.
    count: Callable[[object], int] | None = None
    kind: str = ""


# The order of what waits for approval (the approvals page and the dashboard's panel), in
# one place (core.ordering).
SOURCE_ORDER: tuple[str, ...] = ("key-messages", "minutes", "impact-evidence", "audit-returns")

_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.key] = source


def sources_for(user) -> list[Source]:
    return [
        s
        for s in ordering.in_order(_SOURCES.values(), SOURCE_ORDER, lambda s: s.key)
        if user.has_perm(s.permission)
    ]


def applies_to(user) -> bool:
    return bool(sources_for(user))


def waiting_for(user, *, limit: int | None = None) -> list[Waiting]:
    found: list[Waiting] = []
    for source in sources_for(user):
        found.extend(source.waiting(user))
    return found[:limit] if limit else found


def counts_for(user) -> list[tuple[str, int]]:
    """How many things of each kind wait for the person, in source order; kinds with none
    waiting are left out. One count query per source that can count."""
    counts: dict[str, int] = {}
    for source in sources_for(user):
        if source.count is not None:
            counts[source.kind] = counts.get(source.kind, 0) + source.count(user)
            continue
        for item in source.waiting(user):
            counts[item.kind] = counts.get(item.kind, 0) + 1
    return [(kind, n) for kind, n in counts.items() if n]


__all__ = [
    "Source",
    "Waiting",
    "applies_to",
    "counts_for",
    "partnerships_where",
    "waiting_for",
]
