"""The one theme taxonomy, business plans and their priorities.

Every capability links its records to ``Theme`` and ``Priority`` — meetings, reviews,
audits, courses, indicators — so a priority page can show everything that serves it.
The tables keep the names they had when governance held these models (ADR 0019), so moving
them here changed no data. A priority's lead body is a governance body, named by string so
that planning imports no domain app.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel


class ThemeQuerySet(models.QuerySet):
    def active(self) -> ThemeQuerySet:
        return self.filter(is_active=True)

    def visible_to(self, user) -> ThemeQuerySet:
        """The taxonomy is public: it labels published key messages, reviews and courses."""
        return self

    def broader_ids(self, ids) -> dict[int, list[int]]:
        """For each theme in ``ids``, its broader themes' ids, nearest first (``county lines``
        → ``criminal exploitation`` → …). One query whatever the depth: the taxonomy is read
        whole (a few hundred rows at most) and walked in memory; a loop stops the walk."""
        wanted = [pk for pk in ids if pk is not None]
        if not wanted:
            return {}
        parents = dict(self.model._default_manager.values_list("pk", "parent_id"))
        found: dict[int, list[int]] = {}
        for pk in wanted:
            chain: list[int] = []
            seen = {pk}
            step = parents.get(pk)
            while step is not None and step not in seen:
                chain.append(step)
                seen.add(step)
                step = parents.get(step)
            found[pk] = chain
        return found


class Theme(TimeStampedModel):
    """One entry of the platform-wide taxonomy, managed by the business unit."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True, help_text="Retired themes stay on old records")
    synonyms = models.TextField(
        blank=True, help_text="Other words and abbreviations for the theme, one a line"
    )
    national_themes = models.JSONField(
        default=list,
        blank=True,
        help_text="Keys of the national Child Safeguarding Practice Review Panel's themes",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="narrower",
        verbose_name="Broader theme",
        help_text="The broader theme this one is part of, if any",
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        db_table = "governance_theme"

    def __str__(self) -> str:
        return self.name

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    def broader_chain(self) -> list[Theme]:
        """The broader themes, nearest first (stops at a loop, which ``check_parent`` refuses)."""
        chain: list[Theme] = []
        seen = {self.pk}
        step = self.parent
        while step is not None and step.pk not in seen:
            chain.append(step)
            seen.add(step.pk)
            step = step.parent
        return chain

    def check_parent(self, parent: Theme | None) -> None:
        """Refuse a broader theme that would make the hierarchy go round in a loop."""
        if parent is None:
            return
        if parent.pk == self.pk:
            raise ValidationError({"parent": "A theme cannot be broader than itself."})
        if self.pk is not None and any(t.pk == self.pk for t in parent.broader_chain()):
            raise ValidationError(
                {
                    "parent": f"“{parent.name}” is already narrower than “{self.name}”, so it "
                    "cannot be its broader theme: that would make a loop."
                }
            )

    @property
    def national_theme_names(self) -> list[str]:
        from safeguarding.planning.themes import NATIONAL_THEME_NAMES

        return [NATIONAL_THEME_NAMES.get(key, key) for key in self.national_themes or []]


class BusinessPlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> BusinessPlanQuerySet:
        """Business plans are published documents: anyone may read them."""
        return self


class BusinessPlan(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="business_plans"
    )
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    summary = models.TextField(blank=True)

    objects = BusinessPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        db_table = "governance_businessplan"

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on.year}–{self.ends_on.year})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": "The plan must end after it starts."})


class PriorityQuerySet(models.QuerySet):
    def visible_to(self, user) -> PriorityQuerySet:
        """Priorities are part of the published business plan: anyone may read them."""
        return self


class Priority(TimeStampedModel):
    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead_body_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body that leads this priority (linked to a governance body once bodies "
        "are recorded)",
    )
    measures = models.TextField(blank=True, help_text="How progress is measured, one per line")
    lead_body = models.ForeignKey(
        "governance.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_priorities",
        help_text="The body that leads this priority",
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="priorities", db_table="governance_priority_themes"
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "title"]
        verbose_name_plural = "priorities"
        db_table = "governance_priority"
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="unique_priority_per_plan")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def partnership_id(self) -> int:
        return self.plan.partnership_id

    @property
    def measure_list(self) -> list[str]:
        return [line.strip() for line in self.measures.splitlines() if line.strip()]
