"""A campaign that collects agencies' contributions to a partnership's yearly report.

The campaign itself is an ordinary campaign (returns, chasers, return rate and moderation are
the engine's); this record says which report period it is for and, once a report with these
answers is signed off, that the answers are frozen and why (ADR 0032)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from safeguarding.core.models import TimeStampedModel

from .campaigns import Campaign


class ContributionCampaign(TimeStampedModel):
    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="report_contribution"
    )
    period_start = models.DateField("Start of the report period")
    period_end = models.DateField("End of the report period")
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_reason = models.TextField(
        blank=True, help_text="Why the answers can no longer change (the report that froze them)"
    )

    class Meta:
        ordering = ["-period_end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="contribution_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign.title} ({self.period_start} to {self.period_end})"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.campaign.partnership_ids_for_rules()

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None
