"""The partnership's published multi-agency safeguarding arrangements, versioned."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF


class ArrangementsQuerySet(models.QuerySet):
    def visible_to(self, user) -> ArrangementsQuerySet:
        return self.filter(partnership_id__in=partnerships_where(user, PARTNERSHIP_STAFF))

    def published(self) -> ArrangementsQuerySet:
        return self.filter(published_on__isnull=False)


class Arrangements(TimeStampedModel):
    """One version of the arrangements. ``facts`` holds what came from the platform's
    records when the version was drafted (lead partners and their delegates, relevant
    agencies, bodies and chairs), so a published version never changes."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="arrangements"
    )
    number = models.PositiveSmallIntegerField()
    narrative = models.TextField(
        blank=True,
        help_text="Markdown: how the partners work together and hold each other to account",
    )
    independent_scrutiny = models.TextField(blank=True)
    joint_arrangements = models.TextField("Joint arrangements with neighbours", blank=True)
    threshold_url = models.URLField("Link to the threshold document", blank=True)
    escalation_url = models.URLField("Link to the escalation policy", blank=True)
    agreed_on = models.DateField("Date agreed", null=True, blank=True)
    next_review_on = models.DateField("Next review", null=True, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    published_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ArrangementsQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="unique_arrangements_version"
            )
        ]

    def __str__(self) -> str:
        return f"Safeguarding arrangements, version {self.number}"
