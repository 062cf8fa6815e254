"""Indicators, the areas and periods they are counted over, their values and narratives."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency, Locality, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.performance.periods import ANNUAL_TYPES, PeriodSpec, PeriodType
from safeguarding.planning.models import Priority, Theme


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_10000 = "rate_per_10000", "Rate per 10,000 children"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
    LOWER_IS_BETTER = "lower_is_better", "Lower is better"
    NEUTRAL = "neutral", "Neither: shown for context"


class Rag(models.TextChoices):
    GREEN = "green", "On target"
    AMBER = "amber", "Close to target"
    RED = "red", "Off target"


class Flag(models.TextChoices):
    """Data-quality flags. The first four go with a figure; the others stand in for one."""

    NONE = "", "None"
    PROVISIONAL = "provisional", "Provisional"
    REVISED = "revised", "Revised"
    ESTIMATED = "estimated", "Estimated"
    INCOMPLETE = "incomplete", "Incomplete data"
    SUPPRESSED = "suppressed", "Suppressed to protect confidentiality"
    NOT_AVAILABLE = "not_available", "Not available"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    LOW_RELIABILITY = "low_reliability", "Low reliability"
    ROUNDS_TO_ZERO = "rounds_to_zero", "Fewer than 0.5 (rounds to zero, not zero)"


NO_FIGURE_FLAGS = frozenset(
    {
        Flag.SUPPRESSED,
        Flag.NOT_AVAILABLE,
        Flag.NOT_APPLICABLE,
        Flag.LOW_RELIABILITY,
        Flag.ROUNDS_TO_ZERO,
    }
)

# The symbols official statistics use in place of a figure (DfE, ONS and the Government
# Statistical Service). They are kept as flags — never read as zero.
SUPPRESSION_SYMBOLS = {
    "c": Flag.SUPPRESSED,
    "x": Flag.NOT_AVAILABLE,
    "z": Flag.NOT_APPLICABLE,
    "u": Flag.LOW_RELIABILITY,
    "k": Flag.ROUNDS_TO_ZERO,
    "low": Flag.ROUNDS_TO_ZERO,
    ":": Flag.NOT_AVAILABLE,
    "..": Flag.NOT_AVAILABLE,
    "[c]": Flag.SUPPRESSED,
    "[x]": Flag.NOT_AVAILABLE,
    "[z]": Flag.NOT_APPLICABLE,
    "[low]": Flag.ROUNDS_TO_ZERO,
}


class AreaKind(models.TextChoices):
    NATIONAL = "national", "Country"
    REGIONAL = "regional", "Region"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    LOCALITY = "locality", "Locality"


class AreaQuerySet(models.QuerySet):
    def visible_to(self, user) -> AreaQuerySet:
        """Areas are public geography (England, regions, local authorities)."""
        return self


class Area(models.Model):
    """A place figures are counted for: a locality, a local authority, a region or England."""

    kind = models.CharField(max_length=20, choices=AreaKind.choices)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    code = models.CharField(
        max_length=20, blank=True, help_text="ONS geography code, such as E10000012 for Essex"
    )
    la_code = models.CharField(
        max_length=10, blank=True, help_text="DfE (old) local authority number, such as 881"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    locality = models.OneToOneField(
        Locality, null=True, blank=True, on_delete=models.CASCADE, related_name="area"
    )

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="unique_area_code"
            ),
            models.UniqueConstraint(
                fields=["la_code"], condition=~Q(la_code=""), name="unique_area_la_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StatisticalNeighbour(models.Model):
    """One of a local authority's nearest neighbours in the DfE statistical neighbour model."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["area", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["area", "rank"], name="unique_neighbour_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.neighbour} (neighbour {self.rank} of {self.area})"


class Period(models.Model):
    type = models.CharField(max_length=20, choices=PeriodType.choices)
    start = models.DateField()
    end = models.DateField()
    code = models.CharField(max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(
        db_index=True, help_text="Start year of the year column it falls in (2023 for 2023–24)"
    )

    class Meta:
        ordering = ["end", "start"]

    def __str__(self) -> str:
        return self.label

    @property
    def spec(self) -> PeriodSpec:
        return PeriodSpec(self.type, self.start, self.end)

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def short_label(self) -> str:
        return self.spec.short_label

    @property
    def is_annual(self) -> bool:
        return self.type in ANNUAL_TYPES


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user) -> IndicatorQuerySet:
        """Indicators of the partnerships where the user may read performance data."""
        from safeguarding.performance.scoping import performance_partnerships

        return self.filter(partnership_id__in=performance_partnerships(user))


