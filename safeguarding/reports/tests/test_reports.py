"""Building a yearly report: periods, figures and their snapshot, sign-off, publication."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core import reporting
from safeguarding.core.models import AuditEvent
from safeguarding.performance.models import Contribution, FinanceYear
from safeguarding.reports import services
from safeguarding.reports.audit_events import EVENTS
from safeguarding.reports.models import ReportStatus, YearlyReport
from safeguarding.reports.tests.conftest import sign_all

pytestmark = pytest.mark.django_db


def _contribution(partnership, year: int, amount: int):
    finance_year, _ = FinanceYear.objects.get_or_create(partnership=partnership, year=year)
    return Contribution.objects.create(
        finance_year=finance_year,
        agency=AgencyFactory(partnerships=[partnership]),
        statutory_group="police",
        amount=amount,
    )


def _finance_figures(report) -> list:
    return [f for c in report.figures["finance"] for f in c["figures"]]


def test_every_section_is_present_and_each_app_fills_its_own(draft):
    assert list(draft.figures) == list(reporting.SECTION_KEYS)
    sources = {c["source"] for section in draft.figures.values() for c in section}
    assert {
        "reviews",
        "training",
        "key_data",
        "finance",
        "assurance",
        "arrangements",
        "priorities",
        "inspections",
    } <= sources
    assert draft.figures_as_of is not None
    assert draft.status == ReportStatus.DRAFT


def test_sections_and_each_sections_sources_come_in_their_declared_order(draft, bu_client):
    """core.reporting.SECTIONS, then FIGURE_SOURCE_ORDER within a section: the bulletins,
    then the library's resources, campaigns and procedures under Communications."""
    assert [c["source"] for c in draft.figures["communications"]] == [
        "comms.bulletins",
        "library.resources",
        "library.campaigns",
        "library.procedures",
    ]
    page = bu_client.get(reverse("reports:report-detail", args=[draft.pk])).content.decode()
    assert re.findall(r'<section class="report-section" id="section-([a-z_]+)"', page) == [
        "foreword",
        "area",
        "arrangements",
        "contributions",
        "priorities",
        "reviews",
        "child_deaths",
        "assurance",
        "training",
        "key_data",
        "voice",
        "communications",
        "education",
        "scrutiny",
        "inspections",
        "finance",
        "next_year",
        "glossary",
    ]


def test_a_period_must_end_after_it_starts(bu, partnership):
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=bu,
            partnership=partnership,
            title="Backwards",
            period_start=date(2024, 3, 31),
            period_end=date(2023, 4, 1),
        )
    assert "must be after its start" in str(error.value)
    assert not YearlyReport.objects.exists()


def test_several_drafts_but_a_period_overlapping_a_published_report_is_refused(
    bu, partnership, published
):
    # A two-year report overlapping the published 2023–24 one is refused, with the reason.
    with pytest.raises(ValidationError) as error:
        services.report_create(
            actor=bu,
            partnership=partnership,
            title="Yearly report 2022–24",
            period_start=date(2022, 4, 1),
            period_end=date(2024, 3, 31),
        )
    assert "Yearly report 2023–24" in str(error.value)
    # The next year is fine, twice (two drafts).
    for _ in range(2):
        services.report_create(
            actor=bu,
            partnership=partnership,
            title="Yearly report 2024–25",
            period_start=date(2024, 4, 1),
            period_end=date(2025, 3, 31),
        )
    assert YearlyReport.objects.filter(partnership=partnership).count() == 3


def test_refresh_updates_a_draft_and_sign_off_freezes_the_figures(bu, partnership, draft):
    assert _finance_figures(draft)[0]["value"] == 0
    _contribution(partnership, 2023, 90000)
    draft = services.report_refresh(actor=bu, report=draft)
    assert _finance_figures(draft)[0]["value"] == 90000

    report = services.report_share(actor=bu, report=draft)
    report = sign_all(report, bu)
    assert report.status == ReportStatus.SIGNED_OFF
    assert report.is_frozen
    # A correction after sign-off does not change the report, and refreshing is refused.
    _contribution(partnership, 2023, 5000)
    with pytest.raises(ValidationError) as error:
        services.report_refresh(actor=bu, report=report)
    assert "frozen" in str(error.value)
    report.refresh_from_db()
    assert _finance_figures(report)[0]["value"] == 90000


def test_publishing_without_every_sign_off_is_refused(bu, draft):
    report = services.report_share(actor=bu, report=draft)
    services.sign_off_record(
        actor=bu, report=report, partner="police", signed_by_name="Lee", signed_on=date(2024, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.report_publish(actor=bu, report=report)
    assert "signed it off" in str(error.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.SHARED
    assert report.published_on is None


def test_a_partner_signs_once_and_not_on_a_draft_or_in_the_future(bu, draft):
    with pytest.raises(ValidationError):
        services.sign_off_record(
            actor=bu,
            report=draft,
            partner="police",
            signed_by_name="Lee",
            signed_on=date(2024, 5, 1),
        )
    report = services.report_share(actor=bu, report=draft)
    with pytest.raises(ValidationError) as error:
        services.sign_off_record(
            actor=bu,
            report=report,
            partner="police",
            signed_by_name="Lee",
            signed_on=date(2024, 6, 2),
        )
    assert "future" in str(error.value)
    services.sign_off_record(
        actor=bu, report=report, partner="police", signed_by_name="Lee", signed_on=date(2024, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.sign_off_record(
            actor=bu,
            report=report,
            partner="police",
            signed_by_name="Lee",
            signed_on=date(2024, 5, 1),
        )
    assert "already signed" in str(error.value)
    assert report.sign_offs.count() == 1


def test_the_text_is_locked_once_signed_off(bu, published):
    with pytest.raises(ValidationError) as error:
        services.section_save(actor=bu, report=published, key="foreword", narrative="Changed")
    assert "signed off" in str(error.value)
    assert not published.texts.filter(narrative="Changed").exists()


def test_distribution_dates_are_recorded_after_publication(bu, published):
    assert published.published_on == date(2024, 6, 1)
    services.distribution_record(
        actor=bu, report=published, recipient="panel", sent_on=date(2024, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.distribution_record(
            actor=bu, report=published, recipient="foundations", sent_on=date(2024, 5, 1)
        )
    assert "before the report was published" in str(error.value)
    assert published.distributions.count() == 1


def test_every_code_written_is_declared(bu, published):
    services.distribution_record(
        actor=bu, report=published, recipient="hwb", sent_on=date(2024, 6, 1)
    )
    written = set(
        AuditEvent.objects.filter(event__startswith="reports.").values_list("event", flat=True)
    )
    assert written
    assert written <= set(EVENTS)


def test_a_joint_report_counts_both_partnerships(bu, partnership):
    neighbour = PartnershipFactory()
    _contribution(partnership, 2023, 1000)
    _contribution(neighbour, 2023, 2000)
    report = services.report_create(
        actor=bu,
        partnership=partnership,
        title="Joint report",
        period_start=date(2023, 4, 1),
        period_end=date(2024, 3, 31),
        joint_partnerships=[neighbour],
    )
    assert report.figures["finance"][0]["facts"]["contributions_total"] == 3000
