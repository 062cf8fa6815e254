"""Reading periods as people and files write them, and checking formulas."""

import datetime
from decimal import Decimal

import pytest

from safeguarding.performance import formulas
from safeguarding.performance.periods import PeriodType, parse_period


@pytest.mark.parametrize(
    ("text", "expected_type", "code", "start", "end"),
    [
        ("2022-23", "financial_year", "FY2022-23", (2022, 4, 1), (2023, 3, 31)),
        ("FY2022-23", None, "FY2022-23", (2022, 4, 1), (2023, 3, 31)),
        ("2022/23", "academic_year", "AY2022-23", (2022, 9, 1), (2023, 8, 31)),
        ("RY2024", None, "RY2024", (2023, 4, 1), (2024, 3, 31)),
        ("2024", "reporting_year", "RY2024", (2023, 4, 1), (2024, 3, 31)),
        ("FY2023-24-Q1", None, "FY2023-24-Q1", (2023, 4, 1), (2023, 6, 30)),
        ("Q4 2023-24", None, "FY2023-24-Q4", (2024, 1, 1), (2024, 3, 31)),
        ("March 2024", None, "2024-03", (2024, 3, 1), (2024, 3, 31)),
        ("31/03/2024", None, "2024-03-31", (2024, 3, 31), (2024, 3, 31)),
    ],
)
def test_periods_are_read_as_written(text, expected_type, code, start, end):
    spec = parse_period(text, expected_type)
    assert spec.code == code
    assert spec.start == datetime.date(*start)
    assert spec.end == datetime.date(*end)
    assert parse_period(spec.code).code == code  # codes read back as themselves


def test_annual_periods_share_a_year_column():
    assert parse_period("FY2022-23").year == 2022
    assert parse_period("RY2023").year == 2022  # the year ending 31 March 2023
    assert parse_period("AY2022-23").year == 2022
    assert parse_period("2023-03-31").year == 2022


def test_labels_are_plain_english():
    assert parse_period("FY2022-23").label == "2022–23 financial year"
    assert parse_period("RY2024").label == "Year ending 31 March 2024"
    assert parse_period("FY2023-24-Q1").label == "Quarter 1 2023–24 (April to June 2023)"
    assert parse_period("2024-03-31").label == "31 March 2024"


@pytest.mark.parametrize(
    ("text", "expected_type", "message"),
    [
        ("2022-24", None, "not two consecutive years"),
        ("soon", None, "not a period this platform understands"),
        ("March 2024", PeriodType.FINANCIAL_YEAR, "counted by financial year"),
        ("2024", PeriodType.FINANCIAL_YEAR, "could be 2023-24 or 2024-25"),
        ("", None, "No period given"),
    ],
)
def test_bad_periods_are_refused_with_a_reason(text, expected_type, message):
    with pytest.raises(ValueError, match=message):
        parse_period(text, expected_type)


def test_formula_is_evaluated_with_decimals():
    result = formulas.evaluate(
        "100 * {assessments} / {referrals}",
        {"assessments": Decimal(6417), "referrals": Decimal(7720)},
    )
    assert round(result, 1) == Decimal("83.1")


def test_formula_division_by_zero_and_missing_inputs_give_no_result():
    assert formulas.evaluate("{a} / {b}", {"a": Decimal(1), "b": Decimal(0)}) is None
    assert formulas.evaluate("{a} / {b}", {"a": Decimal(1)}) is None


@pytest.mark.parametrize(
    "formula",
    [
        "__import__('os').system('true')",
        "{a}.real",
        "{a} ** 2",
        "max({a}, {b})",
        "{a} +",
        "{Bad Key}",
        "42",
    ],
)
def test_only_arithmetic_on_indicators_is_allowed(formula):
    with pytest.raises(formulas.FormulaError):
        formulas.parse(formula)


def test_cycles_are_found():
    others = {"b": "{c} + 1", "c": "{a} * 2"}
    assert formulas.find_cycle("a", "{b} / 2", others) == ["a", "b", "c", "a"]
    assert formulas.find_cycle("a", "{a} / 2", {}) == ["a", "a"]
    assert formulas.find_cycle("a", "{b} / 2", {"b": "{c}"}) is None
    assert formulas.dependency_order({"x": "{y} + 1", "y": "{z}"}) == ["y", "x"]
