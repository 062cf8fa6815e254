"""Reads for indicators, their figures, comparisons, the key data table and data returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.performance.models import (
    Area,
    AreaKind,
    DataReturn,
    Indicator,
    IndicatorNarrative,
    IndicatorValue,
    Period,
    Rag,
    StatisticalNeighbour,
)
from safeguarding.performance.scoping import (
    business_unit_partnerships,
    performance_partnerships,
)
from safeguarding.planning.models import Priority, Theme

# Partnerships ---------------------------------------------------------------------------


def readable_partnerships(*, user) -> QuerySet[Partnership]:
    return Partnership.objects.filter(pk__in=performance_partnerships(user)).order_by("name")


def managed_partnerships(*, user) -> QuerySet[Partnership]:
    return Partnership.objects.filter(pk__in=business_unit_partnerships(user)).order_by("name")


def partnership_for(
    *, user, slug: str | None, default, allowed_ids: set[int]
) -> Partnership | None:
    """The partnership a page is about: the one asked for, the site's own, or the first
    the user works in — always one the user may see."""
    if slug:
        return Partnership.objects.filter(slug=slug, pk__in=allowed_ids).first()
    if default is not None and getattr(default, "pk", None) in allowed_ids:
        return default
    return Partnership.objects.filter(pk__in=allowed_ids).order_by("name").first()


# Areas ----------------------------------------------------------------------------------


def home_area(*, partnership: Partnership) -> Area | None:
    return (
        Area.objects.filter(kind=AreaKind.LOCAL_AUTHORITY, name__iexact=partnership.area.strip())
        .select_related("parent")
        .order_by("pk")
        .first()
    )


@dataclass
class Comparators:
    """The areas a partnership compares itself with, in the order they are shown."""

    home: Area | None
    joint: list[Area] = field(default_factory=list)
    neighbours: list[Area] = field(default_factory=list)
    region: Area | None = None
    england: Area | None = None

    @property
    def all(self) -> list[Area]:
        areas = [self.home, *self.joint, *self.neighbours, self.region, self.england]
        seen, ordered = set(), []
        for area in areas:
            if area is not None and area.pk not in seen:
                seen.add(area.pk)
                ordered.append(area)
        return ordered

    def role_of(self, area: Area) -> str:
        if self.home and area.pk == self.home.pk:
            return "This partnership"
        if any(a.pk == area.pk for a in self.neighbours):
            return "Statistical neighbour"
        if any(a.pk == area.pk for a in self.joint):
            return "Joint partner"
        if self.region and area.pk == self.region.pk:
            return "Region"
        return "England"


def comparators(*, partnership: Partnership) -> Comparators:
    home = home_area(partnership=partnership)
    # The partnerships that share an agency with this one. The agencies' keys are read first:
    # asked in one query, PostgreSQL scans every partnership's agencies (50 ms at national
    # scale instead of 1 ms).
    shared = Agency.partnerships.through.objects
    own = list(shared.filter(partnership=partnership).values_list("agency_id", flat=True))
    joint_names = sorted(
        {
            area.strip()
            for area in shared.filter(agency_id__in=own)
            .exclude(partnership=partnership)
            .values_list("partnership__area", flat=True)
            .distinct()
        }
    )
    joint = list(
        Area.objects.filter(kind=AreaKind.LOCAL_AUTHORITY)
        .filter(name__in=joint_names)
        .exclude(pk=home.pk if home else None)
        .order_by("name")
    )
    neighbours = (
        [
            link.neighbour
            for link in StatisticalNeighbour.objects.filter(area=home).select_related("neighbour")
        ]
        if home
        else []
    )
    region = home.parent if home and home.parent and home.parent.kind == AreaKind.REGIONAL else None
    england = Area.objects.filter(kind=AreaKind.NATIONAL).order_by("pk").first()
    return Comparators(home, joint, neighbours, region, england)


# Indicators -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFilter:
    query: str = ""
    theme: str = ""
    priority: int | None = None
    kind: str = ""  # official, local, derived


def indicator_list(*, user, partnership: Partnership, filters: IndicatorFilter | None = None):
    filters = filters or IndicatorFilter()
    indicators = (
        Indicator.objects.visible_to(user)
        .filter(partnership=partnership, is_active=True)
        .select_related("priority", "source_agency")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("name", "slug")))
    )
    if filters.query:
        indicators = indicators.filter(
            Q(name__icontains=filters.query) | Q(key__icontains=filters.query)
        )
    if filters.theme:
        indicators = indicators.filter(themes__slug=filters.theme)
    if filters.priority:
        indicators = indicators.filter(priority_id=filters.priority)
    if filters.kind == "official":
        indicators = indicators.filter(key__startswith="dfe-")
    elif filters.kind == "local":
        indicators = indicators.exclude(key__startswith="dfe-").filter(formula="")
    elif filters.kind == "derived":
        indicators = indicators.exclude(formula="")
    return indicators.order_by("name").distinct()


def latest_values(*, indicators: list[Indicator], area: Area | None) -> dict[int, IndicatorValue]:
    """The most recent figure of each indicator for an area (one query)."""
    if area is None or not indicators:
        return {}
    by_pk = {i.pk: i for i in indicators}
    latest: dict[int, IndicatorValue] = {}
    for value in (
        IndicatorValue.objects.filter(indicator__in=indicators, area=area)
        .select_related("period")
        .order_by("indicator_id", "period__end", "period__start")
    ):
        value.indicator = by_pk[value.indicator_id]
        latest[value.indicator_id] = value
    return latest


def indicator_get(*, user, pk: int) -> Indicator | None:
    return (
        Indicator.objects.visible_to(user)
        .select_related("partnership", "priority", "priority__plan", "source_agency")
        .prefetch_related("themes")
        .filter(pk=pk)
        .first()
    )


def indicator_values(*, indicator: Indicator, areas: list[Area]) -> list[IndicatorValue]:
    return list(
        IndicatorValue.objects.filter(indicator=indicator, area__in=areas)
        .select_related("period", "area")
        .order_by("period__end", "period__start")
    )


def indicator_narratives(*, indicator: Indicator) -> list[IndicatorNarrative]:
    return list(
        indicator.narratives.select_related("period", "written_by").order_by("-period__end")
    )


def formula_inputs(*, indicator: Indicator) -> list[Indicator]:
    from safeguarding.performance.formulas import references

    keys = references(indicator.formula)
    found = {
        i.key: i
        for i in Indicator.objects.filter(partnership_id=indicator.partnership_id, key__in=keys)
    }
    return [found[k] for k in keys if k in found]


def used_by(*, indicator: Indicator) -> QuerySet[Indicator]:
    return Indicator.objects.filter(
        partnership_id=indicator.partnership_id, formula__contains=f"{{{indicator.key}}}"
    ).order_by("name")


def theme_choices() -> QuerySet[Theme]:
    return Theme.objects.active().order_by("name")


def priority_choices(*, partnership: Partnership) -> QuerySet[Priority]:
    return Priority.objects.filter(plan__partnership=partnership).select_related("plan")


def agency_choices(*, partnership: Partnership) -> QuerySet[Agency]:
    return Agency.objects.filter(partnerships=partnership).order_by("name")


def reportable_indicators(*, partnership: Partnership) -> QuerySet[Indicator]:
    """Indicators an agency can report in a data return: the partnership's own, not derived."""
    return (
        Indicator.objects.filter(partnership=partnership, formula="", is_active=True)
        .exclude(key__startswith="dfe-")
        .order_by("name")
    )


