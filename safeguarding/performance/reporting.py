"""What the performance app contributes to the yearly report: the key data with its trend
over the years, and the budget — each statutory partner's contribution, other partners',
spend and the reserve — for every financial year the report covers."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from safeguarding.accounts.models import Partnership
from safeguarding.core.periods import financial_year_label, financial_year_of
from safeguarding.core.reporting import Contribution, Figure, Table
from safeguarding.performance.models import Indicator
from safeguarding.performance.selectors.finance import partnership_finance_summaries
from safeguarding.performance.selectors.indicators import partnership_key_data


def _partnerships(ids: list[int]) -> list[Partnership]:
    return list(Partnership.objects.filter(pk__in=ids).order_by("name"))


def _caption(text: str, partnership: Partnership, several: bool) -> str:
    return f"{text}: {partnership.name}" if several else text


def key_data_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    partnerships = _partnerships(partnership_ids)
    several = len(partnerships) > 1
    last_year = financial_year_of(end)
    years_in_period = last_year - financial_year_of(start) + 1
    tables = []
    years_with_data = 0
    indicators = 0
    for partnership in partnerships:
        data = partnership_key_data(
            indicators=Indicator.objects.all(),
            partnership=partnership,
            years=max(3, years_in_period + 1),
            last_year=last_year,
        )
        if not data.rows:
            continue
        indicators += len(data.rows)
        filled = {
            year
            for row in data.rows
            for year, cell in zip(data.years, row.cells, strict=True)
            if cell is not None and cell.value is not None
        }
        years_with_data = max(years_with_data, len(filled))
        tables.append(
            Table(
                caption=_caption("Key data over the years", partnership, several),
                headers=["Indicator", *[financial_year_label(y) for y in data.years]],
                rows=[
                    [row.indicator.name, *[cell.display if cell else "–" for cell in row.cells]]
                    for row in data.rows
                ],
            )
        )
    return Contribution(
        title="Key data",
        figures=[
            Figure("Key indicators reported", indicators),
            Figure("Years compared", years_with_data),
        ],
        tables=tables,
        facts={"years_with_data": years_with_data, "indicators": indicators},
        source_link=reverse("performance:key-data"),
    )


def finance_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    partnerships = _partnerships(partnership_ids)
    several = len(partnerships) > 1
    wanted = range(financial_year_of(start), financial_year_of(end) + 1)
    tables = []
    income = spend = 0.0
    contributions_total = 0.0
    for partnership in partnerships:
        summaries = [
            s for s in partnership_finance_summaries(partnership=partnership) if s.year in wanted
        ]
        if not summaries:
            continue
        labels = [s.label for s in summaries]
        rows: list[list] = []
        for index, group in enumerate(summaries[0].groups):
            rows.append([group.label, *[f"£{s.groups[index].amount:,.0f}" for s in summaries]])
        rows += [
            ["Other partners", *[f"£{s.other_total:,.0f}" for s in summaries]],
            ["Total income", *[f"£{s.income:,.0f}" for s in summaries]],
            ["Spend", *[f"£{s.spend:,.0f}" for s in summaries]],
            ["Reserve carried forward", *[f"£{s.reserve_carried_forward:,.0f}" for s in summaries]],
        ]
        tables.append(
            Table(
                caption=_caption("Income, spend and reserve", partnership, several),
                headers=["", *labels],
                rows=rows,
            )
        )
        latest = summaries[-1]
        tables.append(
            Table(
                caption=_caption(f"Contributions in {latest.label}", partnership, several),
                headers=["Partner", "Contribution (£)"],
                rows=[
                    [c.agency.name, float(c.amount)]
                    for c in sorted(latest.contributions, key=lambda c: -c.amount)
                ],
                chart_column=1,
            )
        )
        if latest.categories:
            tables.append(
                Table(
                    caption=_caption(f"Spend by category in {latest.label}", partnership, several),
                    headers=["Category", "Budget (£)", "Spend (£)"],
                    rows=[[c.label, float(c.budget), float(c.spend)] for c in latest.categories],
                    chart_column=2,
                )
            )
        for s in summaries:
            income += float(s.income)
            spend += float(s.spend)
            contributions_total += float(s.statutory_total + s.other_total)
    return Contribution(
        title="Budget and contributions",
        figures=[
            Figure("Income over the period", round(income), "£"),
            Figure("Spend over the period", round(spend), "£"),
        ],
        tables=tables,
        facts={"contributions_total": round(contributions_total)},
        source_link=reverse("performance:finance"),
    )


# --- The area profile (issue 16 item 10; ADR 0032) -------------------------------------------
# What the report says about the area, from the indicators the partnership keeps: an indicator
# belongs to a line of the profile when its key contains one of the line's fragments (the DfE
# import names the child population "dfe-child-population"). A line with no figure says so;
# nothing is estimated.
AREA_PROFILE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("child_population", "Children aged 0 to 17", ("child-population",)),
    ("schools", "Schools and settings", ("schools-and-settings", "number-of-schools", "settings")),
    ("deprivation", "Deprivation", ("deprivation", "idaci", "imd", "low-income", "poverty")),
    ("ethnicity", "Ethnicity", ("ethnic",)),
)
NO_FIGURE = "No figure in the performance data"


def _latest_value(indicator: Indicator, area_id: int | None, end: date):
    """The indicator's latest figure for the area counted up to the end of the period."""
    if area_id is None:
        return None
    values = [
        v
        for v in indicator.values.all()
        if v.area_id == area_id and v.period.start <= end and v.value is not None
    ]
    return max(values, key=lambda v: v.period.end) if values else None