class Indicator(TimeStampedModel):
    """What is counted, how, where the figures come from, and what good looks like."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="indicators"
    )
    key = models.SlugField(
        max_length=100,
        help_text="A short name for import files, the API and formulas, like referrals",
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What is counted and how")
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    polarity = models.CharField(max_length=20, choices=Polarity.choices, default=Polarity.NEUTRAL)
    period_type = models.CharField(
        max_length=20, choices=PeriodType.choices, default=PeriodType.FINANCIAL_YEAR
    )
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from")
    source_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="performance_indicators",
        help_text="The agency that provides the figures in its data returns",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="indicators")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    target = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    amber_threshold = models.DecimalField(
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Figures between this and the target are amber; beyond it, red",
    )
    formula = models.CharField(
        max_length=300,
        blank=True,
        help_text="For a derived indicator: other indicators' keys in braces, like "
        "100 * {assessments} / {referrals}",
    )
    decimal_places = models.PositiveSmallIntegerField(default=0)
    in_key_data = models.BooleanField(
        default=False, help_text="Shown in the key data table of the yearly report"
    )
    key_data_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="unique_indicator_key"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_derived(self) -> bool:
        return bool(self.formula)

    def rag(self, value: Decimal | None) -> str | None:
        """Green, amber or red for a figure against the target (None without a target)."""
        if value is None or self.target is None or self.polarity == Polarity.NEUTRAL:
            return None
        better = (
            value >= self.target
            if self.polarity == Polarity.HIGHER_IS_BETTER
            else (value <= self.target)
        )
        if better:
            return Rag.GREEN
        if self.amber_threshold is not None:
            close = (
                value >= self.amber_threshold
                if self.polarity == Polarity.HIGHER_IS_BETTER
                else value <= self.amber_threshold
            )
            if close:
                return Rag.AMBER
        return Rag.RED

    @property
    def target_display(self) -> str:
        return self.format_value(self.target) if self.target is not None else ""

    @property
    def amber_display(self) -> str:
        return self.format_value(self.amber_threshold) if self.amber_threshold is not None else ""

    def format_value(self, value: Decimal | None) -> str:
        if value is None:
            return ""
        places = self.decimal_places
        rounded = round(value, places)
        text = f"{rounded:,.{places}f}"
        if self.unit == Unit.PERCENTAGE:
            return f"{text}%"
        return text


class IndicatorValueQuerySet(models.QuerySet):
    def visible_to(self, user) -> IndicatorValueQuerySet:
        from safeguarding.performance.scoping import performance_partnerships

        return self.filter(indicator__partnership_id__in=performance_partnerships(user))


class Origin(models.TextChoices):
    IMPORT = "import", "Imported from a file"
    ENTRY = "entry", "Entered by the business unit"
    RETURN = "return", "From an agency's data return"
    DERIVED = "derived", "Computed from other indicators"


class IndicatorValue(TimeStampedModel):
    """One figure: an indicator, in an area, over a period, with its data-quality flag."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    flag = models.CharField(max_length=20, choices=Flag.choices, blank=True)
    source_symbol = models.CharField(
        max_length=10, blank=True, help_text="The symbol the source used, such as c or x"
    )
    note = models.TextField(blank=True, help_text="Data-quality note")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.ENTRY)
    previous_value = models.DecimalField(
        max_digits=16, decimal_places=4, null=True, blank=True, help_text="Before revision"
    )

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "area", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="unique_indicator_value"
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.area}, {self.period}"

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.indicator.partnership_id]

    @property
    def display(self) -> str:
        if self.value is None:
            return Flag(self.flag).label if self.flag else "No figure"
        return self.indicator.format_value(self.value)


class IndicatorNarrative(TimeStampedModel):
    """What the figures mean, for one indicator and period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="narratives")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="narratives")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "-period__end"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_narrative"),
        ]

    def __str__(self) -> str:
        return f"Narrative: {self.indicator}, {self.period}"

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.indicator.partnership_id]


class ColumnMappingQuerySet(models.QuerySet):
    def visible_to(self, user) -> ColumnMappingQuerySet:
        """The business unit manages its partnership's import mappings; nobody else sees them."""
        from safeguarding.performance.scoping import business_unit_partnerships

        return self.filter(partnership_id__in=business_unit_partnerships(user))


class ColumnMapping(models.Model):
    """Which indicator a column of an import file feeds. Saved on first import and reused,
    so a renamed indicator still receives its figures."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicator_mappings"
    )
    source_format = models.CharField(max_length=10)
    column = models.CharField(max_length=200)
    filter_value = models.CharField(max_length=300, blank=True)
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="column_mappings"
    )

    objects = ColumnMappingQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "source_format", "column", "filter_value"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source_format", "column", "filter_value"],
                name="unique_column_mapping",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" ({self.filter_value})" if self.filter_value else ""
        return f"{self.column}{suffix} → {self.indicator}"
