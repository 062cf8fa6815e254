"""Actions and recommendations: one tracker for every open action the partnership follows up.

Meeting actions, case-review recommendations and audit actions live in their own apps. Each
app registers a source here (in its ``capabilities.py``) that lists the open items a person
may see, already scoped by that app's ``visible_to`` rules, so the tracker page merges them
without knowing any domain model. A source whose items are confidential also gives
``shown``: it is told which of its items a page showed, and logs that read its own way.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from safeguarding.core import ordering


@dataclass(frozen=True)
class TrackerItem:
    source: str  # the source's key
    source_label: str  # "Meeting action", "Review recommendation", "Audit action"
    pk: int
    title: str
    context: str  # where it came from: the meeting, the review, the audit
    owner_name: str
    agency_name: str
    agency_id: int | None
    due_on: datetime.date | None
    status_label: str
    url: str
    is_open: bool = True
    confidential: bool = False  # seeing it is logged by its source's ``shown``

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())

    def overdue_on(self, today: datetime.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class TrackerSource:
    key: str
    label: str  # plural, for filters and counts: "Meeting actions"
    items: Callable[[object], Iterable[TrackerItem]]  # user -> the open items they may see
    permission: str | None = None  # the source is skipped for people without it
    shown: Callable[[object, list[TrackerItem]], None] | None = field(default=None)
    # (request, the items of this source a page showed) -> None: logs confidential reads


_URL_MARKER = 987654321


def detail_url(viewname: str) -> Callable[[int], str]:
    """pk -> the address of one record, reversing the URL pattern once: a source lists every
    open item to sort and count them, and one ``reverse`` per item was a tenth of the page."""
    template = reverse(viewname, args=[_URL_MARKER])
    head, _, tail = template.partition(str(_URL_MARKER))
    return lambda pk: f"{head}{pk}{tail}"


# The order of the sources on the tracker page (its filter and its counts), in one
# place (core.ordering): apps register without numbers.
SOURCE_ORDER: tuple[str, ...] = (
    "meeting-actions",
    "review-recommendations",
    "child-death-recommendations",
    "audit-actions",
    "inspection-actions",
)

_SOURCES: dict[str, TrackerSource] = {}


def register(source: TrackerSource) -> None:
    _SOURCES[source.key] = source


def sources_for(user) -> list[TrackerSource]:
    return [
        source
        for source in ordering.in_order(_SOURCES.values(), SOURCE_ORDER, lambda s: s.key)
        if not source.permission or user.has_perm(source.permission)
    ]


def sort_key(item: TrackerItem, today: datetime.date | None = None) -> tuple:
    """Overdue first, then by due date (undated last), then by source and title."""
    return (
        not item.overdue_on(today or timezone.localdate()),
        item.due_on is None,
        item.due_on or datetime.date.max,
        item.source_label,
        item.title.lower(),
        item.pk,
    )


@dataclass(frozen=True)
class TrackerFilter:
    source: str = ""
    agency: int | None = None
    overdue: bool = False


def tracker_items(*, user, sources: list[TrackerSource]) -> list[TrackerItem]:
    """Every open item of the given sources that the user may see, overdue first."""
    items = [item for source in sources for item in source.items(user) if item.is_open]
    today = timezone.localdate()
    return sorted(items, key=lambda item: sort_key(item, today))


def tracker_filtered(items: list[TrackerItem], filters: TrackerFilter) -> list[TrackerItem]:
    today = timezone.localdate()
    return [
        item
        for item in items
        if (not filters.source or item.source == filters.source)
        and (not filters.agency or item.agency_id == filters.agency)
        and (not filters.overdue or item.overdue_on(today))
    ]


def tracker_summary(items: list[TrackerItem], sources: list[TrackerSource]) -> dict:
    """Counts of open and overdue items, in total and for each source."""
    today = timezone.localdate()
    counts = {source.key: [0, 0] for source in sources}
    overdue = 0
    for item in items:
        late = item.overdue_on(today)
        overdue += late
        if item.source in counts:
            counts[item.source][0] += 1
            counts[item.source][1] += late
    return {
        "open": len(items),
        "overdue": overdue,
        "sources": [
            {"source": source, "open": counts[source.key][0], "overdue": counts[source.key][1]}
            for source in sources
        ],
    }


def tracker_agencies(items: list[TrackerItem]) -> list[tuple[int, str]]:
    """The owner agencies of the items, for the filter: (id, name) by name."""
    found = {item.agency_id: item.agency_name for item in items if item.agency_id}
    return sorted(found.items(), key=lambda pair: pair[1].lower())


def tracker_record_shown(request, sources: list[TrackerSource], shown: list[TrackerItem]) -> None:
    """Tell each source with confidential items which of its items the page showed."""
    for source in sources:
        if source.shown is not None:
            source.shown(request, [item for item in shown if item.source == source.key])
