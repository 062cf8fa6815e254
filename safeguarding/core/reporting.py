"""The figures of the yearly report: each capability registers what it contributes.

The yearly report (``safeguarding.reports``) never imports a domain app. Each app that has
figures for it keeps a ``reporting.py`` computing them from its own selectors and registers a
:class:`FigureSource` in its ``capabilities.py``::

    reporting.register(reporting.FigureSource(
        key="training", section="training", figures=reporting_figures))

and places its key in ``FIGURE_SOURCE_ORDER`` here (the order of the sources within a section).

``figures(partnership_ids, start, end)`` returns a :class:`Contribution`: headline figures,
tables (a table may be drawn as a bar chart, always beside its numbers) and ``facts`` the
report's quality checks read (``{"training_impact_evidenced": True}``). Everything in a
contribution is plain JSON once :meth:`Contribution.as_dict` has run, so the report freezes
it as a snapshot at sign-off and a published report never changes when later data does.

The report's sections are fixed here (they follow Working Together and the national analyses of
yearly reports); a source names the section its figures belong to. A section no installed app
fills still has its narrative.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from safeguarding.core import ordering


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    hint: str  # what the narrative should say


SECTIONS: tuple[ReportSection, ...] = (
    ReportSection("foreword", "Foreword", "A few words from the lead safeguarding partners."),
    ReportSection(
        "area",
        "Our area and its children",
        "The children who live here: how many, the schools and settings, deprivation and "
        "ethnicity, with the sources of the figures.",
    ),
    ReportSection(
        "arrangements",
        "The partnership and its arrangements",
        "How the partnership is organised: its bodies, chairs, members and relevant agencies.",
    ),
    ReportSection(
        "contributions",
        "What our partners did",
        "Each statutory partner's and relevant agency's own account of the year: what they did, "
        "its impact, their challenges and next year's priorities.",
    ),
    ReportSection(
        "priorities",
        "Our priorities and progress",
        "Progress on each priority, with evidence of impact, and why any made little progress.",
    ),
    ReportSection(
        "reviews",
        "What we did as a result of reviews",
        "Notifications, rapid reviews, reviews published, their themes and what changed.",
    ),
    ReportSection(
        "child_deaths",
        "Child death reviews",
        "Deaths the child death overview panel reviewed, by category, age and modifiable "
        "factors, and the learning that followed (small numbers are never shown).",
    ),
    ReportSection(
        "assurance",
        "Assurance: audits and self-assessments",
        "Section 11 and Section 175/157 returns, case audits and what they found.",
    ),
    ReportSection(
        "training",
        "Learning and development",
        "Who we trained, what they thought of it and what changed three months later.",
    ),
    ReportSection(
        "key_data", "Key data", "What the data tells us, compared with earlier years and others."
    ),
    ReportSection(
        "voice",
        "The voice of children and families",
        "What children and families told us and how it changed services.",
    ),
    ReportSection(
        "communications", "Communications", "Bulletins, resources and campaigns, and their reach."
    ),
    ReportSection(
        "education", "Education settings", "How schools, colleges and early years take part."
    ),
    ReportSection(
        "scrutiny",
        "Independent scrutiny",
        "What the independent scrutineer found and how the partners responded.",
    ),
    ReportSection("inspections", "Inspections", "Inspections in the year and what followed."),
    ReportSection(
        "finance", "Budget and contributions", "Each partner's contribution, spend and reserve."
    ),
    ReportSection("next_year", "Next year's plans", "What the partnership will do next year."),
    ReportSection("glossary", "Glossary", "The abbreviations and terms the report uses."),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)


def section(key: str) -> ReportSection:
    for found in SECTIONS:
        if found.key == key:
            return found
    raise LookupError(f"The yearly report has no section {key!r}.")


@dataclass
class Figure:
    label: str
    value: int | float | str | None
    unit: str = ""  # "%", "£", "" for a count

    @property
    def display(self) -> str:
        if self.value is None:
            return "Not available"
        if isinstance(self.value, float):
            text = f"{self.value:,.1f}"
        elif isinstance(self.value, int):
            text = f"{self.value:,}"
        else:
            text = str(self.value)
        if self.unit == "£":
            return f"£{text}"
        return f"{text}{self.unit}"


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Any]]
    # Drawn as a bar chart of this column (by row label in column 0) beside the table.
    chart_column: int | None = None


@dataclass
class Contribution:
    title: str = ""
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    source_link: str = ""  # the platform page these figures come from (for "fix it" links)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Freezing:
    """A report's figures were frozen at sign-off (passed to the sources that want to know,
    inside the sign-off's transaction)."""

    report_title: str
    partnership_ids: list[int]
    start: datetime.date
    end: datetime.date
    frozen_at: datetime.datetime
    actor: Any = None
    job: str | None = None


