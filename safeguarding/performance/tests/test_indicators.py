"""Indicator definitions, figures with flags, targets and derived indicators."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from safeguarding.core.models import AuditEvent
from safeguarding.performance.models import Flag, IndicatorValue, Rag
from safeguarding.performance.services.indicators import (
    indicator_create,
    indicator_update,
    narrative_save,
    value_record,
)
from safeguarding.performance.tests.factories import IndicatorFactory, fy

pytestmark = pytest.mark.django_db


def _figures(indicator, area):
    return {
        v.period.code: (v.value, v.flag)
        for v in IndicatorValue.objects.filter(indicator=indicator, area=area).select_related(
            "period"
        )
    }


def _seed_conversion(partnership, home):
    referrals = indicator_create(
        job="test", partnership=partnership, key="referrals", name="Referrals", unit="count"
    )
    assessments = indicator_create(
        job="test", partnership=partnership, key="assessments", name="Assessments"
    )
    for year, refs, assess in [(2020, 7720, 6417), (2021, 6887, 6118), (2022, 6586, 5922)]:
        value_record(
            job="test", indicator=referrals, area=home, period=fy(year), value=Decimal(refs)
        )
        value_record(
            job="test", indicator=assessments, area=home, period=fy(year), value=Decimal(assess)
        )
    return referrals, assessments


def test_derived_rate_is_computed_from_its_inputs_and_follows_changes(partnership, home):
    referrals, assessments = _seed_conversion(partnership, home)
    conversion = indicator_create(
        job="test",
        partnership=partnership,
        key="conversion",
        name="Conversion rate of referrals leading to an assessment",
        unit="percentage",
        decimal_places=1,
        formula="100 * {assessments} / {referrals}",
    )
    figures = _figures(conversion, home)
    assert conversion.format_value(figures["FY2020-21"][0]) == "83.1%"
    assert conversion.format_value(figures["FY2022-23"][0]) == "89.9%"

    # A corrected input recomputes the rate; the input is kept as revised history.
    value_record(job="test", indicator=referrals, area=home, period=fy(2022), value=Decimal(6580))
    assert round(_figures(conversion, home)["FY2022-23"][0], 2) == Decimal("90.00")

    # A suppressed input makes the derived figure unavailable, flagged — never zero.
    value_record(
        job="test", indicator=assessments, area=home, period=fy(2021), value=None, flag="suppressed"
    )
    assert _figures(conversion, home)["FY2021-22"] == (None, Flag.SUPPRESSED)


def test_derived_figures_cannot_be_typed(partnership, home):
    _seed_conversion(partnership, home)
    conversion = indicator_create(
        job="test",
        partnership=partnership,
        key="conversion",
        name="Conversion",
        unit="percentage",
        formula="100 * {assessments} / {referrals}",
    )
    before = IndicatorValue.objects.count()
    with pytest.raises(ValidationError, match="computed, never entered or imported"):
        value_record(job="test", indicator=conversion, area=home, period=fy(2023), value=Decimal(1))
    assert IndicatorValue.objects.count() == before


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("{rate} * 2", "this indicator itself"),
        ("{missing} / {referrals}", "There is no indicator with the key {missing}"),
        ("{referrals} +", "not a complete formula"),
    ],
)
def test_bad_formulas_are_refused_and_nothing_is_saved(partnership, formula, message):
    IndicatorFactory(partnership=partnership, key="referrals")
    with pytest.raises(ValidationError, match=message):
        indicator_create(
            job="test", partnership=partnership, key="rate", name="Rate", formula=formula
        )
    assert not partnership.indicators.filter(key="rate").exists()


def test_a_formula_that_goes_round_in_a_circle_is_refused(partnership):
    IndicatorFactory(partnership=partnership, key="base")
    first = indicator_create(
        job="test", partnership=partnership, key="a", name="A", formula="{base}"
    )
    indicator_create(job="test", partnership=partnership, key="b", name="B", formula="{a} * 2")
    with pytest.raises(ValidationError, match="goes round in a circle"):
        indicator_update(job="test", indicator=first, formula="{b} + 1")
    first.refresh_from_db()
    assert first.formula == "{base}"


def test_a_derived_indicator_uses_indicators_of_its_own_period_type(partnership):
    IndicatorFactory(partnership=partnership, key="monthly", period_type="month")
    with pytest.raises(ValidationError, match="same period"):
        indicator_create(
            job="test", partnership=partnership, key="d", name="D", formula="{monthly} * 2"
        )


def test_rag_against_target_follows_polarity():
    higher = IndicatorFactory.build(
        polarity="higher_is_better", target=Decimal(90), amber_threshold=Decimal(85)
    )
    assert higher.rag(Decimal(91)) == Rag.GREEN
    assert higher.rag(Decimal(86)) == Rag.AMBER
    assert higher.rag(Decimal(80)) == Rag.RED
    lower = IndicatorFactory.build(polarity="lower_is_better", target=Decimal(20))
    assert lower.rag(Decimal(19)) == Rag.GREEN
    assert lower.rag(Decimal(21)) == Rag.RED
    assert IndicatorFactory.build(polarity="neutral", target=Decimal(5)).rag(Decimal(1)) is None


def test_amber_threshold_must_sit_on_the_far_side_of_the_target(partnership):
    with pytest.raises(ValidationError, match="at or below the target"):
        indicator_create(
            job="test",
            partnership=partnership,
            key="x",
            name="X",
            polarity="higher_is_better",
            target=Decimal(80),
            amber_threshold=Decimal(90),
        )


@pytest.mark.parametrize(
    ("value", "flag", "message"),
    [
        (None, "", "Enter the figure"),
        (Decimal(5), "suppressed", "Leave the figure empty"),
        (Decimal(-1), "", "cannot be negative"),
    ],
)
def test_bad_figures_are_refused(partnership, home, value, flag, message):
    indicator = IndicatorFactory(partnership=partnership)
    with pytest.raises(ValidationError, match=message):
        value_record(
            job="test", indicator=indicator, area=home, period=fy(2022), value=value, flag=flag
        )
    assert not IndicatorValue.objects.exists()


def test_a_percentage_over_100_is_refused(partnership, home):
    indicator = IndicatorFactory(partnership=partnership, unit="percentage")
    with pytest.raises(ValidationError, match="between 0 and 100"):
        value_record(
            job="test", indicator=indicator, area=home, period=fy(2022), value=Decimal(101)
        )


def test_a_figure_for_a_period_of_another_type_is_refused(partnership, home):
    from safeguarding.performance.periods import reporting_year
    from safeguarding.performance.services.reference import period_for

    indicator = IndicatorFactory(partnership=partnership, period_type="financial_year")
    with pytest.raises(ValidationError, match="is counted by financial year"):
        value_record(
            job="test",
            indicator=indicator,
            area=home,
            period=period_for(reporting_year(2023)),
            value=Decimal(1),
        )


def test_figures_flags_and_narratives_are_audited(partnership, home, make_user):
    from safeguarding.core.roles import Role

    user = make_user(Role.BUSINESS_UNIT)
    indicator = IndicatorFactory(partnership=partnership)
    value_record(
        actor=user,
        indicator=indicator,
        area=home,
        period=fy(2022),
        value=Decimal(1124),
        flag="incomplete",
        note="Different timeframes for data capture",
    )
    narrative_save(actor=user, indicator=indicator, period=fy(2022), text="Still growing.")
    events = list(AuditEvent.objects.filter(actor=user).values_list("event", flat=True))
    assert events == [
        "performance.indicator_narrative.saved",
        "performance.indicator_value.recorded",
    ]
    stored = IndicatorValue.objects.get()
    assert (stored.value, stored.flag) == (Decimal(1124), Flag.INCOMPLETE)
    assert stored.display == "1,124"
