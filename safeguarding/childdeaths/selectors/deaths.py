"""The CDOP's reads: the list with its clocks, one record, and the figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.childdeaths import disclosure
from safeguarding.childdeaths.clocks import targets
from safeguarding.childdeaths.models import (
    AgeBand,
    AgencyReport,
    Category,
    CdopRecommendation,
    ChildDeath,
    PanelTheme,
    Status,
)
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import CHILD_DEATH_REVIEW

SMALL_NUMBER = disclosure.SMALL_NUMBER
SUPPRESSED = disclosure.WITHHELD
ALL_YEARS = "all"
NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class DeathFilter:
    status: str = ""
    year: int | None = None
    partnership: int | None = None
    overdue_reports: bool = False


def death_list(*, user, filters: DeathFilter | None = None) -> QuerySet[ChildDeath]:
    """The deaths the user may see, with what the list's clocks need, in a fixed number of
    queries whatever the number of rows."""
    filters = filters or DeathFilter()
    today = timezone.localdate()
    deaths = ChildDeath.objects.visible_to(user)
    if filters.status:
        deaths = deaths.filter(status=filters.status)
    if filters.year:
        deaths = deaths.filter(died_on__year=filters.year)
    if filters.partnership:
        deaths = deaths.filter(partnerships__id=filters.partnership)
    deaths = deaths.annotate(
        reports_asked=Count("agency_reports", distinct=True),
        reports_in=Count(
            "agency_reports", filter=Q(agency_reports__submitted_on__isnull=False), distinct=True
        ),
        reports_overdue=Count(
            "agency_reports",
            filter=Q(agency_reports__submitted_on__isnull=True, agency_reports__due_on__lt=today),
            distinct=True,
        ),
    )
    if filters.overdue_reports:
        deaths = deaths.filter(
            Exists(
                AgencyReport.objects.filter(
                    child_death=OuterRef("pk"), submitted_on__isnull=True, due_on__lt=today
                )
            )
        )
    return deaths.prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.order_by("name"))
    ).order_by("-died_on", "reference")


def death_get(*, user, pk: int) -> ChildDeath | None:
    return (
        ChildDeath.objects.visible_to(user)
        .select_related("notifying_agency", "recorded_by")
        .prefetch_related(
            "partnerships",
            "modifiable_factors",
            "themes",
            Prefetch(
                "agency_reports",
                queryset=AgencyReport.objects.select_related("agency", "submitted_by"),
            ),
            "recommendations__owner_agency",
        )
        .filter(pk=pk)
        .first()
    )


def _years(deaths: QuerySet[ChildDeath]) -> list[int]:
    """The years of death, newest first (ten rows, not one per death: no ordering columns
    in the DISTINCT)."""
    return sorted(
        {
            row["year"]
            for row in deaths.order_by()
            .annotate(year=ExtractYear("died_on"))
            .values("year")
            .distinct()
        },
        reverse=True,
    )


def _count_by(
    deaths: QuerySet[ChildDeath],
    breakdowns,
    *,
    by_year: bool,
    within: dict[str, Q] | None = None,
    extra: dict[str, Count] | None = None,
) -> dict:
    """Every breakdown's counts in one query: ``{year: {"n": deaths, (name, key): count,
    extra name: count}}`` for each year of death (``by_year``) or ``{ALL_YEARS: ...}``.
    Conditional counts over one pass of the rows, instead of one grouped query per
    breakdown (each of which worked out every death's year again). ``within`` narrows a
    breakdown to some of the deaths (the panel's findings count reviewed deaths only)."""
    aggregates: dict[str, Count] = {"n": Count("pk", distinct=True)}
    aliases: dict = {}
    for number, (alias, aggregate) in enumerate((extra or {}).items()):
        aggregates[f"extra_{number}"] = aggregate
        aliases[alias] = f"extra_{number}"
    for b, (name, field, labels) in enumerate(breakdowns):
        narrower = (within or {}).get(name)
        for k, key in enumerate(labels):
            condition = Q(**{field: key})
            if narrower is not None:
                condition &= narrower
            aggregates[f"count_{b}_{k}"] = Count("pk", filter=condition, distinct=True)
            aliases[(name, key)] = f"count_{b}_{k}"
    deaths = deaths.order_by()
    rows: list[dict]
    if by_year:
        grouped = deaths.annotate(year=ExtractYear("died_on")).values("year")
        rows = [dict(row) for row in grouped.annotate(**aggregates)]
    else:
        rows = [{"year": ALL_YEARS, **deaths.aggregate(**aggregates)}]
    return {
        row["year"]: {"n": row["n"], **{key: row[alias] for key, alias in aliases.items()}}
        for row in rows
    }


REVIEWED = Q(status__in=[Status.REVIEWED, Status.CLOSED])
STAFF_BREAKDOWNS: tuple[tuple[str, str, dict], ...] = (
    ("by_category", "category", dict(Category.choices)),
    ("by_age_band", "age_band", dict(AgeBand.choices)),
    ("by_expected", "expected", {True: "Expected", False: "Unexpected"}),
    (
        "by_modifiable",
        "modifiable",
        {True: "Modifiable factors identified", False: "No modifiable factors"},
    ),
    ("by_theme", "panel_theme", dict(PanelTheme.choices)),
)
# The panel's findings: counted over the deaths it has reviewed.
STAFF_WITHIN = {"by_category": REVIEWED, "by_modifiable": REVIEWED, "by_theme": REVIEWED}


def figures(*, user, year: int | None = None, partnership: int | None = None) -> dict:
    """The CDOP's own figures (exact: they see the records anyway), scoped to their
    partnerships, for a year of death and a partnership if chosen: every count by year of
    death in one query, then the deaths by partnership (two queries, three with a
    partnership chosen, whatever the number of deaths)."""
    visible = ChildDeath.objects.visible_to(user)
    deaths = visible.filter(partnerships__id=partnership) if partnership else visible
    found = _count_by(
        deaths,
        STAFF_BREAKDOWNS,
        by_year=True,
        within=STAFF_WITHIN,
        extra={
            "unexpected": Count("pk", filter=Q(expected=False), distinct=True),
            "modifiable": Count("pk", filter=Q(modifiable=True), distinct=True),
        },
    )
    years = _years(visible) if partnership else sorted(found, reverse=True)
    shown = [found[y] for y in sorted(found, reverse=True) if not year or y == year]
    by_year = [
        {"year": y, "n": row["n"], "unexpected": row["unexpected"], "modifiable": row["modifiable"]}
        for y, row in sorted(found.items(), reverse=True)
        if not year or y == year
    ]
    if year:
        deaths = deaths.filter(died_on__year=year)
    by_partnership = list(
        deaths.values("partnerships__id", "partnerships__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("partnerships__name")
    )
    breakdowns = {
        name: [
            {"key": key, "label": label, "count": sum(row[(name, key)] for row in shown)}
            for key, label in labels.items()
        ]
        for name, _field, labels in STAFF_BREAKDOWNS
    }
    return {
        "total": sum(row["n"] for row in shown),
        **breakdowns,
        "years": years,
        "by_year": by_year,
        "by_partnership": by_partnership,
    }


BREAKDOWNS: tuple[tuple[str, str, dict], ...] = (
    ("by_category", "category", dict(Category.choices)),
    ("by_age_band", "age_band", dict(AgeBand.choices)),
    ("by_expected", "expected", {True: "Expected", False: "Unexpected"}),
    (
        "by_modifiable",
        "modifiable",
        {True: "Modifiable factors identified", False: "No modifiable factors"},
    ),
    ("by_theme", "panel_theme", dict(PanelTheme.choices)),
)


def protected_breakdowns(
    deaths: QuerySet[ChildDeath], *, by_year: bool, breakdowns=BREAKDOWNS
) -> dict:
    """Counts of ``deaths`` by each breakdown, for every year of death (when ``by_year``)
    and for all of them, as they may be shown outside the CDOP: every table, row and total
    through :func:`disclosure.protect`, as one set of linked tables (a year's total is the
    same cell in every breakdown, and each breakdown's all-years count is the sum of its
    years), so no withheld count can be worked out from what is shown. A value the panel
    did not record is counted as “Not recorded”, so that every breakdown adds up.

    Returns ``{"years": [...], "columns": {year or ALL_YEARS: {"total": ..., key: rows}}}``
    with rows of ``{"key", "label", "count"}``; one query (``_count_by``)."""
    counts: dict = {}
    found = _count_by(deaths, breakdowns, by_year=by_year)
    years = sorted((year for year in found if year != ALL_YEARS), reverse=True)
    columns: list = [*years, ALL_YEARS]
    for column in columns:
        counts[(column, "total")] = 0
    for year, row in found.items():
        counts[(year, "total")] = row["n"]
        if year != ALL_YEARS:
            counts[(ALL_YEARS, "total")] += row["n"]
    groups: list[disclosure.Group] = []
    for name, _field, labels in breakdowns:
        keys = [*labels, NOT_RECORDED]
        for column in columns:
            for key in keys:
                counts[(column, name, key)] = 0
        for year, row in found.items():
            known = 0
            for key in labels:
                counts[(year, name, key)] += row[(name, key)]
                known += row[(name, key)]
            # A value the panel did not record (or one no longer offered).
            counts[(year, name, NOT_RECORDED)] += row["n"] - known
            if year != ALL_YEARS:
                for key in keys:
                    counts[(ALL_YEARS, name, key)] += counts[(year, name, key)]
        for column in columns:
            groups.append(
                disclosure.Group(tuple((column, name, key) for key in keys), (column, "total"))
            )
        if by_year:
            for key in keys:
                groups.append(
                    disclosure.Group(
                        tuple((year, name, key) for year in years),
                        (ALL_YEARS, name, key),
                    )
                )
    if by_year:
        groups.append(
            disclosure.Group(tuple((year, "total") for year in years), (ALL_YEARS, "total"))
        )
    shown = disclosure.protect(counts, groups)
    result: dict = {"years": columns[:-1], "columns": {}}
    for column in columns:
        table: dict = {"total": shown[(column, "total")]}
        for name, _field, labels in breakdowns:
            rows = [
                {"key": key, "label": label, "count": shown[(column, name, key)]}
                for key, label in labels.items()
            ]
            if counts[(ALL_YEARS, name, NOT_RECORDED)]:
                rows.append(
                    {
                        "key": NOT_RECORDED,
                        "label": "Not recorded",
                        "count": shown[(column, name, NOT_RECORDED)],
                    }
                )
            table[name] = rows
        result["columns"][column] = table
    return result


def public_figures(*, year: int | None = None) -> dict:
    """Aggregate figures for everyone: deaths reviewed by the panel, by year of death, with
    small counts and the counts that would reveal them withheld, and nothing else."""
    deaths = ChildDeath.objects.filter(status__in=[Status.REVIEWED, Status.CLOSED])
    tables = protected_breakdowns(deaths, by_year=True)
    years = tables["years"]
    if year and year not in years:  # no death of that year reviewed: nothing to withhold
        empty = tables["columns"][ALL_YEARS]
        return {
            "years": years,
            "year": year,
            "total": 0,
            **{
                name: [{**row, "count": 0} for row in empty[name]]
                for name, _field, _labels in BREAKDOWNS
            },
        }
    return {"years": years, "year": year, **tables["columns"][year or ALL_YEARS]}


def reviewed_in_period_figures(
    *, partnership_ids: list[int], start: datetime.date, end: datetime.date
) -> dict:
    """For a partnership's yearly report (public once published): the deaths of its
    partnerships the panel reviewed in the period, by each breakdown, withheld as on the
    public page."""
    deaths = ChildDeath.objects.filter(
        status__in=[Status.REVIEWED, Status.CLOSED],
        panel_reviewed_on__range=(start, end),
        pk__in=ChildDeath.partnerships.through.objects.filter(
            partnership_id__in=list(partnership_ids)
        ).values("childdeath_id"),
    )
    return protected_breakdowns(deaths, by_year=False)["columns"][ALL_YEARS]


def dashboard_counts(*, user, today: datetime.date) -> dict[str, int]:
    """What waits on a CDOP chair or member, counted over the deaths they may see (two
    queries whatever the number of deaths): cases not yet reviewed by the panel, how many
    are queued for a meeting and how many are past the death-to-panel target, and the
    agency reports overdue with the cases they hold up."""
    deaths = ChildDeath.objects.visible_to(user)
    late = today - datetime.timedelta(days=targets()["panel_days"])
    awaiting = deaths.filter(status__in=[Status.NOTIFIED, Status.QUEUED]).aggregate(
        awaiting=Count("pk"),
        queued=Count("pk", filter=Q(status=Status.QUEUED)),
        past_target=Count("pk", filter=Q(died_on__lt=late)),
    )
    overdue = AgencyReport.objects.filter(
        child_death__in=deaths.values("pk"), submitted_on__isnull=True, due_on__lt=today
    ).aggregate(reports=Count("pk"), cases=Count("child_death", distinct=True))
    return {
        "awaiting": awaiting["awaiting"],
        "queued": awaiting["queued"],
        "past_target": awaiting["past_target"],
        "panel_days": targets()["panel_days"],
        "reports_overdue": overdue["reports"],
        "cases_with_overdue_reports": overdue["cases"],
    }


def clock_today() -> datetime.date:
    return timezone.localdate()


def recommendation_get(*, user, pk: int) -> CdopRecommendation | None:
    return (
        CdopRecommendation.objects.visible_to(user)
        .select_related("child_death", "owner_agency")
        .filter(pk=pk)
        .first()
    )


def cdop_partnerships(*, user) -> QuerySet[Partnership]:
    """The partnerships whose child deaths the user reviews."""
    return Partnership.objects.filter(pk__in=partnerships_where(user, CHILD_DEATH_REVIEW)).order_by(
        "name"
    )


def agencies_of(*, partnership_ids) -> QuerySet[Agency]:
    return Agency.objects.filter(partnerships__in=list(partnership_ids)).distinct().order_by("name")


def panel_pack(*, user, meeting_id: int) -> list[ChildDeath]:
    """The deaths the user may see that are queued for (or reviewed at) one panel meeting,
    with their agency reports, for the meeting's pack."""
    return list(
        ChildDeath.objects.visible_to(user)
        .filter(panel_meeting_id=meeting_id)
        .select_related("notifying_agency")
        .prefetch_related(
            "modifiable_factors",
            Prefetch("agency_reports", queryset=AgencyReport.objects.select_related("agency")),
        )
        .order_by("reference")
    )
