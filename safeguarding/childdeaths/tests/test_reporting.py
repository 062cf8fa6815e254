"""The yearly report's child death section: the partnership's deaths the panel reviewed in
the period, by category, age, expected, modifiable factors and theme, small numbers and the
counts that would reveal them withheld (the report is public once published)."""

from __future__ import annotations

import datetime

import pytest

from safeguarding.childdeaths.disclosure import WITHHELD
from safeguarding.childdeaths.tests.factories import ChildDeathFactory
from safeguarding.core import reporting

pytestmark = pytest.mark.django_db


def _reviewed(partnership, agency, *, category, on, n, theme="", modifiable=False):
    for _ in range(n):
        ChildDeathFactory(
            partnerships=[partnership],
            notifying_agency=agency,
            status="reviewed",
            category=category,
            modifiable=modifiable,
            panel_theme=theme,
            panel_reviewed_on=on,
        )


def test_the_yearly_report_has_the_child_death_section_with_small_numbers_withheld(
    partnership, neighbour, agencies
):
    in_period = datetime.date(2023, 6, 1)
    _reviewed(partnership, agencies["health"], category="sudden", on=in_period, n=7, theme="sudi")
    _reviewed(
        partnership,
        agencies["health"],
        category="suicide",
        on=in_period,
        n=2,
        theme="suicide",
        modifiable=True,
    )
    _reviewed(partnership, agencies["health"], category="sudden", on=datetime.date(2024, 6, 1), n=3)
    _reviewed(neighbour, agencies["health"], category="infection", on=in_period, n=6)
    ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])

    assert "child_deaths" in reporting.SECTION_KEYS
    figures = reporting.collect(
        partnership_ids=[partnership.pk],
        start=datetime.date(2023, 4, 1),
        end=datetime.date(2024, 3, 31),
    )
    [contribution] = figures["child_deaths"]
    assert contribution["source"] == "child_deaths"
    assert contribution["figures"][0]["value"] == 9  # reviewed in the period, this partnership
    tables = {t["caption"].split(" (")[0]: dict(t["rows"]) for t in contribution["tables"]}
    by_category = tables["Deaths reviewed by category"]
    # The 2 suicides are withheld, and so are the 7 sudden deaths, or 9 - 7 would show them.
    assert by_category["Suicide or deliberate self-inflicted harm"] == WITHHELD
    assert by_category["Sudden unexpected, unexplained death"] == WITHHELD
    assert by_category["Infection"] == 0
    assert tables["Deaths reviewed: modifiable factors"] == {
        "Modifiable factors identified": WITHHELD,
        "No modifiable factors": WITHHELD,
    }
    assert tables["Deaths reviewed by panel theme"]["Suicide and self-harm"] == WITHHELD
    for table in contribution["tables"]:
        shown = [count for _label, count in table["rows"]]
        assert not [c for c in shown if isinstance(c, int) and 0 < c < 5]
        assert sum(c == WITHHELD for c in shown) != 1
        assert table["chart_column"] is None or WITHHELD not in shown
