"""The report pages: the public list and page (from the snapshot, constant queries), the
downloads, the business unit's pages, another partnership refused."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory, user_with_role
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.reports import services
from safeguarding.reports.documents import BuildError, report_files_build
from safeguarding.reports.tests.conftest import sign_all

pytestmark = pytest.mark.django_db


def _publish(bu, partnership, year: int, narrative_sections: int = 0):
    report = services.report_create(
        actor=bu,
        partnership=partnership,
        title=f"Yearly report {year}",
        period_start=date(year, 4, 1),
        period_end=date(year + 1, 3, 31),
    )
    for key in ["foreword", "voice", "scrutiny", "next_year"][:narrative_sections]:
        services.section_save(
            actor=bu,
            report=report,
            key=key,
            narrative=f"What **{key}** says.",
            case_study="Child Q",
        )
    report = services.report_share(actor=bu, report=report)
    report = sign_all(report, bu, on=date(2024, 5, 1))
    return services.report_publish(actor=bu, report=report)


def test_the_public_page_is_served_from_the_snapshot_in_constant_queries(client, bu, partnership):
    small = _publish(bu, partnership, 2020, narrative_sections=1)
    large = _publish(bu, partnership, 2021, narrative_sections=4)
    counts = []
    for report in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reports:public-detail", args=[report.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    page = response.content.decode()
    assert "What <strong>scrutiny</strong> says." in page
    assert "Sam Council" in page


def test_the_public_list_shows_only_published_reports(client, bu, partnership, draft):
    report = _publish(bu, partnership, 2021)
    page = client.get(reverse("reports:public-list")).content.decode()
    assert report.title in page
    assert draft.title not in page
    assert client.get(reverse("reports:public-detail", args=[draft.pk])).status_code == 404


def test_pdf_and_word_are_built_at_publication_and_downloaded(bu, partnership, client):
    report = _publish(bu, partnership, 2021)
    report_files_build(actor=bu, report=report)
    pdf = client.get(reverse("reports:public-pdf", args=[report.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = client.get(reverse("reports:public-docx", args=[report.pk]))
    assert b"".join(docx.streaming_content).startswith(b"PK")


def test_a_failed_build_says_why_and_keeps_the_previous_files(bu, partnership):
    report = _publish(bu, partnership, 2021)
    report_files_build(actor=bu, report=report)
    report.refresh_from_db()
    before = (report.pdf.name, report.docx.name, report.pdf.read())

    # A stored table without its headers cannot be laid out in Word.
    report.figures["finance"][0]["tables"] = [{"caption": "Broken", "rows": [[1, 2]]}]
    report.save(update_fields=["figures"])
    with pytest.raises(BuildError) as error:
        report_files_build(actor=bu, report=report)
    assert "could not be built" in str(error.value)
    report.refresh_from_db()
    assert (report.pdf.name, report.docx.name) == before[:2]
    assert report.pdf.read() == before[2]


def test_the_business_unit_builds_shares_signs_and_publishes_through_the_pages(
    bu_client, bu, draft
):
    detail = reverse("reports:report-detail", args=[draft.pk])
    page = bu_client.get(detail).content.decode()
    assert "Quality checks" in page
    assert "Figures as of" in page
    edit = reverse("reports:section-edit", args=[draft.pk, "voice"])
    preview = bu_client.post(edit, {"narrative": "Children told us **this**.", "preview": "1"})
    assert "Children told us <strong>this</strong>." in preview.content.decode()
    assert not draft.texts.exists()
    bu_client.post(edit, {"narrative": "Children told us **this**.", "case_study": ""})
    assert draft.texts.get(key="voice").narrative == "Children told us **this**."

    transition = reverse("reports:report-transition", args=[draft.pk])
    bu_client.post(transition, {"action": "share"})
    response = bu_client.post(transition, {"action": "publish"})
    draft.refresh_from_db()
    assert draft.status == "shared"
    for partner in ("local_authority", "health", "police"):
        bu_client.post(
            reverse("reports:sign-off", args=[draft.pk]),
            {"partner": partner, "signed_by_name": "A Partner", "signed_on": "2024-05-20"},
        )
    response = bu_client.post(transition, {"action": "publish"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.pdf and draft.docx


def test_bad_sign_off_input_says_what_is_wrong(bu_client, bu, draft):
    services.report_share(actor=bu, report=draft)
    response = bu_client.post(
        reverse("reports:sign-off", args=[draft.pk]),
        {"partner": "police", "signed_by_name": "Lee", "signed_on": "2024-07-01"},
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not draft.sign_offs.exists()


def test_another_partnership_cannot_see_a_draft(client, draft):
    outsider = user_with_role(Role.BUSINESS_UNIT, partnership=PartnershipFactory())
    client.force_login(outsider)
    assert client.get(reverse("reports:report-detail", args=[draft.pk])).status_code == 404
    response = client.post(reverse("reports:report-refresh", args=[draft.pk]))
    assert response.status_code == 404


def test_reading_a_draft_is_logged(bu_client, bu, draft):
    bu_client.get(reverse("reports:report-detail", args=[draft.pk]))
    assert AuditEvent.objects.filter(event="reports.report.view", actor=bu).exists()


def test_the_command_builds_each_format(partnership, tmp_path, capsys):
    import json

    from django.core.management import call_command

    for fmt in ("html", "pdf", "docx"):
        out = tmp_path / f"report.{fmt}"
        call_command(
            "yearly-report",
            "--partnership",
            partnership.slug,
            "--period",
            "2023-04-01:2024-03-31",
            "--format",
            fmt,
            "--output",
            str(out),
            "--json",
        )
        summary = json.loads(capsys.readouterr().out)
        assert summary["output"] == str(out)
        assert summary["sections"] >= 1
        assert "scrutiny_included" in summary["checks_failed"]
        assert out.stat().st_size > 0


def test_the_command_refuses_a_bad_period(partnership, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as error:
        call_command(
            "yearly-report",
            "--partnership",
            partnership.slug,
            "--period",
            "2024",
            "--format",
            "html",
            "--output",
            str(tmp_path / "x.html"),
        )
    assert "is not a period" in str(error.value)


def test_the_api_lists_published_reports_only(client, bu, partnership, draft):
    report = _publish(bu, partnership, 2021)
    report_files_build(actor=bu, report=report)
    data = client.get("/api/v1/yearly-reports/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["period_start"] == "2021-04-01"
    assert row["period_end"] == "2022-03-31"
    assert row["status"] == "published"
    assert row["published_on"] == "2024-06-01"
    assert row["url"].endswith(f"/yearly-reports/{report.pk}/")
    assert row["pdf_url"].endswith(f"/yearly-reports/{report.pk}/report.pdf")
    assert row["docx_url"].endswith(f"/yearly-reports/{report.pk}/report.docx")
    assert client.get(f"/api/v1/yearly-reports/{draft.pk}/").status_code == 404


def test_staff_lists_make_the_same_queries_with_more_rows(bu_client, bu, partnership):
    from safeguarding.reports.models import Inspection, InspectionAction, YearlyReport

    def add(n: int) -> None:
        for i in range(n):
            report = YearlyReport.objects.create(
                partnership=partnership,
                title=f"Draft {i}",
                period_start=date(2020 + i % 3, 4, 1),
                period_end=date(2021 + i % 3, 3, 31),
            )
            report.sign_offs.create(
                partner="police", signed_by_name="Lee", signed_on=date(2024, 1, 1)
            )
            inspection = Inspection.objects.create(
                partnership=partnership,
                type="cqc",
                title=f"Health {i}",
                inspected_on=date(2023, 1, 1),
            )
            inspection.agencies.add(AgencyFactory(partnerships=[partnership]))
            InspectionAction.objects.create(
                inspection=inspection, text="Do", due_on=date(2025, 1, 1)
            )

    counts = []
    for n in (2, 12):
        add(n)
        for url in ("reports:report-list", "reports:inspection-list", "reports:public-list"):
            with CaptureQueriesContext(connection) as queries:
                assert bu_client.get(reverse(url)).status_code == 200
            counts.append((url, len(queries)))
    assert counts[:3] == counts[3:]
