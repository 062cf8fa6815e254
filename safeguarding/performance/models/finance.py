"""The partnership's money: partner contributions, budget, spend and reserve per year."""

from __future__ import annotations

from django.db import models

from safeguarding.accounts.models import Agency, AgencyType, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.periods import financial_year_label


class FinanceYearQuerySet(models.QuerySet):
    def visible_to(self, user) -> FinanceYearQuerySet:
        """The business unit, chair and safeguarding partners read their partnership's
        finance; nobody else does."""
        from safeguarding.core.permissions import partnerships_where
        from safeguarding.core.roles import PARTNERSHIP_STAFF

        return self.filter(partnership_id__in=partnerships_where(user, PARTNERSHIP_STAFF))


class FinanceYear(TimeStampedModel):
    """One financial year (April to March) of a partnership's budget."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="finance_years"
    )
    year = models.PositiveSmallIntegerField(help_text="The year it starts: 2022 for 2022–23")
    opening_reserve = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text="Reserve brought forward into the first year the platform holds; later "
        "years bring forward the closing reserve of the year before",
    )
    notes = models.TextField(blank=True)

    objects = FinanceYearQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="unique_finance_year"),
        ]

    def __str__(self) -> str:
        return f"{self.label} budget"

    @property
    def label(self) -> str:
        return financial_year_label(self.year)


class StatutoryGroup(models.TextChoices):
    """The three statutory safeguarding partners, who share the funding equally."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (integrated care boards)"


def statutory_group_of(agency: Agency) -> str:
    """Which statutory partner an agency's money counts towards ('' if none)."""
    if not agency.is_statutory_partner:
        return ""
    if agency.type == AgencyType.POLICE:
        return StatutoryGroup.POLICE
    if agency.type in (AgencyType.INTEGRATED_CARE_BOARD, AgencyType.HEALTH_PROVIDER):
        return StatutoryGroup.HEALTH
    return StatutoryGroup.LOCAL_AUTHORITY


class Contribution(models.Model):
    finance_year = models.ForeignKey(
        FinanceYear, on_delete=models.CASCADE, related_name="contributions"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="contributions")
    statutory_group = models.CharField(max_length=20, choices=StatutoryGroup.choices, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    received_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["statutory_group", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["finance_year", "agency"], name="unique_contribution"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: £{self.amount}"


class SpendCategory(models.TextChoices):
    STAFFING = "staffing", "Business unit staffing"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair and scrutiny"
    INDEPENDENT_REVIEWERS = "independent_reviewers", "Independent lead reviewers"
    TRAINING = "training", "Training and learning events"
    COMMUNICATIONS = "communications", "Communications and publications"
    SYSTEMS = "systems", "Systems and subscriptions"
    VENUES = "venues", "Venues and meetings"
    PROJECTS = "projects", "Joint projects"
    OTHER = "other", "Other"


class BudgetLine(models.Model):
    finance_year = models.ForeignKey(
        FinanceYear, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(max_length=30, choices=SpendCategory.choices)
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["category", "description"]
        constraints = [
            models.UniqueConstraint(
                fields=["finance_year", "category", "description"], name="unique_budget_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: £{self.amount}"


class Expenditure(models.Model):
    finance_year = models.ForeignKey(
        FinanceYear, on_delete=models.CASCADE, related_name="expenditure"
    )
    category = models.CharField(max_length=30, choices=SpendCategory.choices)
    description = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    spent_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["category", "spent_on", "description"]
        verbose_name_plural = "expenditure"

    def __str__(self) -> str:
        return f"{self.description}: £{self.amount}"