def periods_with_values(*, indicator: Indicator) -> QuerySet[Period]:
    return Period.objects.filter(values__indicator=indicator).distinct().order_by("-end")


def locality_areas(*, partnership: Partnership) -> list[Area]:
    return list(
        Area.objects.filter(kind=AreaKind.LOCALITY, locality__partnership=partnership).order_by(
            "name"
        )
    )


def off_target(*, user, partnership: Partnership, limit: int = 10) -> list[dict]:
    """Indicators whose latest figure for the partnership's area is red or amber."""
    area = home_area(partnership=partnership)
    indicators = list(
        Indicator.objects.visible_to(user)
        .filter(partnership=partnership, is_active=True, target__isnull=False)
        .exclude(polarity="neutral")
    )
    latest = latest_values(indicators=indicators, area=area)
    found = []
    for indicator in indicators:
        value = latest.get(indicator.pk)
        rag = indicator.rag(value.value) if value else None
        if rag in (Rag.RED, Rag.AMBER):
            found.append({"indicator": indicator, "value": value, "rag": rag})
    found.sort(key=lambda item: (item["rag"] != Rag.RED, item["indicator"].name))
    return found[:limit]


# The key data table -------------------------------------------------------------------------


@dataclass
class KeyDataRow:
    indicator: Indicator
    cells: list[IndicatorValue | None]
    narrative: IndicatorNarrative | None
    comparisons: list[IndicatorValue | None]


