"""The indicator pages: list, one indicator with chart and comparisons, key data table, the
business unit's forms and the upload page."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safeguarding.core.roles import Role
from safeguarding.performance.models import Indicator, IndicatorNarrative, IndicatorValue
from safeguarding.performance.periods import reporting_year
from safeguarding.performance.services.indicators import indicator_create, value_record
from safeguarding.performance.services.reference import period_for
from safeguarding.performance.tests.factories import (
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    fy,
)
from safeguarding.planning.models import BusinessPlan, Priority, Theme

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def plan(partnership):
    import datetime

    return BusinessPlan.objects.create(
        partnership=partnership,
        title="Business plan",
        starts_on=datetime.date(2022, 4, 1),
        ends_on=datetime.date(2025, 3, 31),
    )


def test_list_filters_by_theme_and_priority(signed_in, partnership, plan):
    neglect = Theme.objects.create(name="Neglect (test)", slug="neglect-test")
    priority = Priority.objects.create(plan=plan, title="Early help")
    IndicatorFactory(partnership=partnership, name="Neglect plans", themes=[neglect])
    IndicatorFactory(partnership=partnership, name="Early help assessments", priority=priority)
    client = signed_in(Role.CHAIR)
    url = reverse("performance:indicator-list")
    assert "Neglect plans" in text(client.get(url)) and "Early help" in text(client.get(url))
    by_theme = text(client.get(url, {"theme": "neglect-test"}))
    assert "Neglect plans" in by_theme and "Early help assessments" not in by_theme
    by_priority = text(client.get(url, {"priority": priority.pk}))
    assert "Early help assessments" in by_priority and "Neglect plans" not in by_priority


def test_list_shows_latest_figure_and_off_target(signed_in, partnership, home):
    indicator = IndicatorFactory(
        partnership=partnership,
        name="Re-referrals",
        unit="percentage",
        decimal_places=1,
        polarity="lower_is_better",
        target=Decimal(18),
    )
    IndicatorValueFactory(indicator=indicator, area=home, period=fy(2021), value=Decimal("17.5"))
    IndicatorValueFactory(indicator=indicator, area=home, period=fy(2022), value=Decimal("22.4"))
    page = text(signed_in(Role.PRACTITIONER).get(reverse("performance:indicator-list")))
    assert "22.4%" in page and "17.5%" not in page
    assert '<strong class="govuk-tag govuk-tag--red">Off target</strong>' in page


def test_list_query_count_does_not_grow_with_rows(
    signed_in, partnership, home, django_assert_max_num_queries
):
    theme = Theme.objects.create(name="Test theme", slug="test-theme")
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:indicator-list")

    def add(count):
        for _ in range(count):
            indicator = IndicatorFactory(partnership=partnership, themes=[theme])
            IndicatorValueFactory(indicator=indicator, area=home)

    add(3)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "30 indicators" in text(response)


@pytest.fixture
def essex_like(partnership, home):
    """The home area with its region, England and a statistical neighbour, and figures."""
    from safeguarding.performance.models import StatisticalNeighbour

    england = AreaFactory(name="England", slug="england", kind="national")
    region = AreaFactory(name="East of England", slug="east-of-england", kind="regional")
    home.parent = region
    home.save()
    neighbour = AreaFactory(name="Kent", slug="kent")
    StatisticalNeighbour.objects.create(area=home, neighbour=neighbour, rank=1)
    indicator = IndicatorFactory(
        partnership=partnership,
        name="Referrals per 10,000 children",
        unit="rate_per_10000",
        decimal_places=1,
        period_type="reporting_year",
        polarity="lower_is_better",
        target=Decimal(200),
    )
    figures = {
        home: [Decimal("231.6"), Decimal("194.8")],
        region: [Decimal("319.2"), Decimal("331.6")],
        england: [Decimal("507.1"), Decimal("518.3")],
        neighbour: [Decimal("600"), None],
    }
    for area, (first, last) in figures.items():
        for year, value in ((2021, first), (2024, last)):
            IndicatorValue.objects.create(
                indicator=indicator,
                area=area,
                period=period_for(reporting_year(year)),
                value=value,
                flag="" if value is not None else "suppressed",
                source_symbol="" if value is not None else "c",
            )
    return indicator


def test_indicator_page_has_a_chart_and_a_table_with_the_same_numbers(signed_in, essex_like):
    page = text(
        signed_in(Role.CHAIR).get(reverse("performance:indicator-detail", args=[essex_like.pk]))
    )
    assert '<svg class="app-chart__svg"' in page and 'role="img"' in page
    assert "<script" not in page.split("<main")[1].split("</main>")[0]
    for figure in ["231.6", "194.8", "319.2", "331.6", "507.1", "518.3"]:
        assert figure in page  # each number in the table that goes with the chart
    # Comparison for the latest year: England, the region and the neighbour (suppressed).
    comparison = page.split("Compared with other areas")[1].split("Narrative")[0]
    assert "This partnership" in comparison and "Region" in comparison and "England" in comparison
    assert "Statistical neighbour" in comparison and "Suppressed" in comparison
    # 231.6 is above the target of 200 (lower is better): off target; 194.8 is on target.
    assert "Off target" in page and "On target" in page


def test_derived_indicator_page_names_its_inputs(signed_in, partnership):
    IndicatorFactory(partnership=partnership, key="referrals", name="Referrals")
    IndicatorFactory(partnership=partnership, key="assessments", name="Assessments")
    derived = indicator_create(
        job="test",
        partnership=partnership,
        key="conversion",
        name="Conversion",
        unit="percentage",
        formula="100 * {assessments} / {referrals}",
    )
    page = text(
        signed_in(Role.BUSINESS_UNIT).get(
            reverse("performance:indicator-detail", args=[derived.pk])
        )
    )
    assert "100 * {assessments} / {referrals}" in page
    assert "Record a figure" not in page


def test_business_unit_defines_an_indicator(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:indicator-new")
    response = client.post(
        url,
        {
            "name": "Children missing education",
            "key": "cme",
            "unit": "count",
            "polarity": "lower_is_better",
            "period_type": "financial_year",
            "decimal_places": 0,
            "key_data_order": 8,
            "in_key_data": "on",
        },
    )
    indicator = Indicator.objects.get(key="cme")
    assert response.status_code == 302
    assert response["Location"] == reverse("performance:indicator-detail", args=[indicator.pk])
    assert indicator.in_key_data and indicator.partnership == partnership


def test_a_formula_referring_to_itself_is_shown_as_an_error(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        reverse("performance:indicator-new"),
        {
            "name": "Loop",
            "key": "loop",
            "unit": "count",
            "polarity": "neutral",
            "period_type": "financial_year",
            "decimal_places": 0,
            "key_data_order": 0,
            "formula": "{loop} * 2",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "this indicator itself" in text(response)
    assert not Indicator.objects.filter(key="loop").exists()


def test_business_unit_records_a_figure_and_narrative(signed_in, partnership, home):
    indicator = IndicatorFactory(partnership=partnership, name="Young carers' assessments")
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.post(
        reverse("performance:value-new", args=[indicator.pk]),
        {
            "area": home.pk,
            "period": "2022-23",
            "value": "1,124",
            "flag": "incomplete",
            "note": "Partial year",
        },
    )
    assert response.status_code == 302
    stored = IndicatorValue.objects.get()
    assert (stored.value, stored.flag, stored.note) == (1124, "incomplete", "Partial year")
    bad = client.post(
        reverse("performance:value-new", args=[indicator.pk]),
        {"area": home.pk, "period": "2022-23", "value": "lots"},
    )
    assert "Enter “lots” is not a number" in text(bad)
    response = client.post(
        reverse("performance:narrative-edit", args=[indicator.pk]),
        {"period": stored.period_id, "text": "The service model has continued to grow."},
    )
    assert response.status_code == 302
    assert IndicatorNarrative.objects.get().text == "The service model has continued to grow."
    page = text(client.get(reverse("performance:indicator-detail", args=[indicator.pk])))
    assert "The service model has continued to grow." in page and "Incomplete data" in page


def test_seed_key_data_table_is_reproduced_with_derived_rates(signed_in, partnership, home):
    referrals = indicator_create(
        job="test",
        partnership=partnership,
        key="referrals",
        name="Number of requests for support progressed to referrals",
        in_key_data=True,
        key_data_order=1,
    )
    assessments = indicator_create(
        job="test",
        partnership=partnership,
        key="assessments",
        name="Referrals leading to an assessment",
        in_key_data=True,
        key_data_order=2,
    )
    indicator_create(
        job="test",
        partnership=partnership,
        key="conversion",
        name="Conversion rate of referrals leading to an assessment",
        unit="percentage",
        decimal_places=1,
        formula="100 * {assessments} / {referrals}",
        in_key_data=True,
        key_data_order=3,
    )
    carers = indicator_create(
        job="test",
        partnership=partnership,
        key="carers",
        name="Number of Young Carers' assessments",
        in_key_data=True,
        key_data_order=4,
    )
    for year, r, a, c in [
        (2020, 7720, 6417, 757),
        (2021, 6887, 6118, 674),
        (2022, 6586, 5922, 1124),
    ]:
        value_record(job="test", indicator=referrals, area=home, period=fy(year), value=Decimal(r))
        value_record(
            job="test", indicator=assessments, area=home, period=fy(year), value=Decimal(a)
        )
        value_record(
            job="test",
            indicator=carers,
            area=home,
            period=fy(year),
            value=Decimal(c),
            flag="incomplete" if year == 2022 else "",
            note="Different timeframes for data capture" if year == 2022 else "",
        )
    from safeguarding.performance.services.indicators import narrative_save

    narrative_save(
        job="test",
        indicator=assessments,
        period=fy(2022),
        text="The conversion has moved from 83% to 89% over the last 3 years.",
    )
    page = text(signed_in(Role.SAFEGUARDING_PARTNER).get(reverse("performance:key-data")))
    for heading in ["2020–21", "2021–22", "2022–23"]:
        assert heading in page
    for figure in ["7,720", "6,887", "6,586", "6,417", "6,118", "5,922", "757", "674", "1,124"]:
        assert figure in page
    for rate in ["83.1%", "88.8%", "89.9%"]:  # computed from the figures, never typed
        assert rate in page
    assert "Incomplete data" in page and "Different timeframes for data capture" in page
    assert "moved from 83% to 89%" in page


def test_key_data_query_count_does_not_grow_with_indicators_and_years(
    signed_in, partnership, home, django_assert_max_num_queries
):
    client = signed_in(Role.CHAIR)
    url = reverse("performance:key-data") + "?years=10"

    def add(count, years):
        for _ in range(count):
            indicator = IndicatorFactory(partnership=partnership, in_key_data=True)
            for year in years:
                IndicatorValueFactory(indicator=indicator, area=home, period=fy(year))

    add(2, [2022])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    add(18, range(2013, 2023))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_upload_page_imports_and_lists_problems_by_line(
    signed_in, partnership, home, django_capture_on_commit_callbacks
):
    IndicatorFactory(partnership=partnership, key="cme", name="Children missing education")
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:import")

    def post(data):  # the import runs in the background once the upload is saved
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        return text(client.get(response["Location"]))

    bad = SimpleUploadedFile(
        "cme.csv",
        b"indicator,area,period,value\ncme,Testshire,2022-23,477\ncme,Testshire,2021-22,many\n",
    )
    page = post({"file": bad, "format": ""})
    assert "Nothing was imported" in page and "“many” is not a number" in page
    assert not IndicatorValue.objects.exists()
    good = SimpleUploadedFile(
        "cme.csv", b"indicator,area,period,value\ncme,Testshire,2022-23,477\n"
    )
    page = post({"file": good, "format": "csv"})
    assert "Import complete" in page
    assert IndicatorValue.objects.get().value == 477


def test_upload_of_a_file_in_the_wrong_format_is_refused(signed_in, partnership):
    client = signed_in(Role.BUSINESS_UNIT)
    odd = SimpleUploadedFile("notes.csv", b"hello,world\n1,2\n")
    page = text(client.post(reverse("performance:import"), {"file": odd}))
    assert "There is a problem" in page and "neither DfE Explore Education Statistics" in page


def test_pages_of_another_partnership_are_not_found(client, partnership, make_user):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    elsewhere = IndicatorFactory(partnership=PartnershipFactory())
    client.force_login(make_user(Role.BUSINESS_UNIT))
    assert (
        client.get(reverse("performance:indicator-detail", args=[elsewhere.pk])).status_code == 404
    )
    assert client.get(reverse("performance:indicator-edit", args=[elsewhere.pk])).status_code == 404


def test_key_data_compares_the_latest_year_with_the_region_and_england(signed_in, essex_like):
    essex_like.in_key_data = True
    essex_like.save()
    page = text(signed_in(Role.CHAIR).get(reverse("performance:key-data"), {"years": 5}))
    assert "East of England 2023–24" in page and "England 2023–24" in page
    for figure in ["231.6", "194.8", "331.6", "518.3"]:
        assert figure in page
    assert "Kent" not in page  # neighbours are compared on the indicator's own page


def test_key_data_leaves_out_comparison_columns_without_figures(signed_in, partnership, home):
    AreaFactory(name="England", slug="england", kind="national")
    indicator = IndicatorFactory(partnership=partnership, in_key_data=True)
    IndicatorValueFactory(indicator=indicator, area=home, period=fy(2022), value=5)
    page = text(signed_in(Role.CHAIR).get(reverse("performance:key-data")))
    assert "2022–23" in page and "England 2022–23" not in page


def test_a_partnership_sharing_an_agency_is_compared_as_a_joint_partner(
    signed_in, partnership, essex_like
):
    """Southend, Essex and Thurrock share agencies: each compares itself with the others.
    A partnership that shares none is not a joint partner."""
    from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory

    thurrock = PartnershipFactory(name="Thurrock partnership", area="Thurrock")
    PartnershipFactory(name="Elsewhere partnership", area="Elsewhere")
    AgencyFactory(partnerships=[partnership, thurrock])  # a shared police force
    AgencyFactory(partnerships=[partnership])
    for name in ("Thurrock", "Elsewhere"):
        IndicatorValue.objects.create(
            indicator=essex_like,
            area=AreaFactory(name=name, slug=name.lower()),
            period=period_for(reporting_year(2024)),
            value=Decimal("250"),
        )

    page = text(
        signed_in(Role.CHAIR).get(reverse("performance:indicator-detail", args=[essex_like.pk]))
    )

    comparison = page.split("Compared with other areas")[1].split("Narrative")[0]
    assert "Thurrock" in comparison and "Joint partner" in comparison
    assert "Elsewhere" not in comparison
