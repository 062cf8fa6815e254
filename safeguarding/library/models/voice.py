"""The voice of children and young people: activities counted by age band and setting
(aggregated only: no child's name or contact is ever stored) and the "You said, we did"
board."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.library.models.campaigns import Campaign


class ActivityKind(models.TextChoices):
    YOUTH_VOICES = "youth_voices", "Youth Voices session"
    SCHOOL_COUNCIL = "school_council", "School council"
    SURVEY = "survey", "Survey"
    CONSULTATION = "consultation", "Consultation"
    OTHER = "other", "Other"


class AgeBand(models.TextChoices):
    UNDER_11 = "under_11", "Under 11"
    AGE_11_15 = "11_15", "11 to 15"
    AGE_16_17 = "16_17", "16 to 17"
    AGE_18_25 = "18_25", "18 to 25 (care leavers and young adults)"


class Setting(models.TextChoices):
    PRIMARY = "primary", "Primary school"
    SECONDARY = "secondary", "Secondary school"
    COLLEGE = "college", "College"
    YOUTH_GROUP = "youth_group", "Youth group"
    CHILDREN_IN_CARE = "children_in_care", "Children in care council"
    ONLINE = "online", "Online"
    COMMUNITY = "community", "Community"


class YouthVoiceActivity(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="youth_voice_activities"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    held_on = models.DateField()
    summary = models.TextField(blank=True, help_text="What was discussed; never a child's name")

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name_plural = "youth voice activities"

    def __str__(self) -> str:
        return self.title


class ActivityParticipation(models.Model):
    """How many took part, for one age band in one setting: a count, never a person."""

    activity = models.ForeignKey(
        YouthVoiceActivity, on_delete=models.CASCADE, related_name="participation"
    )
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["age_band", "setting"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "age_band", "setting"], name="one_count_per_band_and_setting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.count} aged {self.age_band} in {self.setting}"

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.activity.partnership_id]


class ResponseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class YouSaidWeDidQuerySet(models.QuerySet):
    def visible_to(self, user) -> YouSaidWeDidQuerySet:
        """Published entries for everyone; unpublished for their partnership's business unit."""
        own = partnerships_where(user, [Role.BUSINESS_UNIT])
        if not own:
            return self.filter(is_published=True)
        return self.filter(Q(is_published=True) | Q(partnership_id__in=own))


class YouSaidWeDid(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="you_said_we_did"
    )
    you_said = models.TextField(help_text="What children and young people told us")
    we_did = models.TextField(help_text="What the partnership did about it")
    status = models.CharField(
        max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.PLANNED
    )
    activity = models.ForeignKey(
        YouthVoiceActivity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_id = models.PositiveIntegerField(null=True, blank=True)
    decision_label = models.CharField(max_length=300, blank=True)
    action_id = models.PositiveIntegerField(null=True, blank=True)
    action_label = models.CharField(max_length=300, blank=True)
    said_on = models.DateField()
    is_published = models.BooleanField(default=True)
    source_label = models.CharField(
        "Where it came from",
        max_length=200,
        blank=True,
        help_text="Such as the survey or consultation the children's views came from",
    )
    source_url = models.URLField("Link to where it came from", max_length=500, blank=True)

    objects = YouSaidWeDidQuerySet.as_manager()

    class Meta:
        ordering = ["-said_on", "pk"]
        verbose_name = "You said, we did entry"
        verbose_name_plural = "You said, we did entries"

    def __str__(self) -> str:
        return self.you_said[:80]
