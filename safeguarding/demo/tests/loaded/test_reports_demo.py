"""The demo's yearly reports: Essex's 2021–23 report is complete, signed off and published,
with the shapes of the seed report's tables, its PDF and Word files; the 2023–24 draft has
three agencies' contributions."""

from django.urls import reverse

from safeguarding.reports.models import Arrangements, YearlyReport


def _figure(report, section: str, label: str):
    for contribution in report.figures[section]:
        for figure in contribution["figures"]:
            if figure["label"] == label:
                return figure["value"]
    raise AssertionError(f"No figure {label!r} in {section}")


def test_the_demo_report_is_published_with_the_seed_reports_shapes(client):
    report = YearlyReport.objects.get(partnership__slug="essex", title="Yearly report 2021–23")
    assert report.status == "published"
    assert report.sign_offs.count() == 3
    assert report.is_frozen and report.pdf and report.docx
    assert all(check["passed"] for check in report.checks), report.checks
    # "80 learning and development opportunities to 1,753 people"
    assert _figure(report, "training", "Learning and development opportunities") == 80
    assert _figure(report, "training", "People reached") == 1753
    assert _figure(report, "assurance", "Section 175/157 return rate") is not None
    assert _figure(report, "key_data", "Years compared") >= 2
    finance = report.figures["finance"][0]["tables"][0]
    assert [row[0] for row in finance["rows"][:3]] == [
        "Local authority",
        "Police",
        "Health (integrated care boards)",
    ]
    assert _figure(report, "reviews", "Recommendations made") > 0
    # Communications and voice, loaded before the report froze: 24 monthly bulletins whose
    # open rate rose from about 24 % to 30 %, resource use, the safer sleep campaign's reach.
    assert _figure(report, "communications", "Bulletin editions sent") == 24
    assert 26 <= _figure(report, "communications", "Average unique open rate") <= 28
    assert _figure(report, "communications", "Resource views") > 0
    assert _figure(report, "communications", "People reached by campaigns") >= 450_000
    assert _figure(report, "voice", "Children and young people who took part") > 0
    # The partners' contributions for 2021–23, and an area profile with every line filled.
    (contributions,) = report.figures["contributions"]
    assert [t["caption"] for t in contributions["tables"]] == [
        "Essex County Council",
        "Essex Police",
        "Mid and South Essex Integrated Care Board",
    ]
    assert "Child T" in str(contributions["tables"])
    (area,) = report.figures["area"]
    assert area["facts"]["area_missing"] == []
    assert {c["key"] for c in report.checks} >= {"contributions_received", "area_profile_complete"}
    # The child deaths the panel reviewed in 2021–23 load before the report froze: the
    # section shows them, with small counts withheld as everywhere else.
    reviewed = _figure(report, "child_deaths", "Deaths reviewed by the child death overview panel")
    assert reviewed >= 20
    (deaths,) = report.figures["child_deaths"]
    by_expected = next(t for t in deaths["tables"] if t["headers"][0] == "Death")
    assert any(isinstance(row[1], int) and row[1] >= 5 for row in by_expected["rows"])
    page = client.get(reverse("reports:public-detail", args=[report.pk]))
    assert page.status_code == 200
    assert "Deaths reviewed by the child death overview panel" in page.content.decode()
    assert Arrangements.objects.filter(partnership__slug="essex").count() == 1

    # The 2023–24 draft has three agencies' contributions (ADR 0032).
    draft = YearlyReport.objects.get(partnership__slug="essex", title="Yearly report 2023–24")
    assert draft.status == "draft" and not draft.is_frozen
    (contributions,) = draft.figures["contributions"]
    assert [t["caption"] for t in contributions["tables"]] == [
        "Essex County Council",
        "Essex Police",
        "Mid and South Essex Integrated Care Board",
    ]
    assert _figure(draft, "contributions", "Contribution return rate") == 100.0
    assert "Child Q" in str(contributions["tables"])
