"""Published reviews from other partnerships and the national panel (the learning library)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.planning.models import Theme


class ExternalReviewType(models.TextChoices):
    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    NATIONAL = "national", "National review"
    THEMATIC = "thematic", "Thematic review"
    RAPID = "rapid", "Rapid review"
    SCR = "scr", "Serious case review"
    SAR = "sar", "Safeguarding adults review"


class ExternalReviewQuerySet(models.QuerySet):
    def published(self) -> ExternalReviewQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user) -> ExternalReviewQuerySet:
        """Reviewed entries are public; entries waiting for review only for the business unit
        of the partnership that imported them."""
        from safeguarding.core.permissions import partnerships_where
        from safeguarding.core.roles import Role

        staff_of = partnerships_where(user, [Role.BUSINESS_UNIT])
        if not staff_of:
            return self.published()
        return self.filter(models.Q(is_published=True) | models.Q(partnership_id__in=staff_of))


class ExternalReview(TimeStampedModel):
    """One published review brought in from elsewhere, owned by the importing partnership."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="external_reviews"
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField("Publishing partnership", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    review_type = models.CharField(max_length=20, choices=ExternalReviewType.choices)
    is_adult = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    learning = models.JSONField(default=list, blank=True)
    recommendations = models.JSONField(default=list, blank=True)
    link = models.URLField(max_length=500, blank=True)
    source_name = models.CharField(max_length=255)
    source_hash = models.CharField(max_length=64)
    is_published = models.BooleanField(default=False)
    themes = models.ManyToManyField(Theme, blank=True, related_name="external_reviews")

    objects = ExternalReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source_hash"], name="search_external_once_per_file"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ThemeMerge(models.Model):
    """A theme merged into another: its records now carry ``into``; links to the old theme's
    page lead to the new one. Kept so that a merge that would make a loop is refused."""

    merged = models.OneToOneField(Theme, on_delete=models.CASCADE, related_name="merged_into")
    into = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="merged_from")
    merged_at = models.DateTimeField(auto_now_add=True)
    records_moved = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.merged} → {self.into}"


class ThemeSuggestionDecision(models.Model):
    """A person's answer to one suggested theme for one existing record ("tag what exists"):
    accepted (the record now carries the theme) or rejected (never suggested for it again).
    The record is named the way the search index names it: its kind and its id."""

    kind = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    accepted = models.BooleanField()
    partnership = models.ForeignKey(
        Partnership, null=True, on_delete=models.CASCADE, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "theme"], name="search_one_decision_per_suggestion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.theme_id} ({self.accepted})"
