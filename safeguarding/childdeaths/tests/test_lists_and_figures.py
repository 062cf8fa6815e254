"""The list and figures pages make the same number of queries whatever the number of deaths;
the figures count by category, age band, expected and modifiable; public figures suppress
small numbers; overdue reports are chased once a week."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguarding.childdeaths import selectors, services
from safeguarding.childdeaths.disclosure import WITHHELD
from safeguarding.childdeaths.jobs import CHASE_JOB
from safeguarding.childdeaths.tests.factories import AgencyReportFactory, ChildDeathFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs

pytestmark = pytest.mark.django_db


def _deaths(partnerships, agency, count, start=0, **fields):
    made = []
    for index in range(start, start + count):
        death = ChildDeathFactory(
            reference=f"CD-Q-{index:04d}",
            partnerships=partnerships,
            notifying_agency=agency,
            **fields,
        )
        AgencyReportFactory(child_death=death, agency=agency)
        made.append(death)
    return made


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["childdeaths:list", "childdeaths:figures"])
def test_the_query_count_does_not_grow_with_the_deaths(
    client, member, partnership, neighbour, agencies, url_name
):
    client.force_login(member)
    _deaths([partnership, neighbour], agencies["health"], 3)
    few = _queries(client, reverse(url_name))
    _deaths([partnership, neighbour], agencies["health"], 30, start=3)
    many = _queries(client, reverse(url_name))
    assert many == few


def test_the_list_shows_the_clocks(client, member, partnership, agencies):
    late = ChildDeathFactory(
        reference="CD-LATE",
        partnerships=[partnership],
        notifying_agency=agencies["health"],
        died_on=datetime.date(2025, 1, 1),
        notified_on=datetime.date(2025, 1, 9),
    )
    AgencyReportFactory(
        child_death=late, agency=agencies["police"], due_on=datetime.date(2025, 2, 1)
    )
    client.force_login(member)
    page = client.get(reverse("childdeaths:list"))
    row = next(r for r in page.context["rows"] if r["death"] == late)
    assert row["notification"].days == 8 and row["notification"].breached
    assert row["death"].reports_overdue == 1
    assert row["panel"].running and row["panel"].breached
    overdue_only = client.get(reverse("childdeaths:list"), {"overdue": "1"})
    assert [r["death"] for r in overdue_only.context["rows"]] == [late]


def test_figures_count_by_category_age_expected_and_modifiable(member, partnership, agencies):
    for index in range(6):
        ChildDeathFactory(
            partnerships=[partnership],
            notifying_agency=agencies["health"],
            status="reviewed",
            category="sudden" if index < 5 else "infection",
            modifiable=index < 2,
            expected=index == 5,
            age_at_death_days=10 if index < 3 else 4000,
            age_band="0_27d" if index < 3 else "10_14",
        )
    found = selectors.figures(user=member)
    by = {
        key: {row["key"]: row["count"] for row in found[key]}
        for key in ("by_category", "by_age_band", "by_expected", "by_modifiable")
    }
    assert found["total"] == 6
    assert by["by_category"]["sudden"] == 5 and by["by_category"]["infection"] == 1
    assert by["by_age_band"]["0_27d"] == 3 and by["by_age_band"]["10_14"] == 3
    assert by["by_expected"][True] == 1 and by["by_expected"][False] == 5
    assert by["by_modifiable"][True] == 2 and by["by_modifiable"][False] == 4

    public = selectors.public_figures()
    counts = {row["label"]: row["count"] for row in public["by_category"]}
    # The 1 infection is withheld, and so is the 5 beside it, or 6 - 5 would give it away.
    assert counts["Sudden unexpected, unexplained death"] == WITHHELD
    assert counts["Infection"] == WITHHELD
    assert counts["Malignancy"] == 0
    assert public["total"] == 6
    every_public_count = [
        row["count"]
        for key in ("by_category", "by_age_band", "by_expected", "by_modifiable")
        for row in public[key]
    ]
    assert not [c for c in every_public_count if isinstance(c, int) and 0 < c < 5]


def test_public_figures_leave_out_deaths_not_yet_reviewed(partnership, agencies):
    ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    assert selectors.public_figures()["total"] == 0


def test_overdue_reports_are_chased_once_a_week(
    partnership, agencies, lead_of, django_capture_on_commit_callbacks, settings
):
    lead_of(agencies["police"], email="police.lead@test.example")
    death = ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    report = AgencyReportFactory(
        child_death=death, agency=agencies["police"], due_on=datetime.date(2025, 1, 1)
    )
    AgencyReportFactory(
        child_death=death, agency=agencies["health"], due_on=datetime.date(2999, 1, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_chase_overdue(job=CHASE_JOB, today=datetime.date(2025, 1, 10)) == 1
        assert services.report_chase_overdue(job=CHASE_JOB, today=datetime.date(2025, 1, 12)) == 0
        assert services.report_chase_overdue(job=CHASE_JOB, today=datetime.date(2025, 1, 17)) == 1
    assert [m.to for m in mail.outbox] == [["police.lead@test.example"]] * 2
    assert "overdue" in mail.outbox[0].subject
    report.refresh_from_db()
    assert report.last_chased_on == datetime.date(2025, 1, 17)
    assert AuditEvent.objects.filter(event="childdeaths.report.chase").count() == 2


def test_the_chaser_job_is_registered_and_runs(partnership, agencies):
    death = ChildDeathFactory(partnerships=[partnership], notifying_agency=agencies["health"])
    AgencyReportFactory(
        child_death=death, agency=agencies["police"], due_on=datetime.date(2025, 1, 1)
    )
    results = {job.name: done for job, done, _error in run_due_jobs(only=CHASE_JOB)}
    assert results[CHASE_JOB] == 1


def test_public_figures_of_one_year_and_all_years_never_reveal_a_withheld_count(
    partnership, agencies
):
    """A year's 1 infection would be the all-years infections minus the other year's: the
    complement is withheld across years as well as within the year."""
    for year, category, n in (
        (2024, "infection", 1),
        (2024, "sudden", 9),
        (2025, "infection", 7),
        (2025, "sudden", 8),
    ):
        for _ in range(n):
            ChildDeathFactory(
                partnerships=[partnership],
                notifying_agency=agencies["health"],
                status="reviewed",
                category=category,
                modifiable=False,
                died_on=datetime.date(year, 3, 1),
                notified_on=datetime.date(year, 3, 2),
            )
    tables = {year: selectors.public_figures(year=year) for year in (2024, 2025, None)}
    infection = {
        year: next(r["count"] for r in t["by_category"] if r["key"] == "infection")
        for year, t in tables.items()
    }
    assert infection[2024] == WITHHELD
    # Within 2024 (total 10 shown) and across years (all-years 8 shown), a second count hides.
    assert infection[2025] == WITHHELD or infection[None] == WITHHELD
    sudden_2024 = next(r["count"] for r in tables[2024]["by_category"] if r["key"] == "sudden")
    assert sudden_2024 == WITHHELD or tables[2024]["total"] == WITHHELD


@pytest.mark.parametrize(
    "query",
    ["", "?year=2021", "?partnership={partnership}", "?year=2021&partnership={partnership}"],
)
def test_the_figures_make_the_same_queries_for_one_year_of_deaths_as_for_ten(
    client, member, partnership, neighbour, agencies, query
):
    client.force_login(member)
    url = reverse("childdeaths:figures") + query.format(partnership=partnership.pk)
    _deaths([partnership], agencies["health"], 2, died_on=datetime.date(2021, 5, 1))
    one_year = _queries(client, url)
    for year in range(2012, 2022):
        _deaths(
            [partnership, neighbour],
            agencies["health"],
            2,
            start=year * 10,
            died_on=datetime.date(year, 3, 1),
            status="reviewed",
            category="infection",
        )
    assert _queries(client, url) == one_year


def test_the_figures_by_year_and_partnership_count_a_shared_death_once_in_all(
    member, partnership, neighbour, elsewhere, agencies
):
    member.role_assignments.create(partnership=neighbour, role=Role.CDOP_MEMBER)
    health = agencies["health"]
    ChildDeathFactory(
        partnerships=[partnership, neighbour],
        notifying_agency=health,
        died_on=datetime.date(2023, 5, 1),
        notified_on=datetime.date(2023, 5, 2),
        status="reviewed",
        category="infection",
        modifiable=True,
        panel_theme="sudi",
    )
    ChildDeathFactory(
        partnerships=[partnership],
        notifying_agency=health,
        died_on=datetime.date(2024, 2, 1),
        notified_on=datetime.date(2024, 2, 2),
        expected=True,
    )
    ChildDeathFactory(
        partnerships=[neighbour],
        notifying_agency=health,
        died_on=datetime.date(2024, 6, 1),
        notified_on=datetime.date(2024, 6, 2),
        status="reviewed",
        category="malignancy",
        modifiable=False,
    )
    ChildDeathFactory(partnerships=[elsewhere], notifying_agency=health)  # not theirs

    def counts(found, name):
        return {row["key"]: row["count"] for row in found[name] if row["count"]}

    every = selectors.figures(user=member)
    assert every["total"] == 3
    assert every["years"] == [2024, 2023]
    assert [(r["year"], r["n"], r["unexpected"], r["modifiable"]) for r in every["by_year"]] == [
        (2024, 2, 1, 0),
        (2023, 1, 1, 1),
    ]
    assert {r["partnerships__name"]: r["n"] for r in every["by_partnership"]} == {
        partnership.name: 2,
        neighbour.name: 2,
    }
    # The panel's findings count only the deaths it has reviewed.
    assert counts(every, "by_category") == {"infection": 1, "malignancy": 1}
    assert counts(every, "by_theme") == {"sudi": 1, "": 1}
    assert counts(every, "by_modifiable") == {True: 1, False: 1}
    assert counts(every, "by_expected") == {True: 1, False: 2}

    one_year = selectors.figures(user=member, year=2024)
    assert one_year["total"] == 2 and one_year["years"] == [2024, 2023]
    assert [r["year"] for r in one_year["by_year"]] == [2024]
    assert counts(one_year, "by_category") == {"malignancy": 1}
    assert {r["partnerships__name"]: r["n"] for r in one_year["by_partnership"]} == {
        partnership.name: 1,
        neighbour.name: 1,
    }

    theirs = selectors.figures(user=member, partnership=neighbour.pk)
    assert theirs["total"] == 2 and theirs["years"] == [2024, 2023]
    assert counts(theirs, "by_category") == {"infection": 1, "malignancy": 1}

    both = selectors.figures(user=member, year=2023, partnership=partnership.pk)
    assert both["total"] == 1 and counts(both, "by_theme") == {"sudi": 1}
    assert selectors.figures(user=member, year=2019)["total"] == 0
