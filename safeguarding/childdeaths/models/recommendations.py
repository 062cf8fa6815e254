"""The panel's recommendations: followed up on the one tracker, closed on graded impact."""

from __future__ import annotations

from django.db import models

from safeguarding.accounts.models import Agency
from safeguarding.core.models import TimeStampedModel

from .deaths import ChildDeath


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed on evidence of impact"


class ImpactGrade(models.TextChoices):
    STRONG = "strong", "Strong evidence of impact"
    SOME = "some", "Some evidence of impact"
    INSUFFICIENT = "insufficient", "Insufficient evidence of impact"


class CdopRecommendationQuerySet(models.QuerySet):
    def visible_to(self, user) -> CdopRecommendationQuerySet:
        return self.filter(child_death__in=ChildDeath.objects.visible_to(user))


class CdopRecommendation(TimeStampedModel):
    child_death = models.ForeignKey(
        ChildDeath, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField("Recommendation")
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    target_on = models.DateField("Target date")
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    impact_evidence = models.TextField("Evidence of impact", blank=True)
    impact_grade = models.CharField(max_length=20, choices=ImpactGrade.choices, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = CdopRecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["target_on", "pk"]

    def __str__(self) -> str:
        return f"{self.child_death}: {self.text[:60]}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.child_death.partnership_ids_for_rules()

    @property
    def is_open(self) -> bool:
        return self.status == RecommendationStatus.OPEN
