"""Results: % fully, partly and not met per standard (N/A left out, moderated scores count),
by type and locality, change since the previous cycle, exports, the anonymised schools report."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from safeguarding.accounts.models import Locality
from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.assurance.audience import Audience
from safeguarding.assurance.models import Answer, ReturnStatus
from safeguarding.assurance.selectors.results import campaign_results
from safeguarding.assurance.tests.factories import campaign, school, small_template
from safeguarding.core.roles import Role

pytestmark = pytest.mark.django_db


def _submit(audit_return, ratings: dict, moderated: dict | None = None):
    """ratings: {question key: value or "na"}; answers written directly (results only read)."""
    version = audit_return.campaign.version
    questions = {q.key: q for q in version.questions.select_related("scale")}
    for key, value in ratings.items():
        question = questions[key]
        levels = {lvl.value: lvl for lvl in question.scale.levels.all()}
        Answer.objects.create(
            audit_return=audit_return,
            question=question,
            rating=None if value == "na" else levels[value],
            not_applicable=value == "na",
            not_applicable_reason="Does not apply" if value == "na" else "",
            moderated_rating=levels[(moderated or {})[key]] if key in (moderated or {}) else None,
        )
    audit_return.status = ReturnStatus.SUBMITTED
    audit_return.first_submitted_at = audit_return.submitted_at = timezone.now()
    audit_return.save()


@pytest.fixture
def setting(partnership):
    north = Locality.objects.create(partnership=partnership, name="North")
    south = Locality.objects.create(partnership=partnership, name="South")
    version = small_template()
    agencies = [
        AgencyFactory(
            name="Police",
            type="police",
            sector="police",
            locality=north,
            partnerships=[partnership],
        ),
        AgencyFactory(name="Charity A", locality=north, partnerships=[partnership]),
        AgencyFactory(name="Charity B", locality=south, partnerships=[partnership]),
        AgencyFactory(name="Charity C", locality=south, partnerships=[partnership]),
    ]
    return {"version": version, "agencies": agencies, "north": north, "south": south}


def test_percentages_per_standard_leave_out_not_applicable_and_use_moderated_scores(
    partnership, setting
):
    running = campaign(
        partnership=partnership, version=setting["version"], audience=Audience("everyone")
    )
    police, a, b, c = (running.returns.get(agency=x) for x in setting["agencies"])
    _submit(police, {"lead": 3, "commission": 3}, moderated={"lead": 2})
    _submit(a, {"lead": 3, "commission": "na"})
    _submit(b, {"lead": 1, "commission": 2})
    # Charity C has not submitted: its draft answers are not counted.
    Answer.objects.create(
        audit_return=c,
        question=setting["version"].questions.get(key="lead"),
        rating=setting["version"].scales.get().levels.get(value=1),
    )
    results = campaign_results(campaign=running)
    assert results.returns == 3
    lead, commission = results.standards
    assert (lead.tally.met, lead.tally.partly, lead.tally.not_met) == (1, 1, 1)
    assert lead.tally.pct_met == 33.3
    assert (commission.tally.met, commission.tally.partly, commission.tally.not_applicable) == (
        1,
        1,
        1,
    )
    assert commission.tally.pct_met == 50.0  # N/A left out: 1 of 2
    by_type = {t.label: (t.pct_met, t.returns) for t in results.by_type}
    assert by_type == {"Police": (50.0, 1), "Voluntary and community sector": (33.3, 2)}
    by_locality = {t.label: t.pct_met for t in results.by_locality}
    assert by_locality == {"North": 66.7, "South": 0.0}


def test_change_since_the_previous_cycle(partnership, setting):
    version = setting["version"]
    before = campaign(
        partnership=partnership, version=version, audience=Audience("everyone"), title="2022"
    )
    for agency in setting["agencies"]:
        _submit(before.returns.get(agency=agency), {"lead": 2, "commission": 2})
    after = campaign(
        partnership=partnership,
        version=version,
        audience=Audience("everyone"),
        title="2024",
        previous=before,
    )
    for agency in setting["agencies"][:2]:
        _submit(after.returns.get(agency=agency), {"lead": 3, "commission": 2})
    lead, commission = campaign_results(campaign=after).standards
    assert (lead.previous_pct_met, lead.tally.pct_met, lead.change) == (0.0, 100.0, 100.0)
    assert lead.change_words == "up 100 points"
    assert commission.change_words == "no change"


def test_the_results_page_shows_charts_with_the_same_numbers_in_tables(
    signed_in, partnership, setting
):
    running = campaign(
        partnership=partnership, version=setting["version"], audience=Audience("everyone")
    )
    _submit(running.returns.get(agency=setting["agencies"][0]), {"lead": 3, "commission": 1})
    client = signed_in(Role.SAFEGUARDING_PARTNER)
    page = client.get(reverse("assurance:campaign-results", args=[running.pk])).content.decode()
    assert 'role="img"' in page
    assert "1.1 A named lead is accountable.: 100% fully met, 0% partly met, 0% not met" in page
    assert "100% (1)" in page  # the table cell for the same standard
    assert "By locality" in page and "North" in page


def test_csv_and_excel_exports_carry_the_same_numbers(signed_in, partnership, setting):
    running = campaign(
        partnership=partnership, version=setting["version"], audience=Audience("everyone")
    )
    _submit(running.returns.get(agency=setting["agencies"][0]), {"lead": 3, "commission": 2})
    _submit(running.returns.get(agency=setting["agencies"][1]), {"lead": 1, "commission": "na"})
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.get(reverse("assurance:campaign-results-csv", args=[running.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Group", "Reference", "Standard", "Fully met"]
    lead_row = next(r for r in rows if r[1] == "1.1")
    assert lead_row[3:10] == ["1", "0", "1", "0", "50.0", "0.0", "50.0"]
    response = client.get(reverse("assurance:campaign-results-xlsx", args=[running.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Results"]
    xlsx_rows = [[c.value for c in row] for row in sheet.iter_rows()]
    xlsx_lead = next(r for r in xlsx_rows if r[1] == "1.1")
    assert xlsx_lead[3:10] == [1, 0, 1, 0, 50.0, 0.0, 50.0]
    rate_sheet = workbook["Return rate"]
    assert [c.value for c in rate_sheet[2]][:4] == ["All", "All organisations", 4, 2]


def test_the_anonymised_schools_report_names_no_school_and_hides_small_groups(
    signed_in, partnership
):
    north = Locality.objects.create(partnership=partnership, name="North")
    south = Locality.objects.create(partnership=partnership, name="South")
    schools = [school(partnership, name=f"Primary {n}", locality=north) for n in range(4)]
    schools.append(school(partnership, name="Lonely Secondary", phase="secondary", locality=south))
    running = campaign(
        partnership=partnership,
        version=small_template(kind="schools"),
        audience=Audience("schools"),
    )
    for item in schools:
        _submit(running.returns.get(agency=item), {"lead": 3, "commission": 2})
    client = signed_in(Role.BUSINESS_UNIT)
    page = client.get(
        reverse("assurance:campaign-schools-report", args=[running.pk])
    ).content.decode()
    assert "5 of 5 education settings returned the audit: a return rate of 100%" in page
    assert "Primary 0" not in page and "Lonely Secondary" not in page
    assert "Not shown: Secondary, South." in page
    assert "Primary" in page


def test_the_results_page_query_count_does_not_grow_with_returns(
    signed_in, partnership, django_assert_max_num_queries
):
    version = small_template()
    for _ in range(3):
        AgencyFactory(partnerships=[partnership])
    running = campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    for item in running.returns.all():
        _submit(item, {"lead": 3, "commission": 2})
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("assurance:campaign-results", args=[running.pk])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    second = campaign(partnership=partnership, version=version, audience=Audience("everyone"))
    for _ in range(27):
        AgencyFactory(partnerships=[partnership])
    running.returns.all().delete()
    for agency in running.partnership.agencies.all():
        item = running.returns.create(agency=agency)
        _submit(item, {"lead": 1, "commission": 2})
    assert second.pk and running.returns.count() == 30
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "From 30 submitted returns" in page


def test_csv_and_excel_exports_neutralise_a_formula_and_keep_numbers(
    signed_in, partnership, setting
):
    formula = '=HYPERLINK("https://evil.example/","Click")'
    setting["north"].name = formula
    setting["north"].save()
    running = campaign(
        partnership=partnership, version=setting["version"], audience=Audience("everyone")
    )
    _submit(running.returns.get(agency=setting["agencies"][0]), {"lead": 3, "commission": 2})
    client = signed_in(Role.BUSINESS_UNIT)
    response = client.get(reverse("assurance:campaign-results-csv", args=[running.pk]))
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    assert "'" + formula in cells and formula not in cells
    response = client.get(reverse("assurance:campaign-results-xlsx", args=[running.pk]))
    workbook = load_workbook(io.BytesIO(response.content))
    found = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert found, "the locality name is in the workbook"
    for cell in found:
        assert cell.data_type == "s" and cell.value == "'" + formula
    lead_row = next(r for r in workbook["Results"].iter_rows(values_only=True) if r[1] == "1.1")
    assert lead_row[3] == 1  # counts are still numbers


def test_the_results_are_kept_for_the_person_and_a_new_return_shows_on_the_next_view(
    signed_in, partnership, settings, django_capture_on_commit_callbacks
):
    """Results are kept like the dashboard's panels (ADR 0038): a repeated view does not
    count them again, and a return submitted since shows at once."""
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    settings.DASHBOARD_PANEL_CACHE_SECONDS = 60
    cache.clear()
    for _ in range(3):
        AgencyFactory(partnerships=[partnership])
    running = campaign(
        partnership=partnership, version=small_template(), audience=Audience("everyone")
    )
    returns = list(running.returns.all())
    for item in returns[:2]:
        _submit(item, {"lead": 3, "commission": 2})
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("assurance:campaign-results", args=[running.pk])

    with CaptureQueriesContext(connection) as first_view:
        first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as repeated_view:
        again = client.get(url).content.decode()

    # (Read before the next request: the test client's next request empties the query log.)
    assert "From 2 submitted returns" in first and "From 2 submitted returns" in again
    assert any("assurance_answer" in q["sql"] for q in first_view.captured_queries)
    assert len(repeated_view.captured_queries) < len(first_view.captured_queries)
    assert not any("assurance_answer" in q["sql"] for q in repeated_view.captured_queries)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _submit(returns[2], {"lead": 1, "commission": 1})  # in its own transaction, as a service
    after = client.get(url).content.decode()
    cache.clear()
    assert "From 3 submitted returns" in after
