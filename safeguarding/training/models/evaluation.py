"""Evaluation straight after a session, and the follow-up impact survey months later."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from safeguarding.core.models import TimeStampedModel

from .bookings import Booking
from .courses import LearningOutcome

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(TimeStampedModel):
    """What an attendee thought straight after the session (one per booking)."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="evaluation")
    quality = models.PositiveSmallIntegerField(
        validators=SCALE, help_text="Overall quality, 1 (poor) to 5 (excellent)"
    )
    will_do_differently = models.TextField()
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quality__gte=1, quality__lte=5), name="evaluation_quality_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"Evaluation of {self.booking}"


class OutcomeRating(models.Model):
    """Confidence on one learning outcome, before and after the session (1 to 5)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.PROTECT, related_name="ratings")
    before = models.PositiveSmallIntegerField(validators=SCALE)
    after = models.PositiveSmallIntegerField(validators=SCALE)

    class Meta:
        ordering = ["outcome__order", "outcome_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "outcome"], name="one_rating_per_outcome"
            ),
            models.CheckConstraint(
                condition=models.Q(before__gte=1, before__lte=5, after__gte=1, after__lte=5),
                name="outcome_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.before} → {self.after}"


class Applied(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class PracticeChange(models.TextChoices):
    INFORMATION_SHARING = "information_sharing", "Information sharing"
    JOINT_WORKING = "joint_working", "Joint working with other agencies"
    RECOGNISING = "recognising", "Recognising signs of harm"
    REFERRALS = "referrals", "Making referrals or requests for support"
    CURIOSITY = "curiosity", "Professional curiosity"
    CHALLENGE = "challenge", "Challenging and escalating"
    RECORDING = "recording", "Recording"
    VOICE_OF_CHILD = "voice_of_child", "Hearing the voice of the child"


class FollowUp(TimeStampedModel):
    """The follow-up impact survey: sent months after the session, optionally to the manager."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="follow_up")
    sent_at = models.DateTimeField()
    sent_to_manager = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    applied = models.CharField(max_length=10, choices=Applied.choices, blank=True)
    changes = models.JSONField(default=list, blank=True)
    example = models.TextField(blank=True)
    manager_answered_at = models.DateTimeField(null=True, blank=True)
    manager_observed = models.CharField(max_length=10, choices=Applied.choices, blank=True)
    manager_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Follow-up for {self.booking}"

    @property
    def change_labels(self) -> list[str]:
        labels = dict(PracticeChange.choices)
        return [labels.get(value, value) for value in self.changes]
