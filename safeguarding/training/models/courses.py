"""The course catalogue: courses, their learning outcomes, fees and member-group discounts."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency, Partnership, Sector
from safeguarding.core.models import TimeStampedModel
from safeguarding.planning.models import Priority, Theme


class CourseLevel(models.TextChoices):
    LEVEL_1 = "1", "Level 1"
    LEVEL_2 = "2", "Level 2"
    LEVEL_3 = "3", "Level 3"
    SPECIALIST = "specialist", "Specialist"


class CourseFormat(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    VIRTUAL = "virtual", "Virtual classroom"
    E_LEARNING = "e_learning", "E-learning"
    WEBINAR = "webinar", "Webinar"
    CONFERENCE = "conference", "Conference"
    BRIEFING = "briefing", "Briefing"
    PODCAST = "podcast", "Podcast"


class TrainingSettings(TimeStampedModel):
    """How a partnership runs its training. One row per partnership; defaults when absent."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="training_settings"
    )
    offer_hours = models.PositiveSmallIntegerField(
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(336)],
        help_text="How long the next person on a waiting list has to accept a place, in hours",
    )
    reminder_days = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(30)],
        help_text="How many days before a session attendees get a reminder",
    )
    late_cancellation_working_days = models.PositiveSmallIntegerField(
        default=3,
        validators=[MaxValueValidator(30)],
        help_text="A cancellation fewer than this many working days before the session is late",
    )
    no_show_fee = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal("25.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Charged for a no-show or late cancellation on a free course (£)",
    )
    refresher_notice_days = models.PositiveSmallIntegerField(
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="How many days before training expires the person is reminded to refresh it",
    )
    booking_link_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="How many days after the session (or its follow-up survey) emailed booking "
        "links keep working",
    )

    class Meta:
        verbose_name_plural = "training settings"

    def __str__(self) -> str:
        return f"Training settings for {self.partnership}"


class MemberGroup(TimeStampedModel):
    """A named group whose members pay less, such as ECVYS members."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="training_member_groups"
    )
    name = models.CharField(max_length=150)
    discount_percent = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="The discount members get on fee-paying courses, in per cent",
    )
    agencies = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="training_member_groups",
        help_text="Member organisations; their staff get the discount automatically",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_member_group")
        ]

    def __str__(self) -> str:
        return self.name


class CourseQuerySet(models.QuerySet):
    def published(self) -> CourseQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user) -> CourseQuerySet:
        """Published courses are public; drafts only for the owning business unit."""
        from safeguarding.training.scoping import managed_partnership_ids

        managed = managed_partnership_ids(user)
        return self.filter(Q(is_published=True) | Q(partnership_id__in=managed))


class Course(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="training_courses"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What the course covers and who it is for")
    level = models.CharField(max_length=12, choices=CourseLevel.choices)
    format = models.CharField(max_length=20, choices=CourseFormat.choices)
    duration_minutes = models.PositiveIntegerField(
        validators=[MinValueValidator(5)], help_text="How long the course takes, in minutes"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="training_courses")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_courses",
    )
    audience_sectors = models.JSONField(
        default=list, blank=True, help_text="The sectors the course is for; empty means everyone"
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text="Courses a person must have attended first",
    )
    standard_fee = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The fee per place in pounds; 0 for a free course",
    )
    discount_groups = models.ManyToManyField(
        MemberGroup, blank=True, related_name="courses", help_text="Member groups who pay less"
    )
    funding_source = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who pays for the course, such as the Violence and Vulnerability Unit",
    )
    approval_required = models.BooleanField(
        default=False, help_text="The line manager must approve each booking"
    )
    refresher_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="How often the training must be refreshed, in months (24 for level 3)",
    )
    follow_up_months = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="When the follow-up impact survey is sent, in months after the session",
    )
    follow_up_to_manager = models.BooleanField(
        default=True, help_text="Send the follow-up impact survey to the line manager too"
    )
    is_published = models.BooleanField(default=False)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["is_published", "level", "format"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_free(self) -> bool:
        return self.standard_fee == 0 and not any(f.amount for f in self.fees.all())

    @property
    def duration_text(self) -> str:
        """“3 hours”, “1 hour 30 minutes”, “45 minutes”."""
        hours, minutes = divmod(self.duration_minutes or 0, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
        if minutes or not hours:
            parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
        return " ".join(parts)

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Sector.choices)
        return [labels.get(value, value) for value in self.audience_sectors]


class LearningOutcome(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="outcomes")
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    is_current = models.BooleanField(
        default=True, help_text="Outcomes removed from the course stay for old evaluations"
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class CourseFee(models.Model):
    """A fee for one sector that differs from the course's standard fee."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="fees")
    sector = models.CharField(max_length=30, choices=Sector.choices)
    amount = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["sector"]
        constraints = [
            models.UniqueConstraint(fields=["course", "sector"], name="unique_course_sector_fee"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="course_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: £{self.amount}"
