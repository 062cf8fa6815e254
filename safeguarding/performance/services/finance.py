"""Writes for finance: financial years, partner contributions, budget lines and spend."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.performance.models import (
    BudgetLine,
    Contribution,
    Expenditure,
    FinanceYear,
    SpendCategory,
    statutory_group_of,
)
from safeguarding.performance.periods import year_label

PENNY = Decimal("0.01")


def _amount(value: Decimal | None, field: str = "amount") -> Decimal:
    if value is None:
        raise ValidationError({field: "Enter an amount in pounds, like 45000 or 45000.50."})
    if value < 0:
        raise ValidationError({field: "The amount cannot be negative."})
    return Decimal(value).quantize(PENNY)


@transaction.atomic
def finance_year_create(
    *,
    actor=None,
    job: str | None = None,
    partnership: Partnership,
    year: int,
    opening_reserve: Decimal | None = None,
    notes: str = "",
) -> FinanceYear:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "Enter the year the financial year starts, like 2023."})
    if FinanceYear.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError({"year": f"{year_label(year)} is already recorded."})
    finance_year = FinanceYear.objects.create(
        partnership=partnership,
        year=year,
        opening_reserve=_amount(opening_reserve or Decimal(0), "opening_reserve"),
        notes=notes,
    )
    audit_record(
        actor=actor,
        job=job,
        event="finance_year.created",
        target=finance_year,
        after=snapshot(finance_year, ["year", "opening_reserve", "notes"]),
    )
    return finance_year


@transaction.atomic
def contribution_record(
    *,
    actor=None,
    job: str | None = None,
    finance_year: FinanceYear,
    agency: Agency,
    amount: Decimal,
    received_on: datetime.date | None = None,
    note: str = "",
) -> Contribution:
    """Record (or correct) what a partner agency contributes in a year."""
    amount = _amount(amount)
    _check_partner(finance_year, agency)
    existing = Contribution.objects.filter(finance_year=finance_year, agency=agency).first()
    before = snapshot(existing, ["amount", "received_on", "note"]) if existing else None
    contribution, _ = Contribution.objects.update_or_create(
        finance_year=finance_year,
        agency=agency,
        defaults={
            "amount": amount,
            "received_on": received_on,
            "note": note,
            "statutory_group": statutory_group_of(agency),
        },
    )
    audit_record(
        actor=actor,
        job=job,
        event="contribution.recorded",
        target=finance_year,
        before=before,
        after={"agency": agency.name, **snapshot(contribution, ["amount", "received_on", "note"])},
    )
    return contribution


def _check_partner(finance_year: FinanceYear, agency: Agency) -> None:
    if not agency.partnerships.filter(pk=finance_year.partnership_id).exists():
        raise ValidationError({"agency": f"{agency.name} is not part of this partnership."})


CONTRIBUTION_FIELDS = ["amount", "received_on", "note"]


def _contribution_snapshot(contribution: Contribution) -> dict:
    return {"agency": contribution.agency.name, **snapshot(contribution, CONTRIBUTION_FIELDS)}


@transaction.atomic
def contribution_update(
    *,
    actor,
    contribution: Contribution,
    agency: Agency,
    amount: Decimal,
    received_on: datetime.date | None = None,
    note: str = "",
) -> Contribution:
    """Correct a recorded contribution (its partner, amount, date or note)."""
    finance_year = contribution.finance_year
    amount = _amount(amount)
    _check_partner(finance_year, agency)
    if (
        Contribution.objects.filter(finance_year=finance_year, agency=agency)
        .exclude(pk=contribution.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "agency": f"A contribution from {agency.name} is already recorded for "
                f"{finance_year.label}: change that one instead."
            }
        )
    before = _contribution_snapshot(contribution)
    contribution.agency = agency
    contribution.amount = amount
    contribution.received_on = received_on
    contribution.note = note
    contribution.statutory_group = statutory_group_of(agency)
    contribution.save()
    audit_record(
        actor=actor,
        event="contribution.updated",
        target=finance_year,
        before=before,
        after=_contribution_snapshot(contribution),
    )
    return contribution


@transaction.atomic
def contribution_remove(*, actor, contribution: Contribution) -> None:
    before = _contribution_snapshot(contribution)
    finance_year = contribution.finance_year
    contribution.delete()
    audit_record(actor=actor, event="contribution.removed", target=finance_year, before=before)


def _budget_fields(category: str, amount: Decimal | None) -> Decimal:
    if category not in SpendCategory.values:
        raise ValidationError({"category": "Choose a category."})
    return _amount(amount)


BUDGET_FIELDS = ["category", "description", "amount"]


@transaction.atomic
def budget_line_set(
    *,
    actor=None,
    job: str | None = None,
    finance_year: FinanceYear,
    category: str,
    amount: Decimal,
    description: str = "",
) -> BudgetLine:
    amount = _budget_fields(category, amount)
    line, _ = BudgetLine.objects.update_or_create(
        finance_year=finance_year,
        category=category,
        description=description.strip(),
        defaults={"amount": amount},
    )
    audit_record(
        actor=actor,
        job=job,
        event="budget_line.set",
        target=finance_year,
        after={"category": category, "description": line.description, "amount": amount},
    )
    return line


@transaction.atomic
def budget_line_update(
    *, actor, line: BudgetLine, category: str, amount: Decimal, description: str = ""
) -> BudgetLine:
    """Correct a budget line's category, description or amount."""
    amount = _budget_fields(category, amount)
    description = (description or "").strip()
    if (
        BudgetLine.objects.filter(
            finance_year=line.finance_year_id, category=category, description=description
        )
        .exclude(pk=line.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "description": "There is already a budget line with this category and "
                "description: change that one, or describe this one differently."
            }
        )
    before = snapshot(line, BUDGET_FIELDS)
    line.category, line.description, line.amount = category, description, amount
    line.save()
    audit_record(
        actor=actor,
        event="budget_line.updated",
        target=line.finance_year,
        before=before,
        after=snapshot(line, BUDGET_FIELDS),
    )
    return line


