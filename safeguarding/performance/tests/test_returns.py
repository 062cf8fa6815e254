"""Agency data returns: requested by the business unit, filled in and submitted by the
agency's lead, queried or accepted; reminders sent once."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory
from safeguarding.core.roles import Role
from safeguarding.core.schedule import run_due_jobs
from safeguarding.performance.models import DataReturn, IndicatorValue, ReturnStatus
from safeguarding.performance.services.indicators import indicator_create
from safeguarding.performance.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def setup(partnership, home, make_user):
    agency = AgencyFactory(name="Essex Youth Service", partnerships=[partnership])
    carers = IndicatorFactory(
        partnership=partnership,
        key="carers",
        name="Young carers' assessments",
        source_agency=agency,
    )
    ehe = IndicatorFactory(partnership=partnership, key="ehe", name="Electively home educated")
    indicator_create(
        job="test", partnership=partnership, key="both", name="Both", formula="{carers} + {ehe}"
    )
    lead = make_user(Role.AGENCY_LEAD, agency=agency, email="lead@youth.example")
    business_unit = make_user(Role.BUSINESS_UNIT, email="bu@board.example")
    return {"agency": agency, "carers": carers, "ehe": ehe, "lead": lead, "bu": business_unit}


def _request(client, setup, due="2023-05-12", act=None):
    post = (lambda *a, **k: act(client.post, *a, **k)) if act else client.post
    return post(
        reverse("performance:return-new"),
        {
            "agency": setup["agency"].pk,
            "indicators": [setup["carers"].pk, setup["ehe"].pk],
            "period": "2022-23",
            "due_on": due,
        },
    )


def test_the_whole_return_journey(client, setup, home, act):
    client.force_login(setup["bu"])
    response = _request(client, setup, act=act)
    data_return = DataReturn.objects.get()
    assert response["Location"] == reverse("performance:return-detail", args=[data_return.pk])
    assert [m.to for m in mail.outbox] == [["lead@youth.example"]]
    assert "due 12 May 2023" in mail.outbox[0].subject

    # The lead fills it in; a bad figure is refused and nothing is saved.
    client.force_login(setup["lead"])
    url = reverse("performance:return-detail", args=[data_return.pk])
    carers, ehe = setup["carers"].pk, setup["ehe"].pk
    bad = client.post(url, {f"value_{carers}": "lots", f"value_{ehe}": "2926", "action": "submit"})
    assert "There is a problem" in text(bad) and "“lots” is not a number" in text(bad)
    assert not data_return.entries.exists()
    # An incomplete submission is refused; a draft may be saved half-done.
    missing = client.post(url, {f"value_{ehe}": "2926", "action": "submit"})
    assert "assessments: Enter the figure" in text(missing)
    client.post(url, {f"value_{ehe}": "2926", "action": "save"})
    assert data_return.entries.get(indicator_id=ehe).value == 2926
    done = act(
        client.post,
        url,
        {
            f"value_{carers}": "1124",
            f"flag_{carers}": "incomplete",
            f"note_{carers}": "Different timeframes for data capture",
            f"value_{ehe}": "2926",
            "action": "submit",
        },
    )
    assert done.status_code == 302
    data_return.refresh_from_db()
    assert data_return.status == ReturnStatus.SUBMITTED
    assert mail.outbox[-1].to == ["bu@board.example"]

    # The business unit queries it: a query needs a question.
    client.force_login(setup["bu"])
    review = reverse("performance:return-review", args=[data_return.pk])
    refused = client.post(review, {"decision": "query", "note": ""})
    assert "There is a problem" in text(refused) and "Write the question" in text(refused)
    act(client.post, review, {"decision": "query", "note": "Is 1,124 the full year?"})
    data_return.refresh_from_db()
    assert data_return.status == ReturnStatus.QUERIED
    assert "Is 1,124 the full year?" in mail.outbox[-1].body

    # The lead answers and submits again; the business unit accepts.
    client.force_login(setup["lead"])
    assert "Is 1,124 the full year?" in text(client.get(url))
    client.post(
        url,
        {
            f"value_{carers}": "1124",
            f"flag_{carers}": "incomplete",
            f"note_{carers}": "Nine months only",
            f"value_{ehe}": "2926",
            "action": "submit",
        },
    )
    client.force_login(setup["bu"])
    client.post(review, {"decision": "accept"})
    data_return.refresh_from_db()
    assert data_return.status == ReturnStatus.ACCEPTED
    figures = {
        v.indicator.key: (v.value, v.flag, v.note, v.origin)
        for v in IndicatorValue.objects.filter(area=home).select_related("indicator")
    }
    assert figures["carers"] == (1124, "incomplete", "Nine months only", "return")
    assert figures["ehe"] == (2926, "", "", "return")
    assert figures["both"][0] == 4050  # the derived indicator is computed on acceptance

    # An accepted return cannot be changed or accepted again.
    client.force_login(setup["lead"])
    assert client.post(url, {f"value_{ehe}": "1", "action": "submit"}).status_code == 404
    client.force_login(setup["bu"])
    again = client.post(review, {"decision": "accept"})
    assert "already been accepted" in text(again)


def test_returns_are_seen_only_by_their_agency_lead_and_oversight(client, setup, make_user):
    client.force_login(setup["bu"])
    _request(client, setup)
    data_return = DataReturn.objects.get()
    url = reverse("performance:return-detail", args=[data_return.pk])
    other_lead = make_user(
        Role.AGENCY_LEAD, agency=AgencyFactory(partnerships=[setup["agency"].partnerships.first()])
    )
    client.force_login(other_lead)
    assert client.get(url).status_code == 404
    assert "Essex Youth Service" not in text(client.get(reverse("performance:return-list")))
    client.force_login(make_user(Role.CHAIR))
    page = text(client.get(url))
    assert "Essex Youth Service" in page and "Submit the return" not in page
    client.force_login(setup["lead"])
    assert "Essex Youth Service" in text(client.get(reverse("performance:return-list")))


def test_bad_requests_are_refused_with_a_reason(client, setup, partnership):
    client.force_login(setup["bu"])
    derived = partnership.indicators.get(key="both")
    response = client.post(
        reverse("performance:return-new"),
        {
            "agency": setup["agency"].pk,
            "indicators": [derived.pk],
            "period": "2022-23",
            "due_on": "2023-05-12",
        },
    )
    assert response.status_code == 200  # derived indicators are not offered at all
    assert not DataReturn.objects.exists()
    _request(client, setup)
    twice = _request(client, setup)
    assert "has already been asked for its 2022–23 financial year return" in text(twice)
    assert DataReturn.objects.count() == 1


def test_reminders_and_chasers_are_sent_once(client, setup, act):
    client.force_login(setup["bu"])
    _request(client, setup, due="2023-05-12")
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2023, 5, 2, 9, tzinfo=datetime.UTC)):
        act(run_due_jobs, only="performance.data-return-reminders")
    assert mail.outbox == []  # more than 5 working days before
    with time_machine.travel(datetime.datetime(2023, 5, 8, 9, tzinfo=datetime.UTC)):
        act(run_due_jobs, only="performance.data-return-reminders")
        act(run_due_jobs, only="performance.data-return-reminders")
    assert [m.subject for m in mail.outbox] == [
        "Reminder: data return for 2022–23 financial year due 12 May 2023"
    ]
    with time_machine.travel(datetime.datetime(2023, 5, 15, 9, tzinfo=datetime.UTC)):
        act(run_due_jobs, only="performance.data-return-reminders")
        act(run_due_jobs, only="performance.data-return-reminders")
    assert mail.outbox[-1].subject == "Overdue: data return for 2022–23 financial year"
    assert len(mail.outbox) == 2


def test_dashboard_shows_returns_due_and_indicators_off_target(client, setup, partnership, home):
    from safeguarding.performance.services.indicators import value_record
    from safeguarding.performance.tests.factories import fy

    rate = IndicatorFactory(
        partnership=partnership,
        name="Re-referral rate",
        unit="percentage",
        polarity="lower_is_better",
        target=Decimal(18),
    )
    value_record(job="test", indicator=rate, area=home, period=fy(2022), value=Decimal(25))
    client.force_login(setup["bu"])
    _request(client, setup)
    page = text(client.get(reverse("core:dashboard")))
    assert "Indicators off target" in page and "Re-referral rate" in page
    assert "Data returns due" in page and "Essex Youth Service" in page
    client.force_login(setup["lead"])
    page = text(client.get(reverse("core:dashboard")))
    assert "Essex Youth Service" in page


def test_return_list_query_count_does_not_grow(
    client, setup, partnership, django_assert_max_num_queries
):
    from safeguarding.performance.services.returns import data_return_request

    def add(years):
        for year in years:
            data_return_request(
                job="test",
                partnership=partnership,
                agency=setup["agency"],
                indicators=[setup["ehe"]],
                period_text=f"{year}-{str(year + 1)[-2:]}",
                due_on=datetime.date(year + 1, 5, 1),
            )

    client.force_login(setup["bu"])
    add(range(2000, 2003))
    client.get(reverse("performance:return-list"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("performance:return-list"))
    add(range(2003, 2030))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("performance:return-list"))
    assert "30 returns" in text(response)
