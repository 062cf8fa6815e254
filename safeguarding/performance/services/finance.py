"""Writes for finance: financial years, partner contributions, budget lines and spend."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.periods import financial_year_bounds, financial_year_label
from safeguarding.core.services import model_update
from safeguarding.performance.models import (
    BudgetLine,
    Contribution,
    Expenditure,
    FinanceYear,
    SpendCategory,
    statutory_group_of,
)

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
    held = FinanceYear.objects.select_for_update().filter(partnership=partnership)
    if held.filter(year=year).exists():
        raise ValidationError({"year": f"{financial_year_label(year)} is already recorded."})
    years = sorted(held.values_list("year", flat=True))
    this, previous = financial_year_label(year), financial_year_label(year - 1)
    if years and year > years[0]:
        # A later year: its opening reserve is the year before's closing reserve.
        if year - 1 not in years:
            raise ValidationError(
                {
                    "year": f"Add {previous} first: the reserve brought forward into "
                    f"{this} is {previous}’s closing reserve."
                }
            )
        if opening_reserve:
            raise ValidationError(
                {
                    "opening_reserve": f"The reserve brought forward into {this} is "
                    f"{previous}’s closing reserve, worked out from its figures. "
                    "Leave it blank."
                }
            )
        opening_reserve = None
    elif years and year != years[0] - 1:
        raise ValidationError(
            {
                "year": f"Add {financial_year_label(years[0] - 1)} first: the years must follow on "
                "from "
                f"each other so each year's reserve carries into the next."
            }
        )
    finance_year = FinanceYear.objects.create(
        partnership=partnership,
        year=year,
        opening_reserve=_amount(opening_reserve or Decimal(0), "opening_reserve"),
        notes=notes,
    )
    if years and year < years[0]:
        # The new first year holds the opening figure; the old first year now brings its
        # reserve forward from this one.
        FinanceYear.objects.filter(partnership=partnership, year=years[0]).update(
            opening_reserve=Decimal(0)
        )
    audit_record(
        actor=actor,
        job=job,
        event="performance.finance_year.created",
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
        event="performance.contribution.recorded",
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


def _entry_change(*, actor, entry, event: str, describe, **values):
    """Set a finance entry's fields and save it, with one audit event (before and after)."""
    entry, _ = model_update(
        entry,
        fields=list(values),
        data=values,
        full_clean=False,
        always=True,
        describe=describe,
        target=entry.finance_year,
        actor=actor,
        event=event,
    )
    return entry


def _entry_remove(*, actor, entry, event: str, describe) -> None:
    """Delete a finance entry, with one audit event naming what it was."""
    before = describe(entry)
    finance_year = entry.finance_year
    entry.delete()
    audit_record(actor=actor, event=event, target=finance_year, before=before)


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
    return _entry_change(
        actor=actor,
        entry=contribution,
        event="performance.contribution.updated",
        describe=_contribution_snapshot,
        agency=agency,
        amount=amount,
        received_on=received_on,
        note=note,
        statutory_group=statutory_group_of(agency),
    )


@transaction.atomic
def contribution_remove(*, actor, contribution: Contribution) -> None:
    _entry_remove(
        actor=actor,
        entry=contribution,
        event="performance.contribution.removed",
        describe=_contribution_snapshot,
    )


def _budget_fields(category: str, amount: Decimal | None) -> Decimal:
    if category not in SpendCategory.values:
        raise ValidationError({"category": "Choose a category."})
    return _amount(amount)


BUDGET_FIELDS = ["category", "description", "amount"]


def _budget_snapshot(line: BudgetLine) -> dict:
    return snapshot(line, BUDGET_FIELDS)


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
        event="performance.budget_line.set",
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
    return _entry_change(
        actor=actor,
        entry=line,
        event="performance.budget_line.updated",
        describe=_budget_snapshot,
        category=category,
        description=description,
        amount=amount,
    )


@transaction.atomic
def budget_line_remove(*, actor, line: BudgetLine) -> None:
    _entry_remove(
        actor=actor, entry=line, event="performance.budget_line.removed", describe=_budget_snapshot
    )


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
        start, end = financial_year_bounds(finance_year.year)
        if not start <= spent_on <= end:
            raise ValidationError(
                {
                    "spent_on": f"The date must be in the {finance_year.label} financial year "
                    f"(1 April {finance_year.year} to 31 March {finance_year.year + 1})."
                }
            )
    return description.strip(), amount


SPEND_FIELDS = ["category", "description", "amount", "spent_on"]


def _spend_snapshot(item: Expenditure) -> dict:
    return snapshot(item, SPEND_FIELDS)


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
        event="performance.expenditure.added",
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
    return _entry_change(
        actor=actor,
        entry=item,
        event="performance.expenditure.updated",
        describe=_spend_snapshot,
        category=category,
        description=description,
        amount=amount,
        spent_on=spent_on,
    )


@transaction.atomic
def expenditure_remove(*, actor, item: Expenditure) -> None:
    _entry_remove(
        actor=actor, entry=item, event="performance.expenditure.removed", describe=_spend_snapshot
    )
