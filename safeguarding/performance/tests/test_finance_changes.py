"""Correcting and removing contributions, budget lines and spending: through the pages,
with the same checks as adding them, an audit event with before and after, and removal only
after confirmation (POST)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.performance.models import BudgetLine, Contribution, Expenditure
from safeguarding.performance.services.finance import (
    budget_line_set,
    contribution_record,
    expenditure_add,
    finance_year_create,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def year(partnership):
    return finance_year_create(job="test", partnership=partnership, year=2023)


@pytest.fixture
def council(partnership):
    return AgencyFactory(
        name="County Council",
        type="local_authority",
        is_statutory_partner=True,
        partnerships=[partnership],
    )


@pytest.fixture
def police(partnership):
    return AgencyFactory(
        name="County Police", type="police", is_statutory_partner=True, partnerships=[partnership]
    )


@pytest.fixture
def entries(year, council):
    return {
        "contribution": contribution_record(
            job="test", finance_year=year, agency=council, amount=Decimal(150000)
        ),
        "line": budget_line_set(
            job="test",
            finance_year=year,
            category="training",
            description="Multi-agency courses",
            amount=Decimal(20000),
        ),
        "spend": expenditure_add(
            job="test",
            finance_year=year,
            category="training",
            description="Venue hire",
            amount=Decimal(800),
            spent_on=datetime.date(2023, 6, 1),
        ),
    }


def test_the_year_page_links_each_entry_to_change_and_remove(signed_in, entries):
    url = reverse("performance:finance-year", args=[2023])
    page = text(signed_in(Role.BUSINESS_UNIT).get(url))
    for name, pk in [
        ("contribution-change", entries["contribution"].pk),
        ("contribution-remove", entries["contribution"].pk),
        ("budget-line-change", entries["line"].pk),
        ("budget-line-remove", entries["line"].pk),
        ("expenditure-change", entries["spend"].pk),
        ("expenditure-remove", entries["spend"].pk),
    ]:
        assert reverse(f"performance:{name}", args=[2023, pk]) in page
    assert (
        'Change<span class="govuk-visually-hidden"> the contribution from County Council</span>'
        in page
    )
    assert (
        'Remove<span class="govuk-visually-hidden"> the budget line for training and learning '
        "events, Multi-agency courses</span>" in page
    )
    assert 'Change<span class="govuk-visually-hidden"> the spending on Venue hire</span>' in page
    chair_page = text(signed_in(Role.CHAIR).get(url))
    assert "Multi-agency courses" in chair_page and "/change/" not in chair_page


def test_a_contribution_is_corrected(signed_in, entries, police):
    contribution = entries["contribution"]
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:contribution-change", args=[2023, contribution.pk])
    form = text(client.get(url))
    assert 'value="150000.00"' in form and "Change the contribution from County Council" in form
    response = client.post(
        url, {"agency": police.pk, "amount": "140000", "received_on": "2023-05-02", "note": "Q1"}
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.agency, contribution.amount, contribution.statutory_group) == (
        police,
        Decimal("140000.00"),
        "police",
    )
    event = AuditEvent.objects.get(event="performance.contribution.updated")
    assert event.before == {
        "agency": "County Council",
        "amount": "150000.00",
        "received_on": None,
        "note": "",
    }
    assert event.after["agency"] == "County Police" and event.after["amount"] == "140000.00"
    assert event.actor == client.user


def test_a_contribution_change_is_checked_as_when_added(signed_in, year, entries, police):
    contribution_record(job="test", finance_year=year, agency=police, amount=Decimal(1))
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:contribution-change", args=[2023, entries["contribution"].pk])
    page = text(client.post(url, {"agency": police.pk, "amount": "5"}))
    assert "A contribution from County Police is already recorded for 2023–24" in page
    page = text(client.post(url, {"agency": entries["contribution"].agency_id, "amount": "-5"}))
    assert "There is a problem" in page
    outsider = AgencyFactory(name="Elsewhere Council")
    page = text(client.post(url, {"agency": outsider.pk, "amount": "5"}))
    assert "There is a problem" in page
    entries["contribution"].refresh_from_db()
    assert entries["contribution"].amount == 150000
    assert not AuditEvent.objects.filter(event="performance.contribution.updated").exists()


def test_a_budget_line_is_corrected_and_a_clash_refused(signed_in, year, entries):
    budget_line_set(job="test", finance_year=year, category="staffing", amount=Decimal(9))
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:budget-line-change", args=[2023, entries["line"].pk])
    assert "Multi-agency courses" in text(client.get(url))
    clash = text(client.post(url, {"category": "staffing", "description": "", "amount": "1"}))
    assert "There is already a budget line with this category and description" in clash
    response = client.post(
        url, {"category": "training", "description": "Courses", "amount": "25000"}
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(pk=entries["line"].pk)
    assert (line.description, line.amount) == ("Courses", 25000)
    event = AuditEvent.objects.get(event="performance.budget_line.updated")
    assert event.before["amount"] == "20000.00" and event.after["amount"] == "25000.00"


def test_spending_is_corrected_with_the_same_checks(signed_in, entries):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:expenditure-change", args=[2023, entries["spend"].pk])
    assert 'value="Venue hire"' in text(client.get(url))
    outside = text(
        client.post(
            url,
            {
                "category": "training",
                "description": "Venue hire",
                "amount": "900",
                "spent_on": "2024-06-01",
            },
        )
    )
    assert "must be in the 2023–24 financial year" in outside
    response = client.post(
        url,
        {"category": "venues", "description": "Venue hire", "amount": "900", "spent_on": ""},
    )
    assert response.status_code == 302
    item = Expenditure.objects.get()
    assert (item.category, item.amount, item.spent_on) == ("venues", 900, None)
    event = AuditEvent.objects.get(event="performance.expenditure.updated")
    assert event.before["spent_on"] == "2023-06-01" and event.after["spent_on"] is None


@pytest.mark.parametrize(
    ("name", "entry", "model", "event", "heading"),
    [
        (
            "contribution-remove",
            "contribution",
            Contribution,
            "performance.contribution.removed",
            "County Council",
        ),
        (
            "budget-line-remove",
            "line",
            BudgetLine,
            "performance.budget_line.removed",
            "Multi-agency courses",
        ),
        (
            "expenditure-remove",
            "spend",
            Expenditure,
            "performance.expenditure.removed",
            "Venue hire",
        ),
    ],
)
def test_an_entry_is_removed_only_after_confirmation(
    signed_in, entries, name, entry, model, event, heading
):
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse(f"performance:{name}", args=[2023, entries[entry].pk])
    page = text(client.get(url))
    assert "Are you sure you want to remove this?" in page and heading in page
    assert model.objects.filter(pk=entries[entry].pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("performance:finance-year", args=[2023]))
    assert not model.objects.filter(pk=entries[entry].pk).exists()
    removed = AuditEvent.objects.get(event=event)
    assert removed.before and removed.actor == client.user
    assert "has been removed" in text(client.get(response["Location"]))


def test_entries_of_another_partnership_are_not_found(client, make_user, entries):
    client.force_login(make_user(Role.BUSINESS_UNIT, partnership=PartnershipFactory()))
    for name, key in [
        ("contribution-change", "contribution"),
        ("contribution-remove", "contribution"),
        ("budget-line-change", "line"),
        ("budget-line-remove", "line"),
        ("expenditure-change", "spend"),
        ("expenditure-remove", "spend"),
    ]:
        url = reverse(f"performance:{name}", args=[2023, entries[key].pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert Contribution.objects.exists() and BudgetLine.objects.exists()
    assert Expenditure.objects.exists()
    client.force_login(make_user(Role.CHAIR))
    url = reverse("performance:expenditure-remove", args=[2023, entries["spend"].pk])
    assert client.post(url).status_code == 403
    assert Expenditure.objects.exists()


def test_an_entry_of_another_year_is_not_found(signed_in, partnership, entries):
    finance_year_create(job="test", partnership=partnership, year=2022)
    client = signed_in(Role.BUSINESS_UNIT)
    url = reverse("performance:expenditure-change", args=[2022, entries["spend"].pk])
    assert client.get(url).status_code == 404