def area_profile_figures(partnership_ids: list[int], start: date, end: date) -> Contribution:
    from django.db.models import Prefetch

    from safeguarding.accounts.models import Agency, AgencyType
    from safeguarding.performance.models import IndicatorValue
    from safeguarding.performance.selectors.indicators import home_area

    partnerships = _partnerships(partnership_ids)
    several = len(partnerships) > 1
    tables = []
    headline: dict[str, object] = {}
    missing: set[str] = set()
    # A joint report: which partnership's profile has which gap (name -> lines).
    missing_by_partnership: dict[str, list[str]] = {}
    fragments = [f for _, _, group in AREA_PROFILE for f in group]
    for partnership in partnerships:
        area = home_area(partnership=partnership)
        indicators = [
            i
            for i in Indicator.objects.filter(partnership=partnership, is_active=True)
            .prefetch_related(
                # Only the home area's figures: an indicator holds every area's (each local
                # authority in England, at national scale), which the profile never shows.
                Prefetch(
                    "values",
                    queryset=IndicatorValue.objects.filter(
                        area_id=area.pk if area else None, period__start__lte=end
                    ).select_related("period"),
                )
            )
            .order_by("name")
            if any(f in i.key for f in fragments)
        ]
        rows: list[list] = []
        for key, label, group in AREA_PROFILE:
            found = [i for i in indicators if any(f in i.key for f in group)]
            shown = 0
            for indicator in found:
                value = _latest_value(indicator, area.pk if area else None, end)
                if value is None:
                    continue
                shown += 1
                rows.append(
                    [
                        label,
                        indicator.name,
                        value.display,
                        value.period.label,
                        indicator.source or "Not recorded",
                    ]
                )
                if shown == 1 and not several:
                    headline.setdefault(key, value.display)
            if shown:
                continue
            if key == "schools":
                schools = Agency.objects.filter(
                    partnerships=partnership, type=AgencyType.SCHOOL
                ).count()
                if schools:
                    rows.append(
                        [
                            label,
                            "Schools and colleges registered with the partnership",
                            schools,
                            "Now",
                            "The partnership's list of organisations on this platform",
                        ]
                    )
                    if not several:
                        headline.setdefault(key, f"{schools:,}")
                    continue
            rows.append([label, NO_FIGURE, "–", "–", "–"])
            missing.add(label)
            missing_by_partnership.setdefault(partnership.name, []).append(label)
        tables.append(
            Table(
                caption=_caption("Our area and its children", partnership, several),
                headers=["", "Measure", "Figure", "Period", "Source"],
                rows=rows,
            )
        )
    figures = [
        Figure("Children aged 0 to 17", headline.get("child_population")),
        Figure("Schools and settings", headline.get("schools")),
    ]
    facts: dict[str, object] = {"area_missing": sorted(missing)}
    if several:
        facts["area_missing_by_partnership"] = [
            [name, lines] for name, lines in sorted(missing_by_partnership.items())
        ]
    return Contribution(
        title="The area profile",
        figures=figures,
        tables=tables,
        facts=facts,
        source_link=reverse("performance:indicator-list"),
    )