@dataclass
class KeyData:
    years: list[int]
    rows: list[KeyDataRow]
    area: Area | None
    comparison_areas: list[Area]
    latest_year: int | None


def key_data(
    *,
    user,
    partnership: Partnership,
    years: int = 3,
    last_year: int | None = None,
    comparison_areas: list[Area] | None = None,
) -> KeyData:
    """Several years side by side for the key indicators, with narrative and flags.

    Annual figures line up by year: a financial year, the DfE year ending 31 March and an
    academic year starting in the same year share a column (2022–23). Three queries, however
    many indicators, years and areas.
    """
    return partnership_key_data(
        indicators=Indicator.objects.visible_to(user),
        partnership=partnership,
        years=years,
        last_year=last_year,
        comparison_areas=comparison_areas,
    )


def partnership_key_data(
    *,
    indicators,
    partnership: Partnership,
    years: int = 3,
    last_year: int | None = None,
    comparison_areas: list[Area] | None = None,
) -> KeyData:
    """``key_data`` from a given set of indicators: the user's (the page) or the
    partnership's own (the yearly report, whose app has decided who may read it)."""
    area = home_area(partnership=partnership)
    indicators = list(
        indicators.filter(partnership=partnership, in_key_data=True, is_active=True).order_by(
            "key_data_order", "name"
        )
    )
    comparison_areas = comparison_areas or []
    areas = [a for a in [area, *comparison_areas] if a is not None]
    values = list(
        IndicatorValue.objects.filter(indicator__in=indicators, area__in=areas)
        .select_related("period")
        .filter(period__type__in=["financial_year", "reporting_year", "academic_year", "snapshot"])
        .order_by("period__end")
    )
    available = sorted({v.period.year for v in values if area and v.area_id == area.pk})
    if last_year is None:
        last_year = available[-1] if available else None
    chosen = [y for y in range(last_year - years + 1, last_year + 1)] if last_year else []
    by_pk = {i.pk: i for i in indicators}
    by_place: dict[tuple[int, int, int], IndicatorValue] = {}
    for value in values:
        value.indicator = by_pk[value.indicator_id]
        by_place[(value.indicator_id, value.area_id, value.period.year)] = value
    narratives: dict[int, IndicatorNarrative] = {}
    for narrative in (
        IndicatorNarrative.objects.filter(indicator__in=indicators, period__year__in=chosen)
        .select_related("period")
        .order_by("period__end")
    ):
        narratives[narrative.indicator_id] = narrative
    # Only comparison areas with at least one figure get a column.
    comparison_areas = [
        a for a in comparison_areas if any((i.pk, a.pk, last_year) in by_place for i in indicators)
    ]
    rows = []
    for indicator in indicators:
        cells = [by_place.get((indicator.pk, area.pk, y)) if area else None for y in chosen]
        comparisons = [by_place.get((indicator.pk, a.pk, last_year)) for a in comparison_areas]
        rows.append(KeyDataRow(indicator, cells, narratives.get(indicator.pk), comparisons))
    return KeyData(chosen, rows, area, comparison_areas, last_year)


# Data returns -------------------------------------------------------------------------------


def data_return_list(*, user, status: str = "") -> QuerySet[DataReturn]:
    returns = DataReturn.objects.visible_to(user).select_related(
        "agency", "period", "partnership", "area"
    )
    if status:
        returns = returns.filter(status=status)
    return returns.order_by("due_on", "agency__name")


def data_return_get(*, user, pk: int) -> DataReturn | None:
    return (
        DataReturn.objects.visible_to(user)
        .select_related("agency", "period", "partnership", "area", "submitted_by", "reviewed_by")
        .filter(pk=pk)
        .first()
    )


def data_returns_due(*, user, limit: int = 10) -> list[DataReturn]:
    return list(data_return_list(user=user).filter(status__in=["requested", "queried"])[:limit])


def api_indicators(*, user) -> QuerySet[Indicator]:
    """The indicators the API lists: those the user may see."""
    return (
        Indicator.objects.visible_to(user)
        .select_related("partnership")
        .prefetch_related("themes")
        .order_by("partnership__slug", "name")
    )


def api_indicator_candidates(*, user) -> QuerySet[Indicator]:
    """The indicators an API caller may name when recording a value."""
    return Indicator.objects.visible_to(user)


def api_indicator_values(*, user) -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.visible_to(user).select_related(
        "indicator", "indicator__partnership", "area", "period"
    )


def api_indicator_value(*, user, pk: int) -> IndicatorValue:
    """A value the caller has just recorded, read back for the response."""
    return api_indicator_values(user=user).get(pk=pk)
