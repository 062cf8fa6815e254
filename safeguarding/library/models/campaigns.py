"""Campaigns: a named push on a theme, with partners, materials, channels and reach."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.library.models.resources import Resource
from safeguarding.planning.models import Priority, Theme


class Channel(models.TextChoices):
    SOCIAL_MEDIA = "social_media", "Social media"
    WEBSITE = "website", "Website"
    BULLETIN = "bulletin", "Bulletin"
    LEAFLETS = "leaflets", "Leaflets and posters"
    EVENTS = "events", "Events"
    PRESS = "press", "Press and radio"
    SCHOOLS = "schools", "Schools"


class ReachMeasure(models.TextChoices):
    PEOPLE_REACHED = "people_reached", "People reached"
    IMPRESSIONS = "impressions", "Impressions"
    POSTS = "posts", "Posts"
    LEAFLETS = "leaflets", "Leaflets given out"
    EVENTS_ATTENDED = "events_attended", "People at events"


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user) -> CampaignQuerySet:
        """Campaigns are public: what a partnership tells the public it is doing."""
        return self.all()


class Campaign(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="library_campaigns"
    )
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    aims = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="library_campaigns")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner_agencies = models.ManyToManyField(Agency, blank=True, related_name="+")
    materials = models.ManyToManyField(Resource, blank=True, related_name="campaigns")
    channels = models.JSONField(default=list, blank=True)

    objects = CampaignQuerySet.as_manager()

    # Not a column: the public calendar sets it to the people reached across channels.
    people_reached: int

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name", "starts_on"], name="unique_campaign_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:campaign", args=[self.pk])

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [labels.get(value, value) for value in self.channels]


class CampaignReach(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reach")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    measure = models.CharField(max_length=20, choices=ReachMeasure.choices)
    figure = models.PositiveIntegerField()

    class Meta:
        ordering = ["channel", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "channel", "measure"], name="one_reach_figure_per_measure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.figure} {self.measure}"

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.campaign.partnership_id]
