"""Shared pieces of the case-review models: the edit version, choices and settings."""

from __future__ import annotations

from django.db import models

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel


class VersionedModel(TimeStampedModel):
    """A record people edit from forms. Services compare ``version`` before they write, so
    two people editing at once never silently overwrite each other."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class ClockStart(models.TextChoices):
    AWARENESS = "awareness", "The date the local authority became aware of the incident"
    NOTIFICATION = "notification", "The date the notification was sent to the Panel"


class ReviewSettings(TimeStampedModel):
    """A partnership's choices for its case reviews."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="review_settings"
    )
    rapid_review_clock_start = models.CharField(
        "The 15 working days of a rapid review count from",
        max_length=20,
        choices=ClockStart.choices,
        default=ClockStart.NOTIFICATION,
    )

    class Meta:
        verbose_name_plural = "review settings"

    def __str__(self) -> str:
        return f"Review settings for {self.partnership}"
