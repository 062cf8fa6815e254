"""/api/v1/yearly-reports/ makes the same number of queries whatever the number of reports, for
the public (published reports) and for a partnership's staff (its drafts too)."""

import itertools
from datetime import date

import pytest

from safeguarding.core.roles import Role
from safeguarding.reports.models import ReportStatus, YearlyReport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, Role.SAFEGUARDING_PARTNER])
def test_the_yearly_reports_list_makes_the_same_queries_for_few_or_many(
    client, make_user, partnership, flat_queries, role
):
    if role is not None:
        client.force_login(make_user(role))
    url = "/api/v1/yearly-reports/"
    years = itertools.count(1990)

    def add(n):
        """n published reports with their files, and as many drafts; returns what is shown."""
        shown = []
        for _ in range(n):
            year = next(years)
            published = YearlyReport.objects.create(
                partnership=partnership,
                title=f"Yearly report {year}",
                period_start=date(year, 4, 1),
                period_end=date(year + 1, 3, 31),
                status=ReportStatus.PUBLISHED,
                published_on=date(year + 1, 9, 30),
                pdf=f"yearly-reports/{year}.pdf",
                docx=f"yearly-reports/{year}.docx",
            )
            draft = YearlyReport.objects.create(
                partnership=partnership,
                title=f"Draft yearly report {year}",
                period_start=date(year, 4, 1),
                period_end=date(year + 1, 3, 31),
            )
            shown += [published.pk, draft.pk] if role is not None else [published.pk]
        return shown

    listed = add(2)
    response = flat_queries(lambda: client.get(url), lambda: listed.extend(add(12)))
    assert {row["id"] for row in response.json()["results"]} == set(listed)
