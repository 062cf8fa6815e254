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


def _rows(qs, field: str, labels: dict) -> list[dict]:
    found = {
        row[field]: row["n"] for row in qs.values(field).annotate(n=Count("pk", distinct=True))
    }
    return [
        {"key": key, "label": label, "count": found.get(key, 0)} for key, label in labels.items()
    ]


def _breakdowns(deaths: QuerySet[ChildDeath]) -> dict:
    reviewed = deaths.filter(status__in=[Status.REVIEWED, Status.CLOSED])
    return {
        "total": deaths.count(),
        "by_category": _rows(reviewed, "category", dict(Category.choices)),
        "by_age_band": _rows(deaths, "age_band", dict(AgeBand.choices)),
        "by_expected": _rows(deaths, "expected", {True: "Expected", False: "Unexpected"}),
        "by_modifiable": _rows(
            reviewed,
            "modifiable",
            {True: "Modifiable factors identified", False: "No modifiable factors"},
        ),
        "by_theme": _rows(reviewed, "panel_theme", dict(PanelTheme.choices)),
    }


def _years(deaths: QuerySet[ChildDeath]) -> list[int]:
    return sorted(
        {
            row["year"]
            for row in deaths.annotate(year=ExtractYear("died_on")).values("year").distinct()
        },
        reverse=True,
    )


def figures(*, user, year: int | None = None, partnership: int | None = None) -> dict:
    """The CDOP's own figures (exact: they see the records anyway), scoped to their
    partnerships, for a year of death and a partnership if chosen."""
    deaths = ChildDeath.objects.visible_to(user)
    years = _years(deaths)
    if year:
        deaths = deaths.filter(died_on__year=year)
    if partnership:
        deaths = deaths.filter(partnerships__id=partnership)
    by_year = list(
        deaths.annotate(year=ExtractYear("died_on"))
        .values("year")
        .annotate(
            n=Count("pk", distinct=True),
            unexpected=Count("pk", filter=Q(expected=False), distinct=True),
            modifiable=Count("pk", filter=Q(modifiable=True), distinct=True),
        )
        .order_by("-year")
    )
    by_partnership = list(
        deaths.values("partnerships__id", "partnerships__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("partnerships__name")
    )
    return {
        **_breakdowns(deaths),
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
    with rows of ``{"key", "label", "count"}``; one query per breakdown."""
    counts: dict = {}
    years: set[int] = set()
    found = {}
    for name, field, _labels in breakdowns:
        qs = deaths.values(field)
        if by_year:
            qs = deaths.annotate(year=ExtractYear("died_on")).values("year", field)
        rows = list(qs.annotate(n=Count("pk", distinct=True)))
        found[name] = rows
        years.update(row["year"] for row in rows if by_year)
    columns: list = sorted(years, reverse=True) + [ALL_YEARS]
    groups: list[disclosure.Group] = []
    for name, field, labels in breakdowns:
        keys = [*labels, NOT_RECORDED]
        for column in columns:
            for key in keys:
                counts[(column, name, key)] = 0
        for row in found[name]:
            key = row[field] if row[field] in labels else NOT_RECORDED
            column = row["year"] if by_year else ALL_YEARS
            counts[(column, name, key)] += row["n"]
            if column != ALL_YEARS:
                counts[(ALL_YEARS, name, key)] += row["n"]
        for column in columns:
            total = sum(counts[(column, name, key)] for key in keys)
            counts[(column, "total")] = total
            groups.append(
                disclosure.Group(tuple((column, name, key) for key in keys), (column, "total"))
            )
        if by_year:
            for key in keys:
                groups.append(
                    disclosure.Group(
                        tuple((year, name, key) for year in columns[:-1]),
                        (ALL_YEARS, name, key),
                    )
                )
    if not breakdowns:
        counts[(ALL_YEARS, "total")] = deaths.count()
    if by_year:
        groups.append(
            disclosure.Group(tuple((year, "total") for year in columns[:-1]), (ALL_YEARS, "total"))
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
