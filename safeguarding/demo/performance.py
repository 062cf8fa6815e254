"""Demo performance data and finance for Essex.

* Official statistics: the real DfE files (children in need, referrals, assessments,
  section 47s, child protection plans, children looked after and the statistical neighbour
  model — England, the East of England, Essex, Southend-on-Sea, Thurrock and neighbours)
  imported through the same importer as `safeguarding import-indicators`.
* Local figures: the seed yearly report's key level data for 2020–21 to 2022–23 with its
  narratives and its data-quality flag (young carers' assessments, incomplete data), and
  the conversion rate of referrals to assessments computed from them, never typed.
* Data returns: one due from a school (the demo agency lead), one submitted by the county
  council for the business unit to check.
* Finance: fictional figures in the seed's pattern — equal funding by the three statutory
  partners reached in 2022–23 after phasing, contributions from probation and the district
  councils, staffing and independent reviewers as the largest costs, a reserve.

Idempotent: everything is made once; the import skips figures already stored.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership, User
from safeguarding.core.periods import financial_year_of
from safeguarding.performance.models import DataReturn, FinanceYear
from safeguarding.performance.periods import academic_year, financial_year
from safeguarding.performance.services import finance as finance_services
from safeguarding.performance.services import indicators as indicator_services
from safeguarding.performance.services import returns as return_services
from safeguarding.performance.services.importing import indicator_values_import, load_file
from safeguarding.performance.services.reference import home_area_ensure, period_for
from safeguarding.planning.models import Priority, Theme

JOB = "demo"
DFE_DATA = Path(__file__).resolve().parents[1] / "performance" / "data"

# (key, name, period type, polarity, target, amber threshold, themes,
#  figures for 2020–21, 2021–22 and 2022–23, narrative for 2022–23)
KEY_LEVEL_DATA = [
    (
        "requests-progressed-to-referrals",
        "Number of requests for support progressed to referrals by Children's Services",
        "financial_year",
        "neutral",
        None,
        None,
        ["Early help"],
        [7720, 6887, 6586],
        "These figures account only for those Requests for Support progressed to referral "
        "by Children's Social Care. This is against a backdrop of Requests for Support "
        "having increased.",
    ),
    (
        "referrals-leading-to-assessment",
        "Referrals leading to an assessment",
        "financial_year",
        "neutral",
        None,
        None,
        ["Early help"],
        [6417, 6118, 5922],
        "The conversion of referrals resulting in assessment has been increasing and has "
        "moved from 83% to 89% over the last 3 years. The numbers of children being assessed "
        "has been falling, but the messages coming from practitioners is that the complexity "
        "of children and families needs has increased.",
    ),
    (
        "child-in-need-plans",
        "Number of Child in Need Plans",
        "financial_year",
        "neutral",
        None,
        None,
        ["Think family"],
        [1546, 1498, 1587],
        "The number of children with an open children in need plan has not varied much over "
        "the last three years and seems relatively stable. (end of year figures)",
    ),
    (
        "child-protection-plans",
        "Number of Child Protection Plans",
        "financial_year",
        "neutral",
        None,
        None,
        ["Neglect"],
        [598, 633, 688],
        "The number of children with a child protection plan has fluctuated but increased "
        "over the last three years; this may be attributable to the complexity of family "
        "living which is being felt across the system.",
    ),
    (
        "children-looked-after",
        "Number of Children Looked After",
        "financial_year",
        "neutral",
        None,
        None,
        [],
        [1080, 1118, 1164],
        "The number of children looked after has increased but the increase seems to be "
        "largely due to the increased need for provision for Separated Migrant Children, this "
        "is a cohort of children and young people where there are no other options to avoid "
        "care as would be found for the child population of Essex.",
    ),
    (
        "separated-migrant-children",
        "Number of Separated Migrant Children within our Looked After population",
        "financial_year",
        "neutral",
        None,
        None,
        ["Child exploitation"],
        [101, 136, 166],
        "",
    ),
    (
        "young-carers-assessments",
        "Number of Young Carers' assessments",
        "financial_year",
        "higher_is_better",
        None,
        None,
        ["Think family"],
        [757, 674, 1124],
        "The Young Carers Service has been delivered by the Youth Service since April 2018. "
        "The young carers service model started to have an immediate effect in latter part "
        "of 2018 and has continued to grow since. *Incomplete data-due to different "
        "timeframes for data capture",
    ),
    (
        "children-missing-education",
        "Numbers of Children Missing from Education",
        "academic_year",
        "lower_is_better",
        Decimal(450),
        Decimal(500),
        ["Children missing education"],
        [566, 493, 477],
        "The number of children missing from education has seen some improvement since the "
        "height of the pandemic. This may be because more children and young people are now "
        "Electively Home Educated.",
    ),
    (
        "elective-home-education",
        "Numbers of Children who are Electively Home Educated",
        "academic_year",
        "neutral",
        None,
        None,
        ["Elective home education"],
        [2413, 2556, 2926],
        "The number of children and young people being electively home educated has "
        "continued to increase. This may be due to increased anxiety and emotional wellbeing "
        "during the pandemic not subsiding as life returned to 'normal'.",
    ),
]
YEARS = [2020, 2021, 2022]

# Fictional finance in the seed's pattern: (year, council, police, health, reserve b/f).
FUNDING = [
    (2020, 160000, 120000, 120000, Decimal(98500)),
    (2021, 160000, 140000, 140000, None),
    (2022, 160000, 160000, 160000, None),
]
DISTRICTS = [
    "Basildon Borough Council",
    "Braintree District Council",
    "Brentwood Borough Council",
    "Castle Point Borough Council",
    "Chelmsford City Council",
    "City of Colchester Council",
    "Epping Forest District Council",
    "Harlow Council",
    "Maldon District Council",
    "Rochford District Council",
    "Tendring District Council",
    "Uttlesford District Council",
]
BUDGET = [
    ("staffing", "Business manager, officers and administration", 318000),
    ("independent_chair", "Independent chair and scrutineer", 42000),
    ("independent_reviewers", "Independent lead reviewers for CSPRs and learning events", 65000),
    ("training", "Multi-agency learning and development", 22000),
    ("communications", "Bulletins, website and campaigns", 9000),
    ("systems", "Case review and training booking systems", 8000),
    ("projects", "Child Exploitation Project Manager (contribution)", 20000),
]
# Spend as a share of budget per year (fictional): reviewers overspent in the busiest year.
SPEND = {
    2020: {"independent_reviewers": Decimal("0.78"), "training": Decimal("0.55")},
    2021: {"independent_reviewers": Decimal("1.12")},
    2022: {"independent_reviewers": Decimal("1.04"), "staffing": Decimal("1.01")},
}


def _themes(names: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(name__in=names))


def _import_official(essex: Partnership, result) -> None:
    files = [load_file(path, "ees") for path in sorted(DFE_DATA.glob("*.csv"))]
    outcome = indicator_values_import(job=JOB, partnership=essex, files=files)
    result.created["official figures"] = result.created.get("official figures", 0) + (
        outcome.created
    )
    rate = essex.indicators.filter(key="dfe-re-referrals-percent").first()
    if rate is not None and rate.target is None:
        indicator_services.indicator_update(
            job=JOB,
            indicator=rate,
            target=Decimal(18),
            amber_threshold=Decimal(20),
            polarity="lower_is_better",
            themes=_themes(["Early help"]),
        )
    if (
        not essex.indicators.filter(key="cla-rate-computed").exists()
        and essex.indicators.filter(key__in=["dfe-cla-at-31-march", "dfe-child-population"]).count()
        == 2
    ):
        indicator_services.indicator_create(
            job=JOB,
            partnership=essex,
            key="cla-rate-computed",
            name="Children looked after per 10,000 children (computed)",
            description="Children looked after at 31 March for every 10,000 children aged 0 "
            "to 17, worked out from the DfE count and the ONS population estimate.",
            unit="rate_per_10000",
            period_type="reporting_year",
            decimal_places=1,
            source="Computed from DfE children looked after statistics",
            formula="10000 * {dfe-cla-at-31-march} / {dfe-child-population}",
        )


def _local_key_data(essex: Partnership, result) -> None:
    council = Agency.objects.filter(name="Essex County Council").first()
    priority = Priority.objects.filter(plan__partnership=essex).order_by("order").first()
    area = home_area_ensure(essex)
    for order, (
        key,
        name,
        unit_period,
        polarity,
        target,
        amber,
        themes,
        figures,
        narrative,
    ) in enumerate(KEY_LEVEL_DATA, start=1):
        indicator = essex.indicators.filter(key=key).first()
        if indicator is None:
            indicator = indicator_services.indicator_create(
                job=JOB,
                partnership=essex,
                key=key,
                name=name,
                unit="count",
                period_type=unit_period,
                polarity=polarity,
                target=target,
                amber_threshold=amber,
                source="Essex County Council, Children and Families",
                source_agency=council,
                in_key_data=True,
                key_data_order=order * 10,
                priority=priority if key == "child-protection-plans" else None,
                themes=_themes(themes),
            )
            result.count("indicators")
        for year, figure in zip(YEARS, figures, strict=True):
            spec = academic_year(year) if unit_period == "academic_year" else financial_year(year)
            period = period_for(spec)
            if indicator.values.filter(area=area, period=period).exists():
                continue
            incomplete = key == "young-carers-assessments" and year == 2022
            indicator_services.value_record(
                job=JOB,
                indicator=indicator,
                area=area,
                period=period,
                value=Decimal(figure),
                flag="incomplete" if incomplete else "",
                note="Different timeframes for data capture" if incomplete else "",
            )
        last = period_for(
            academic_year(2022) if unit_period == "academic_year" else financial_year(2022)
        )
        if narrative and not indicator.narratives.filter(period=last).exists():
            indicator_services.narrative_save(
                job=JOB, indicator=indicator, period=last, text=narrative
            )
    if not essex.indicators.filter(key="conversion-rate").exists():
        indicator_services.indicator_create(
            job=JOB,
            partnership=essex,
            key="conversion-rate",
            name="Conversion rate of referrals leading to an assessment",
            description="Referrals leading to an assessment as a percentage of requests for "
            "support progressed to referrals.",
            unit="percentage",
            period_type="financial_year",
            polarity="higher_is_better",
            target=Decimal(85),
            amber_threshold=Decimal(80),
            decimal_places=1,
            source="Computed from Essex County Council's figures",
            formula="100 * {referrals-leading-to-assessment} / {requests-progressed-to-referrals}",
            in_key_data=True,
            key_data_order=25,
            themes=_themes(["Early help"]),
        )
        result.count("indicators")


def _data_returns(essex: Partnership, result) -> None:
    school = Agency.objects.filter(name="Oakfield Primary School").first()
    council = Agency.objects.filter(name="Essex County Council").first()
    business_unit = User.objects.filter(email="business-unit@demo.example").first()
    today = timezone.localdate()
    this_year = financial_year_of(today)
    if school is not None:
        training = essex.indicators.filter(key="staff-safeguarding-training").first()
        if training is None:
            training = indicator_services.indicator_create(
                job=JOB,
                partnership=essex,
                key="staff-safeguarding-training",
                name="Staff with up-to-date safeguarding training",
                description="Staff whose level 1 safeguarding training is less than three "
                "years old, as a percentage of all staff.",
                unit="percentage",
                period_type="financial_year",
                polarity="higher_is_better",
                target=Decimal(95),
                amber_threshold=Decimal(90),
                decimal_places=1,
                source="Agency data returns",
                source_agency=school,
            )
        period = period_for(financial_year(this_year - 1))
        if not DataReturn.objects.filter(partnership=essex, agency=school, period=period).exists():
            return_services.data_return_request(
                job=JOB,
                partnership=essex,
                agency=school,
                indicators=[training],
                period_text=period.code,
                due_on=today + datetime.timedelta(days=21),
            )
            result.count("data returns")
    cme = essex.indicators.filter(key="children-missing-education").first()
    if council is not None and cme is not None and business_unit is not None:
        period = period_for(academic_year(2023))
        if not DataReturn.objects.filter(partnership=essex, agency=council, period=period).exists():
            requested = return_services.data_return_request(
                job=JOB,
                partnership=essex,
                agency=council,
                indicators=[cme],
                period_text=period.code,
                due_on=today - datetime.timedelta(days=3),
            )
            return_services.data_return_save(
                actor=business_unit,
                data_return=requested,
                figures={cme.pk: (Decimal(512), "provisional", "Summer term not yet complete")},
                submit=True,
            )
            result.count("data returns")


def _split(total: Decimal, parts: int) -> list[Decimal]:
    """Split an amount into equal shares to the penny, the first taking any remainder."""
    if not parts:
        return []
    share = (total / parts).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    return [total - share * (parts - 1)] + [share] * (parts - 1)


def _finance(essex: Partnership, result) -> None:
    by_name = {a.name: a for a in Agency.objects.filter(partnerships=essex)}
    council = by_name.get("Essex County Council")
    police = by_name.get("Essex Police")
    icbs = [a for a in by_name.values() if a.type == "icb" and a.is_statutory_partner]
    probation = next((a for a in by_name.values() if a.type == "probation"), None)
    for year, council_amount, police_amount, health_amount, reserve in FUNDING:
        if FinanceYear.objects.filter(partnership=essex, year=year).exists():
            continue
        finance_year = finance_services.finance_year_create(
            job=JOB,
            partnership=essex,
            year=year,
            opening_reserve=reserve,
            notes="Equal funding by the three statutory partners, phased in: health and "
            "police contributions increase each year until 2022–23."
            if year == 2020
            else "",
        )
        result.count("finance years")
        received = datetime.date(year, 6, 30)
        contributions = [(council, council_amount), (police, police_amount)]
        shares = _split(Decimal(health_amount), len(icbs))
        contributions += list(zip(icbs, shares, strict=True))
        contributions += [(probation, 6500)]
        contributions += [(by_name.get(name), 1500) for name in DISTRICTS]
        for agency, amount in contributions:
            if agency is None:
                continue
            finance_services.contribution_record(
                job=JOB,
                finance_year=finance_year,
                agency=agency,
                amount=Decimal(amount).quantize(Decimal("0.01")),
                received_on=received,
            )
        for category, description, amount in BUDGET:
            finance_services.budget_line_set(
                job=JOB,
                finance_year=finance_year,
                category=category,
                description=description,
                amount=Decimal(amount),
            )
            factor = SPEND[year].get(category, Decimal("0.97"))
            finance_services.expenditure_add(
                job=JOB,
                finance_year=finance_year,
                category=category,
                description=description,
                amount=(Decimal(amount) * factor).quantize(Decimal("1")),
                spent_on=datetime.date(year + 1, 3, 31),
            )


# The area profile's context figures that the DfE files do not hold (ADR 0032): fictional
# figures in the pattern of the published ones, for 2020–21 to 2023–24.
# (key, name, period type, source, figures by year from 2020)
AREA_CONTEXT = [
    (
        "children-in-low-income-families-percent",
        "Children in relative low-income families (demo figure)",
        "financial_year",
        "DWP Children in low income families (fictional demo figures)",
        ["15.2", "16.1", "16.8", "17.0"],
    ),
    (
        "pupils-from-ethnic-minority-groups-percent",
        "Pupils from minority ethnic groups (demo figure)",
        "academic_year",
        "DfE Schools, pupils and their characteristics (fictional demo figures)",
        ["18.9", "19.8", "20.6", "21.5"],
    ),
]


def _area_context(essex: Partnership, result) -> None:
    area = home_area_ensure(essex)
    for key, name, unit_period, source, figures in AREA_CONTEXT:
        indicator = essex.indicators.filter(key=key).first()
        if indicator is None:
            indicator = indicator_services.indicator_create(
                job=JOB,
                partnership=essex,
                key=key,
                name=name,
                unit="percentage",
                decimal_places=1,
                period_type=unit_period,
                polarity="neutral",
                source=source,
            )
            result.count("indicators")
        for year, figure in enumerate(figures, start=2020):
            spec = academic_year(year) if unit_period == "academic_year" else financial_year(year)
            period = period_for(spec)
            if indicator.values.filter(area=area, period=period).exists():
                continue
            indicator_services.value_record(
                job=JOB, indicator=indicator, area=area, period=period, value=Decimal(figure)
            )


def load(*, essex: Partnership, result) -> None:
    """Load the performance and finance demo for Essex (idempotent)."""
    _import_official(essex, result)
    _local_key_data(essex, result)
    _area_context(essex, result)
    _data_returns(essex, result)
    _finance(essex, result)
