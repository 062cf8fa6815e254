"""Recommendations from reviews, their monthly updates and graded evidence of impact."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.scoping import lead_agencies
from safeguarding.planning.models import Priority, Theme
from safeguarding.reviews.models.base import VersionedModel
from safeguarding.reviews.models.reviews import Review


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed on evidence of impact"


class ImpactGrade(models.TextChoices):
    STRONG = "strong", "Strong evidence of impact"
    SOME = "some", "Some evidence of impact"
    INSUFFICIENT = "insufficient", "Insufficient evidence of impact"


GRADE_COLOURS = {"strong": "green", "some": "yellow", "insufficient": "red"}


class Progress(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    ACTIONS_COMPLETE = "actions_complete", "Actions complete: evidence of impact to follow"


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user) -> RecommendationQuerySet:
        """Partnership staff; the owner agency's safeguarding lead; the named owner; the
        reviewer commissioned to write the review they come from."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        # The keys of the reviews they may see are read first (a partnership has tens of
        # reviews): with the conditions on the review in the same query, PostgreSQL walked every
        # partnership's overdue recommendations at national scale (11 ms instead of 3).
        staff_reviews = list(Review.objects.visible_to(user).values_list("pk", flat=True))
        condition = Q(review_id__in=staff_reviews) | Q(owner_person=user)
        leads = lead_agencies(user)
        if leads:
            led: dict[int, list[int]] = {partnership_id: [] for partnership_id in leads}
            for pk, partnership_id in Review.objects.filter(
                partnership_id__in=list(leads)
            ).values_list("pk", "partnership_id"):
                led[partnership_id].append(pk)
            for partnership_id, agency_ids in leads.items():
                condition |= Q(review_id__in=led[partnership_id], owner_agency_id__in=agency_ids)
        return self.filter(condition)


class Recommendation(VersionedModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("Recommendation")
    made_on = models.DateField(
        "Date made",
        null=True,
        blank=True,
        help_text="The date the report containing it was published (or, until it is, agreed). "
        "Leave it blank: it is filled in when the report is agreed and published",
    )
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="owned_recommendations"
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_recommendations",
        verbose_name="Named owner",
        help_text="They are asked for an update every month",
    )
    target_on = models.DateField("Target date")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
        verbose_name="Business plan priority",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="recommendations")
    status = models.CharField(
        max_length=10,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
        db_index=True,
    )
    impact_grade = models.CharField(
        max_length=20, choices=ImpactGrade.choices, blank=True, help_text="The latest grade"
    )
    update_due_on = models.DateField(db_index=True)
    last_update_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="unique_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.review.title}: recommendation {self.number}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.review.partnership_ids_for_rules()

    @property
    def is_open(self) -> bool:
        return self.status == RecommendationStatus.OPEN

    @property
    def grade_colour(self) -> str:
        return GRADE_COLOURS.get(self.impact_grade, "grey")


class AppendOnlyModel(models.Model):
    """A record that is written once and never changed or deleted (a timeline entry)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(f"A {self._meta.verbose_name} cannot be changed once added.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"A {self._meta.verbose_name} cannot be deleted.")


class RecommendationUpdate(AppendOnlyModel):
    """One monthly update from the owner: kept for ever, never edited."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    progress = models.CharField(max_length=20, choices=Progress.choices)
    text = models.TextField("What has happened since the last update")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Update on {self.recommendation} ({self.get_progress_display()})"


class ImpactEvidence(TimeStampedModel):
    """What the owner shows has changed for children; graded by the partnership."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="evidence"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(
        "Evidence of impact",
        help_text="What has changed in practice and for children, and how you know: audit "
        "findings, feedback, data",
    )
    grade = models.CharField(max_length=20, choices=ImpactGrade.choices, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    graded_on = models.DateField(null=True, blank=True)
    grade_comment = models.TextField("Comments on the grade", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "impact evidence"

    def __str__(self) -> str:
        return f"Evidence for {self.recommendation}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.recommendation.partnership_ids_for_rules()

    @property
    def grade_colour(self) -> str:
        return GRADE_COLOURS.get(self.grade, "grey")


class ImpactEvidenceFile(models.Model):
    evidence = models.ForeignKey(ImpactEvidence, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="reviews/evidence/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
