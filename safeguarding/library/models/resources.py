"""The resource library: guidance, tools, leaflets, podcasts, videos, 7-minute briefings and
links, with their usage counted per day without cookies or personal data."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.library.models.common import AUDIENCE_LABELS
from safeguarding.planning.models import Priority, Theme


class ResourceKind(models.TextChoices):
    GUIDANCE = "guidance", "Guidance"
    PRACTICE_TOOL = "practice_tool", "Practice tool"
    LEAFLET = "leaflet", "Leaflet"
    PODCAST = "podcast", "Podcast"
    VIDEO = "video", "Video"
    BRIEFING = "briefing", "7-minute briefing"
    LINK = "link", "Link"


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    UNDER_REVIEW = "under_review", "Under review"
    ARCHIVED = "archived", "Archived"


PUBLIC_RESOURCE_STATUSES = (ResourceStatus.PUBLISHED, ResourceStatus.UNDER_REVIEW)


class ResourceQuerySet(models.QuerySet):
    def public(self) -> ResourceQuerySet:
        return self.filter(status__in=PUBLIC_RESOURCE_STATUSES)

    def visible_to(self, user) -> ResourceQuerySet:
        """Published (and under review) resources for everyone; drafts and archived ones
        only for the business unit of the resource's partnership."""
        own = partnerships_where(user, [Role.BUSINESS_UNIT])
        if not own:
            return self.public()
        return self.filter(Q(status__in=PUBLIC_RESOURCE_STATUSES) | Q(partnership_id__in=own))


class Resource(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="library_resources"
    )
    title = models.CharField(max_length=200)
    title_key = models.CharField(
        max_length=200, editable=False, help_text="The title normalised, for re-imports"
    )
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    summary = models.TextField(blank=True)
    audiences = models.JSONField(default=list, blank=True, help_text="Who it is for")
    themes = models.ManyToManyField(Theme, blank=True, related_name="library_resources")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_name = models.CharField(
        max_length=200, blank=True, help_text="The owner as the register names it"
    )
    file = models.FileField(upload_to="library/resources/%Y/", blank=True)
    file_content_type = models.CharField(max_length=100, blank=True)
    link = models.URLField(max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=ResourceStatus.choices, default=ResourceStatus.PUBLISHED
    )
    published_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "title_key"], name="unique_resource_title_per_partnership"
            )
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:resource", args=[self.pk])

    @property
    def audience_labels(self) -> list[str]:
        return [AUDIENCE_LABELS.get(value, value) for value in self.audiences]

    @property
    def is_playable(self) -> bool:
        return self.kind in (ResourceKind.PODCAST, ResourceKind.VIDEO)


class ResourceUsage(models.Model):
    """How often a resource was viewed, downloaded or played on one day: counts only,
    never who (no cookie, no address, no person)."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)
    plays = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "day"], name="one_usage_row_per_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.resource_id} {self.day}"
