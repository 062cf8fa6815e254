"""Reads for finance: the summary of each year, with the equal-share check and the reserve
carried from one year to the next."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from safeguarding.accounts.models import Partnership
from safeguarding.performance.models import (
    BudgetLine,
    Contribution,
    Expenditure,
    FinanceYear,
    SpendCategory,
    StatutoryGroup,
)

ZERO = Decimal("0.00")
# Equal shares are equal to the pound: a statutory partner within £1 of the others is
# paying its equal share.
EQUAL_SHARE_TOLERANCE = Decimal("1.00")


@dataclass
class GroupShare:
    group: str
    label: str
    amount: Decimal
    share: Decimal  # percentage of the statutory partners' total
    shortfall: Decimal  # how much less than the largest statutory contribution


@dataclass
class CategoryLine:
    category: str
    label: str
    budget: Decimal
    spend: Decimal

    @property
    def variance(self) -> Decimal:
        return self.budget - self.spend


@dataclass
class FinanceSummary:
    finance_year: FinanceYear
    contributions: list[Contribution]
    groups: list[GroupShare]
    statutory_total: Decimal
    other_total: Decimal
    categories: list[CategoryLine]
    expenditure: list[Expenditure]
    reserve_brought_forward: Decimal
    carried_from_previous_year: bool
    budget_lines: list[BudgetLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.finance_year.year

    @property
    def label(self) -> str:
        return self.finance_year.label

    @property
    def income(self) -> Decimal:
        return self.statutory_total + self.other_total

    @property
    def budget(self) -> Decimal:
        return sum((c.budget for c in self.categories), ZERO)

    @property
    def spend(self) -> Decimal:
        return sum((c.spend for c in self.categories), ZERO)

    @property
    def surplus(self) -> Decimal:
        return self.income - self.spend

    @property
    def reserve_carried_forward(self) -> Decimal:
        return self.reserve_brought_forward + self.surplus

    @property
    def equal_share(self) -> Decimal:
        return (
            (self.statutory_total / 3).quantize(Decimal("0.01")) if self.statutory_total else ZERO
        )

    @property
    def is_equal(self) -> bool:
        paying = [g for g in self.groups]
        if len(paying) < 3 or any(g.amount <= 0 for g in paying):
            return False
        return max(g.amount for g in paying) - min(g.amount for g in paying) <= (
            EQUAL_SHARE_TOLERANCE
        )

    @property
    def equal_share_text(self) -> str:
        if not self.statutory_total:
            return "No statutory partner contributions recorded."
        missing = [g.label for g in self.groups if g.amount <= 0]
        if missing:
            return f"Not equal: no contribution recorded from {', '.join(missing)}."
        if self.is_equal:
            return f"Equal: each statutory partner pays £{self.groups[0].amount:,.2f}."
        short = [g for g in self.groups if g.shortfall > EQUAL_SHARE_TOLERANCE]
        return (
            "Not yet equal: "
            + "; ".join(
                f"{g.label} pays £{g.shortfall:,.2f} less than the largest share" for g in short
            )
            + "."
        )


def finance_partnerships(*, user) -> list[Partnership]:
    """Partnerships whose finance the user may read: business unit, chair, partners."""
    from safeguarding.core.permissions import partnerships_where
    from safeguarding.core.roles import PARTNERSHIP_STAFF

    ids = partnerships_where(user, PARTNERSHIP_STAFF)
    return list(Partnership.objects.filter(pk__in=ids).order_by("name"))


def finance_years(*, user, partnership: Partnership):
    return FinanceYear.objects.visible_to(user).filter(partnership=partnership).order_by("year")


def finance_year_get(*, user, partnership: Partnership, year: int) -> FinanceYear | None:
    return finance_years(user=user, partnership=partnership).filter(year=year).first()


def finance_summaries(*, user, partnership: Partnership) -> list[FinanceSummary]:
    """Every recorded year, oldest first; four queries whatever the number of years."""
    return _summaries(finance_years(user=user, partnership=partnership))


def partnership_finance_summaries(*, partnership: Partnership) -> list[FinanceSummary]:
    """The same for the yearly report (``performance/reporting.py``), whose own app has
    already decided who may read it."""
    return _summaries(FinanceYear.objects.filter(partnership=partnership).order_by("year"))


def _summaries(finance_years_qs) -> list[FinanceSummary]:
    # The partnership is joined: the API names it on every year's summary.
    years = list(
        finance_years_qs.select_related("partnership").prefetch_related(
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("agency").order_by(
                    "statutory_group", "agency__name"
                ),
            ),
            Prefetch(
                "budget_lines", queryset=BudgetLine.objects.order_by("category", "description")
            ),
            Prefetch("expenditure", queryset=Expenditure.objects.order_by("category", "spent_on")),
        )
    )
    summaries: list[FinanceSummary] = []
    previous: FinanceSummary | None = None
    for finance_year in years:
        # Only the first year the platform holds has a typed opening reserve; every later
        # year brings forward the closing reserve of the year before.
        carried = previous is not None
        brought = previous.reserve_carried_forward if carried else finance_year.opening_reserve
        summary = _summary(finance_year, brought, carried)
        summaries.append(summary)
        previous = summary
    return summaries


def _summary(finance_year: FinanceYear, brought: Decimal, carried: bool) -> FinanceSummary:
    contributions = list(finance_year.contributions.all())
    totals = {group: ZERO for group in StatutoryGroup.values}
    other = ZERO
    for contribution in contributions:
        if contribution.statutory_group:
            totals[contribution.statutory_group] += contribution.amount
        else:
            other += contribution.amount
    statutory_total = sum(totals.values(), ZERO)
    largest = max(totals.values()) if totals else ZERO
    groups = [
        GroupShare(
            group=group,
            label=StatutoryGroup(group).label,
            amount=amount,
            share=(amount * 100 / statutory_total).quantize(Decimal("0.1"))
            if statutory_total
            else ZERO,
            shortfall=largest - amount,
        )
        for group, amount in totals.items()
    ]
    budgets: dict[str, Decimal] = {}
    budget_lines = list(finance_year.budget_lines.all())
    for line in budget_lines:
        budgets[line.category] = budgets.get(line.category, ZERO) + line.amount
    spends: dict[str, Decimal] = {}
    expenditure = list(finance_year.expenditure.all())
    for item in expenditure:
        spends[item.category] = spends.get(item.category, ZERO) + item.amount
    categories = [
        CategoryLine(value, label, budgets.get(value, ZERO), spends.get(value, ZERO))
        for value, label in SpendCategory.choices
        if value in budgets or value in spends
    ]
    return FinanceSummary(
        finance_year=finance_year,
        contributions=contributions,
        groups=groups,
        statutory_total=statutory_total,
        other_total=other,
        categories=categories,
        expenditure=expenditure,
        reserve_brought_forward=brought,
        carried_from_previous_year=carried,
        budget_lines=budget_lines,
    )


def finance_summary_for(*, user, partnership: Partnership, year: int) -> FinanceSummary | None:
    for summary in finance_summaries(user=user, partnership=partnership):
        if summary.year == year:
            return summary
    return None


# One entry of a year, for the business unit's change and remove pages. The year has already
# been found through ``finance_year_get`` (scoped to what the user may see).


def contribution_get(*, finance_year: FinanceYear, pk: int) -> Contribution | None:
    return (
        Contribution.objects.filter(finance_year=finance_year, pk=pk)
        .select_related("agency", "finance_year")
        .first()
    )


def budget_line_get(*, finance_year: FinanceYear, pk: int) -> BudgetLine | None:
    return (
        BudgetLine.objects.filter(finance_year=finance_year, pk=pk)
        .select_related("finance_year")
        .first()
    )


def expenditure_get(*, finance_year: FinanceYear, pk: int) -> Expenditure | None:
    return (
        Expenditure.objects.filter(finance_year=finance_year, pk=pk)
        .select_related("finance_year")
        .first()
    )
