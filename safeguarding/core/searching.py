"""One search index behind one interface: what each capability makes searchable.

Each domain app describes its searchable record kinds in its own ``search_documents.py`` and
registers them from its ``capabilities.py``::

    from safeguarding.core import searching
    from safeguarding.training import search_documents

    searching.register(search_documents.COURSES)

A ``Kind`` says which model it indexes, how to turn records into ``Document`` rows (title,
body, url, date, theme ids, partnership, public or not) and — for records that are not
public — which of them a person may see, by reusing the app's own ``visible_to(user)``
queryset, so staff find exactly what the pages show them, never more. The search app keeps
the index table current and answers queries; the theme pages read the same index, so each
kinds are listed in a theme's chain in the order of ``KIND_ORDER`` (declared here, once).

Core imports no domain app: the registry is filled by the apps themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet

from safeguarding.core import ordering


@dataclass(frozen=True)
class Document:
    """One record as the index holds it."""

    object_id: int
    title: str
    body: str
    url: str
    date: date | None
    theme_ids: tuple[int, ...] = ()
    partnership_id: int | None = None
    # A record of several partnerships (a joint body's action) is filed under each: the first
    # in ``partnership_id``, the others here, so each partnership's facet and filter find it.
    # Who may see it is still the kind's ``visible(user)``.
    joint_partnership_ids: tuple[int, ...] = ()
    public: bool = False
    detail: str = ""  # a short fact shown beside the link, e.g. "Impact graded good"
    external: bool = False  # from another partnership or the national panel ("from elsewhere")


@dataclass(frozen=True)
class Kind:
    """A searchable kind of record.

    ``records()`` returns every record of the kind (with what ``documents`` needs already
    selected); ``documents(records)`` turns them into index rows (a record it leaves out is
    not searchable, e.g. a draft nobody outside the business unit may read and that the kind
    chooses not to index). ``visible(user)`` is the app's own scoped queryset of the model:
    a non-public row is shown to a person only when its record is in it. ``None`` means the
    kind only ever indexes public records.
    """

    key: str  # "reviews.review"
    label: str  # "Case review"
    plural: str  # "Case reviews"
    model: type[Model]
    records: Callable[[], QuerySet]
    documents: Callable[[Iterable[Any]], Iterable[Document]]
    visible: Callable[[Any], QuerySet] | None = None
    # Other models whose change alters this kind's documents: (model, path to the record's pk)
    depends_on: tuple[tuple[type[Model], str], ...] = field(default_factory=tuple)
    # Links whose change alters this kind's documents: (a many-to-many through model, the
    # lookup from this kind's records to the record holding the link), e.g. a body's
    # partnerships for the actions of its meetings: ``(Body.partnerships.through,
    # "meeting__body")``.
    depends_on_links: tuple[tuple[type[Model], str], ...] = field(default_factory=tuple)

    @property
    def taggable(self) -> bool:
        """The model carries its own ``themes`` (a briefing takes its review's, so it is not):
        a person may tag its records, e.g. from suggestions ("tag what exists")."""
        themes = next((f for f in self.model._meta.many_to_many if f.name == "themes"), None)
        return themes is not None and themes.related_model._meta.label_lower == "planning.theme"


# The order of the kinds, in one place (core.ordering): a theme's chain, the incident first
# (notifications, rapid reviews, reviews), then what was learnt and done about it.
KIND_ORDER: tuple[str, ...] = (
    "reviews.notification",
    "reviews.rapidreview",
    "reviews.review",
    "search.externalreview",
    "reviews.recommendation",
    "governance.agendaitem",
    "governance.decision",
    "governance.action",
    "reviews.briefing",
    "training.course",
    "assurance.campaign",
    "governance.keymessage",
    "performance.indicator",
    "library.resource",
    "library.procedure",
    "comms.bulletin",
    "library.campaign",
)

_KINDS: dict[str, Kind] = {}
_LISTENERS: list[Callable[[Kind], None]] = []


def register(kind: Kind) -> None:
    """Make a kind searchable; the index keeper is told so it can follow its changes."""
    _KINDS[kind.key] = kind
    for listener in _LISTENERS:
        listener(kind)


def on_register(listener: Callable[[Kind], None]) -> None:
    """Called for every kind registered, before and after this call (the index keeper)."""
    _LISTENERS.append(listener)
    for kind in list(_KINDS.values()):
        listener(kind)


def kinds() -> list[Kind]:
    return ordering.in_order(_KINDS.values(), KIND_ORDER, lambda k: k.key)


def kind(key: str) -> Kind | None:
    return _KINDS.get(key)


def taggable_kinds() -> list[Kind]:
    return [k for k in kinds() if k.taggable]


def kind_for_model(model: type[Model]) -> list[Kind]:
    return [k for k in _KINDS.values() if k.model is model]


# Figures on theme pages -----------------------------------------------------------------
#
# Some capabilities may never list their records on a theme page, only how many there are:
# child deaths are confidential to the people reviewing each death, so a theme page shows
# the child death review partners counts by year with small numbers withheld, and nobody
# else anything. Such a capability registers a ``ThemeFigureSource``; its ``figures(user,
# theme)`` decides who may see what and returns ``None`` for everyone else.


@dataclass(frozen=True)
class ThemeFigures:
    """Counts by year for one theme, as they may be shown (a number, or withheld words)."""

    key: str  # "childdeaths.deaths"
    title: str  # "Child deaths"
    years: tuple[int, ...]  # newest first
    counts: dict[int, int | str]  # a count for each year in ``years``
    total: int | str
    note: str = ""  # e.g. how small numbers are withheld
    link_text: str = ""
    link_url: str = ""


@dataclass(frozen=True)
class ThemeFigureSource:
    key: str
    figures: Callable[[Any, Any], ThemeFigures | None]  # (user, theme)


# The order of the counts-only sections of a theme page, in one place (core.ordering).
THEME_FIGURE_ORDER: tuple[str, ...] = ("childdeaths.deaths",)


_FIGURE_SOURCES: dict[str, ThemeFigureSource] = {}


def register_theme_figures(source: ThemeFigureSource) -> None:
    _FIGURE_SOURCES[source.key] = source


def theme_figures(*, user, theme) -> list[ThemeFigures]:
    """The figures every registered source lets this person see for ``theme``."""
    found = []
    for source in ordering.in_order(_FIGURE_SOURCES.values(), THEME_FIGURE_ORDER, lambda s: s.key):
        figures = source.figures(user, theme)
        if figures is not None:
            found.append(figures)
    return found
