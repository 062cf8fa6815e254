"""The quality checks for agency contributions and the area profile: each says where the gap
is (naming the agencies still to submit, or the lines with no figure) and links to fix it."""

from datetime import date

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.services.contributions import contribution_campaign_start
from safeguarding.assurance.services.templates import template_library_load
from safeguarding.performance.tests.factories import (
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    fy,
)
from safeguarding.reports import services
from safeguarding.reports.checks import quality_checks

pytestmark = pytest.mark.django_db


def _check(report, key: str) -> dict:
    page_checks = {
        c.key: c for c in quality_checks(report=report, figures=report.figures or {}, narratives={})
    }
    return page_checks[key].as_dict()


def test_contributions_warn_when_none_were_asked_for(bu_client, draft):
    check = _check(draft, "contributions_received")
    assert not check["passed"]
    assert check["gap"] == "No agency was asked for a contribution for this period."
    assert check["fix_url"] == f"{reverse('assurance:contribution-new')}?report={draft.pk}"
    page = bu_client.get(reverse("reports:report-detail", args=[draft.pk])).content.decode()
    assert "Agency contributions received" in page
    assert "No agency was asked for a contribution for this period." in page


def test_contributions_name_the_agencies_that_have_not_submitted(bu, partnership, draft):
    from safeguarding.assurance.models import ReturnStatus

    template_library_load(job="test")
    agencies = [
        AgencyFactory(name=name, type=kind, partnerships=[partnership])
        for name, kind in [
            ("Testshire County Council", "local_authority"),
            ("Testshire Integrated Care Board", "icb"),
            ("Testshire Police", "police"),
        ]
    ]
    campaign = contribution_campaign_start(
        actor=bu,
        partnership=partnership,
        title="Contributions 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        opens_on=date(2024, 6, 1),
        closes_on=date(2024, 7, 1),
        agencies=agencies,
    )
    # The council has submitted (set directly: the return pages are tested with the
    # contributions); the board and the police have not.
    campaign.returns.filter(agency=agencies[0]).update(status=ReturnStatus.SUBMITTED)
    report = services.report_refresh(actor=bu, report=draft)
    check = _check(report, "contributions_received")
    assert not check["passed"]
    assert check["gap"] == (
        "Not yet submitted by: Testshire Integrated Care Board; Testshire Police."
    )
    assert check["fix_label"] == "Chase the agencies"

    campaign.returns.update(status=ReturnStatus.SUBMITTED)
    report = services.report_refresh(actor=bu, report=report)
    assert _check(report, "contributions_received")["passed"]


def test_the_area_profile_warns_about_lines_with_no_figure(bu, partnership, draft):
    check = _check(draft, "area_profile_complete")
    assert not check["passed"]
    assert check["gap"] == (
        "No figure in the performance data for: Children aged 0 to 17; Deprivation; "
        "Ethnicity; Schools and settings."
    )
    assert check["fix_url"] == reverse("performance:indicator-list")

    home = AreaFactory(name=partnership.area, slug="testshire-area")
    for key, value in [
        ("dfe-child-population", 329197),
        ("children-in-low-income-families-percent", 17),
        ("pupils-by-ethnic-group-percent-white-british", 80),
        ("number-of-schools", 120),
    ]:
        indicator = IndicatorFactory(partnership=partnership, key=key, name=key)
        IndicatorValueFactory(indicator=indicator, area=home, period=fy(2023), value=value)
    report = services.report_refresh(actor=bu, report=draft)
    assert _check(report, "area_profile_complete")["passed"]


def test_a_joint_reports_area_profile_check_names_whose_profile_has_the_gap(
    bu_client, bu, partnership
):
    from safeguarding.accounts.tests.factories import PartnershipFactory

    neighbour = PartnershipFactory(slug="otherford", name="Otherford Partnership", area="Otherford")
    theirs = AreaFactory(name="Otherford", slug="otherford-area")
    ours = AreaFactory(name=partnership.area, slug="testshire-area")
    for owner, area, keys in [
        (
            partnership,
            ours,
            [
                "dfe-child-population",
                "children-in-low-income-families-percent",
                "number-of-schools",
            ],
        ),
        (neighbour, theirs, ["dfe-child-population"]),
    ]:
        for key in keys:
            indicator = IndicatorFactory(partnership=owner, key=key, name=key)
            IndicatorValueFactory(indicator=indicator, area=area, period=fy(2023), value=10)
    report = services.report_create(
        actor=bu,
        partnership=partnership,
        title="Joint yearly report 2023–24",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        joint_partnerships=[neighbour],
    )
    expected = (
        "No figure in the performance data for: Otherford Partnership: Schools and settings, "
        "Deprivation, Ethnicity; Testshire Safeguarding Partnership: Ethnicity."
    )
    assert _check(report, "area_profile_complete")["gap"] == expected
    page = bu_client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    assert expected in page

    # Once the neighbour's figures are in, the gap names only the partnership still short.
    for key in ["number-of-schools", "deprivation-idaci", "pupils-by-ethnic-group-percent"]:
        indicator = IndicatorFactory(partnership=neighbour, key=key, name=key)
        IndicatorValueFactory(indicator=indicator, area=theirs, period=fy(2023), value=10)
    bu_client.post(reverse("reports:report-refresh", args=[report.pk]))
    page = bu_client.get(reverse("reports:report-detail", args=[report.pk])).content.decode()
    assert (
        "No figure in the performance data for: Testshire Safeguarding Partnership: Ethnicity."
        in page
    )
    report.refresh_from_db()
    assert _check(report, "area_profile_complete")["gap"] == (
        "No figure in the performance data for: Testshire Safeguarding Partnership: Ethnicity."
    )