@dataclass(frozen=True)
class FigureSource:
    key: str  # "reviews", "training"
    section: str  # one of SECTION_KEYS
    figures: Callable[[list[int], datetime.date, datetime.date], Contribution]
    # Called when a report freezes with this source's stored contribution(s) in it: a source
    # whose records must not change after sign-off (agency contributions) locks them here.
    on_freeze: Callable[[list[dict[str, Any]], Freezing], None] | None = None


# The order of the figure sources, in one place (core.ordering): a section shows its
# sources' contributions in this order. Grouped by section, in the order of SECTIONS.
FIGURE_SOURCE_ORDER: tuple[str, ...] = (
    "area_profile",
    "arrangements",
    "agency_contributions",
    "priorities",
    "reviews",
    "child_deaths",
    "assurance",
    "training",
    "key_data",
    "library.voice",
    "comms.bulletins",
    "library.resources",
    "library.campaigns",
    "library.procedures",
    "inspections",
    "finance",
)

_SOURCES: dict[str, FigureSource] = {}


@dataclass(frozen=True)
class ReportScope:
    """A yearly report as another app may know it without importing the reports app: whose
    it is (its partnership and, for a joint report, the others), its period and title. Read
    from the report's own record, never from an address, so a page that acts for a report
    (starting its agencies' contributions) cannot be pointed at other partnerships."""

    report_id: int
    title: str
    partnership_id: int
    joint_partnership_ids: tuple[int, ...]
    start: datetime.date
    end: datetime.date

    @property
    def partnership_ids(self) -> tuple[int, ...]:
        return (self.partnership_id, *self.joint_partnership_ids)


_REPORT_SCOPE: list[Callable[[Any, int], ReportScope | None]] = []


def register(source: FigureSource) -> None:
    if source.section not in SECTION_KEYS:
        raise LookupError(f"The yearly report has no section {source.section!r}.")
    _SOURCES[source.key] = source


def register_report_scope(resolver: Callable[[Any, int], ReportScope | None]) -> None:
    """The reports app registers how a report's scope is read (``resolver(user, report_id)``
    returns it when the person manages that report, None otherwise)."""
    _REPORT_SCOPE[:] = [resolver]


def report_scope(*, user, report_id: int) -> ReportScope | None:
    """The scope of report ``report_id`` when ``user`` may manage it (its business unit);
    None when there is no such report, it is not theirs, or no app keeps reports."""
    if not _REPORT_SCOPE:
        return None
    return _REPORT_SCOPE[0](user, report_id)


def sources(section_key: str | None = None) -> list[FigureSource]:
    found = ordering.in_order(_SOURCES.values(), FIGURE_SOURCE_ORDER, lambda s: s.key)
    return [s for s in found if section_key is None or s.section == section_key]


def collect(
    *, partnership_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[str, list[dict[str, Any]]]:
    """Every registered source's contribution for the partnerships and period, as JSON by
    section key (every section present, empty when nothing fills it).

    The caller has already decided the person may see the report these figures are for."""
    ids = sorted(set(partnership_ids))
    result: dict[str, list[dict[str, Any]]] = {key: [] for key in SECTION_KEYS}
    for source in sources():
        contribution = source.figures(ids, start, end)
        data = contribution.as_dict()
        data["source"] = source.key
        result[source.section].append(data)
    return result


def frozen(*, figures: dict[str, list[dict[str, Any]]], freezing: Freezing) -> None:
    """Tell each source with an ``on_freeze`` hook that a report froze with its figures.

    The reports app calls this inside the transaction that freezes the report, so a source's
    lock and the report's snapshot are written together or not at all."""
    for source in sources():
        if source.on_freeze is None:
            continue
        stored = [c for c in figures.get(source.section, []) if c.get("source") == source.key]
        if stored:
            source.on_freeze(stored, freezing)
