"""The yearly report's area profile (issue 16 item 10, ADR 0032): the figures the performance
module holds for the partnership's area, with their sources; a missing line says so."""

from datetime import date

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.performance.reporting import NO_FIGURE, area_profile_figures
from safeguarding.performance.tests.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    fy,
)

pytestmark = pytest.mark.django_db

START, END = date(2023, 4, 1), date(2024, 3, 31)


def _rows(contribution) -> dict[str, list]:
    (table,) = contribution.tables
    return {row[0]: row for row in table.rows}


def test_the_profile_shows_the_areas_figures_with_their_sources(partnership, home, signed_in):
    population = IndicatorFactory(
        partnership=partnership,
        key="dfe-child-population",
        name="Children aged 0 to 17 (ONS mid-year estimate)",
        source="ONS mid-year population estimates",
    )
    IndicatorValueFactory(indicator=population, area=home, period=fy(2022), value=325000)
    IndicatorValueFactory(indicator=population, area=home, period=fy(2023), value=329197)
    # A figure for a later year is not this report's.
    IndicatorValueFactory(indicator=population, area=home, period=fy(2024), value=999999)
    poverty = IndicatorFactory(
        partnership=partnership,
        key="children-in-low-income-families-percent",
        name="Children in relative low-income families",
        unit="percentage",
        decimal_places=1,
        source="DWP Children in low income families",
    )
    IndicatorValueFactory(indicator=poverty, area=home, period=fy(2023), value="17.4")
    AgencyFactory(name="Oak Primary", type="school", partnerships=[partnership])
    AgencyFactory(name="Ash Academy", type="school", partnerships=[partnership])

    contribution = area_profile_figures([partnership.pk], START, END)
    rows = _rows(contribution)
    assert rows["Children aged 0 to 17"][2] == "329,197"
    assert rows["Children aged 0 to 17"][4] == "ONS mid-year population estimates"
    assert rows["Deprivation"][1] == "Children in relative low-income families"
    assert rows["Deprivation"][4] == "DWP Children in low income families"
    assert rows["Schools and settings"][2] == 2
    assert rows["Ethnicity"][1] == NO_FIGURE
    assert contribution.facts["area_missing"] == ["Ethnicity"]
    figures = {f.label: f.value for f in contribution.figures}
    assert figures["Children aged 0 to 17"] == "329,197"

    # The same figures as the performance pages show for the indicator.
    client = signed_in(Role.BUSINESS_UNIT)
    page = client.get(reverse("performance:indicator-detail", args=[population.pk]))
    assert "329,197" in page.content.decode()
    page = client.get(reverse("performance:indicator-detail", args=[poverty.pk]))
    assert rows["Deprivation"][2] in page.content.decode()


def test_with_no_data_every_line_says_there_is_no_figure(partnership, home):
    contribution = area_profile_figures([partnership.pk], START, END)
    rows = _rows(contribution)
    assert {row[1] for row in rows.values()} == {NO_FIGURE}
    assert {f.label: f.value for f in contribution.figures}["Children aged 0 to 17"] is None
    assert len(contribution.facts["area_missing"]) == 4