@transaction.atomic
def budget_line_remove(*, actor, line: BudgetLine) -> None:
    before = snapshot(line, BUDGET_FIELDS)
    finance_year = line.finance_year
    line.delete()
    audit_record(actor=actor, event="budget_line.removed", target=finance_year, before=before)


def _spend_fields(
    finance_year: FinanceYear,
    category: str,
    description: str,
    amount: Decimal | None,
    spent_on: datetime.date | None,
) -> tuple[str, Decimal]:
    if category not in SpendCategory.values:
        raise ValidationError({"category": "Choose a category."})
    if not (description or "").strip():
        raise ValidationError({"description": "Say what the money was spent on."})
    amount = _amount(amount)
    if spent_on is not None:
        start = datetime.date(finance_year.year, 4, 1)
        end = datetime.date(finance_year.year + 1, 3, 31)
        if not start <= spent_on <= end:
            raise ValidationError(
                {
                    "spent_on": f"The date must be in the {finance_year.label} financial year "
                    f"(1 April {finance_year.year} to 31 March {finance_year.year + 1})."
                }
            )
    return description.strip(), amount


SPEND_FIELDS = ["category", "description", "amount", "spent_on"]


@transaction.atomic
def expenditure_add(
    *,
    actor=None,
    job: str | None = None,
    finance_year: FinanceYear,
    category: str,
    description: str,
    amount: Decimal,
    spent_on: datetime.date | None = None,
) -> Expenditure:
    description, amount = _spend_fields(finance_year, category, description, amount, spent_on)
    item = Expenditure.objects.create(
        finance_year=finance_year,
        category=category,
        description=description,
        amount=amount,
        spent_on=spent_on,
    )
    audit_record(
        actor=actor,
        job=job,
        event="expenditure.added",
        target=finance_year,
        after=snapshot(item, SPEND_FIELDS),
    )
    return item


@transaction.atomic
def expenditure_update(
    *,
    actor,
    item: Expenditure,
    category: str,
    description: str,
    amount: Decimal,
    spent_on: datetime.date | None = None,
) -> Expenditure:
    """Correct a record of spending."""
    description, amount = _spend_fields(item.finance_year, category, description, amount, spent_on)
    before = snapshot(item, SPEND_FIELDS)
    item.category, item.description, item.amount, item.spent_on = (
        category,
        description,
        amount,
        spent_on,
    )
    item.save()
    audit_record(
        actor=actor,
        event="expenditure.updated",
        target=item.finance_year,
        before=before,
        after=snapshot(item, SPEND_FIELDS),
    )
    return item


@transaction.atomic
def expenditure_remove(*, actor, item: Expenditure) -> None:
    before = snapshot(item, SPEND_FIELDS)
    finance_year = item.finance_year
    item.delete()
    audit_record(actor=actor, event="expenditure.removed", target=finance_year, before=before)
