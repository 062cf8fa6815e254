"""Serious incident notifications, rapid reviews and the agency summaries they gather."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.scoping import lead_agencies
from safeguarding.planning.models import Theme
from safeguarding.reviews import clocks
from safeguarding.reviews.models.base import ClockStart, VersionedModel
from safeguarding.reviews.scoping import staff_partnership_ids


class AgeBand(models.TextChoices):
    UNBORN = "unborn", "Unborn"
    UNDER_1 = "under_1", "Under 1"
    AGE_1_5 = "1_5", "1 to 5"
    AGE_6_10 = "6_10", "6 to 10"
    AGE_11_15 = "11_15", "11 to 15"
    AGE_16_17 = "16_17", "16 or 17"
    CARE_LEAVER = "18_plus", "18 or over (care leaver)"
    UNKNOWN = "unknown", "Not known"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known or not recorded"


class Ethnicity(models.TextChoices):
    WHITE = "white", "White"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    OTHER = "other", "Other ethnic group"
    NOT_KNOWN = "not_known", "Not known"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class Nature(models.TextChoices):
    DEATH = "death", "Child death"
    SERIOUS_HARM = "serious_harm", "Serious harm"
    OTHER = "other", "Other (for example a child who caused serious harm)"


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> NotificationQuerySet:
        """The partnership's staff, and the reviewer of a review that came from it."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        staff = staff_partnership_ids(user)
        return self.filter(
            Q(partnership_id__in=staff)
            | Q(
                pk__in=models.Subquery(
                    Notification.reviews.through.objects.filter(review__reviewer=user).values(
                        "notification_id"
                    )
                )
            )
        )


class Notification(VersionedModel):
    """A serious incident notified to the Child Safeguarding Practice Review Panel.

    The child is known only by a pseudonym: no name, address or date of birth is stored.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="notifications"
    )
    reference = models.CharField(max_length=20)
    child_pseudonym = models.CharField(
        "Child's pseudonym",
        max_length=40,
        help_text="A pseudonym such as “Child Q”. Never the child’s name, initials, address "
        "or date of birth.",
    )
    age_band = models.CharField("Age", max_length=10, choices=AgeBand.choices)
    sex = models.CharField(max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(
        max_length=10,
        choices=Ethnicity.choices,
        blank=True,
        help_text="Optional: recorded for equality analysis",
    )
    disability = models.CharField(
        "Disability",
        max_length=10,
        choices=Disability.choices,
        blank=True,
        help_text="Optional: recorded for equality analysis",
    )
    nature = models.CharField("Nature of the incident", max_length=20, choices=Nature.choices)
    looked_after = models.BooleanField("The child was looked after", default=False)
    agencies_involved = models.ManyToManyField(
        Agency, blank=True, related_name="notifications_involved"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="notifications")
    outline = models.TextField(
        "Brief outline",
        blank=True,
        help_text="Only the minimum facts the review needs. No names of children or family "
        "members.",
    )
    became_aware_on = models.DateField("Date the local authority became aware")
    notified_on = models.DateField(
        "Date notified to the Panel",
        null=True,
        blank=True,
        help_text="Leave empty until the notification has been sent",
    )
    late_reason = models.TextField(
        "Reason the notification was late",
        blank=True,
        help_text="Needed when the Panel was notified more than 5 working days after awareness",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-became_aware_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="unique_notification_reference"
            ),
            models.CheckConstraint(
                condition=Q(notified_on__isnull=True)
                | Q(notified_on__gte=models.F("became_aware_on")),
                name="notified_after_awareness",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_pseudonym} ({self.reference})"

    @property
    def notify_by(self) -> date:
        return clocks.notify_by(self.became_aware_on)

    @property
    def notify_clock(self) -> clocks.Clock:
        return clocks.Clock(
            key="notify",
            label="Notify the Panel within 5 working days",
            due=self.notify_by,
            done_on=self.notified_on,
            breach_reason=self.late_reason,
            record=self,
        )


class Decision(models.TextChoices):
    LOCAL_REVIEW = "local_review", "Local child safeguarding practice review"
    OTHER_LEARNING = "other_learning", "Other learning route"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    NATIONAL_REVIEW = "national_review", "National review recommended"


class PanelResponse(models.TextChoices):
    AGREES = "agrees", "Agrees with the partnership’s decision"
    MORE_INFORMATION = "more_information", "Asked for more information"
    DISAGREES = "disagrees", "Disagrees with the decision"
    NATIONAL_REVIEW = "national_review", "Will carry out a national review"


REGULATION_11_CRITERIA = [
    (
        "criterion_improvements",
        "It highlights or may highlight improvements needed, including "
        "where they have been identified before",
    ),
    ("criterion_recurrent_themes", "It highlights or may highlight recurrent themes"),
    (
        "criterion_agencies_working_together",
        "It highlights or may highlight concerns about two or more agencies working together",
    ),
    (
        "criterion_panel_suggested",
        "The Panel has considered it and concluded a local review may be more appropriate",
    ),
]


class RapidReviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> RapidReviewQuerySet:
        """The partnership's business unit, chair and safeguarding partners only."""
        return self.filter(partnership_id__in=staff_partnership_ids(user))


class RapidReview(VersionedModel):
    """The rapid review of a notified incident: 15 working days from its start event."""

    notification = models.OneToOneField(
        Notification, on_delete=models.PROTECT, related_name="rapid_review"
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="rapid_reviews"
    )
    clock_start_event = models.CharField(max_length=20, choices=ClockStart.choices)
    clock_start_on = models.DateField()
    meeting_on = models.DateField("Date of the rapid review meeting", null=True, blank=True)
    signed_off_on = models.DateField("Date signed off", null=True, blank=True)
    signed_off_by = models.CharField(
        "Signed off by",
        max_length=300,
        blank=True,
        help_text="The safeguarding partners who signed it off, with their roles",
    )
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decided_on = models.DateField("Date of the decision", null=True, blank=True)
    other_learning_route = models.CharField(
        max_length=200,
        blank=True,
        help_text="For another learning route: for example a single-agency review or a "
        "learning event",
    )
    decision_rationale = models.TextField("Reasons for the decision", blank=True)
    criterion_improvements = models.BooleanField(default=False)
    criterion_recurrent_themes = models.BooleanField(default=False)
    criterion_agencies_working_together = models.BooleanField(default=False)
    criterion_panel_suggested = models.BooleanField(default=False)
    sent_to_panel_on = models.DateField("Date sent to the Panel", null=True, blank=True)
    panel_response = models.CharField(max_length=30, choices=PanelResponse.choices, blank=True)
    panel_response_on = models.DateField("Date of the Panel’s response", null=True, blank=True)
    panel_response_notes = models.TextField("What the Panel said", blank=True)
    late_reason = models.TextField("Reason the rapid review was late", blank=True)

    objects = RapidReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-clock_start_on", "-pk"]

    def __str__(self) -> str:
        return f"Rapid review: {self.notification}"

    @property
    def due_on(self) -> date:
        return clocks.rapid_review_due(self.clock_start_on)

    @property
    def clock(self) -> clocks.Clock:
        return clocks.Clock(
            key="rapid_review",
            label="Rapid review to the Panel within 15 working days",
            due=self.due_on,
            done_on=self.sent_to_panel_on,
            breach_reason=self.late_reason,
            record=self,
        )

    @property
    def criteria_met(self) -> list[str]:
        return [label for field, label in REGULATION_11_CRITERIA if getattr(self, field)]

    @property
    def stage(self) -> str:
        if self.panel_response:
            return "Panel responded"
        if self.sent_to_panel_on:
            return "Sent to the Panel"
        if self.decision:
            return "Decision made"
        if self.signed_off_on:
            return "Signed off"
        if self.meeting_on:
            return "Meeting held"
        return "Gathering agency summaries"


class AgencySummaryQuerySet(models.QuerySet):
    def visible_to(self, user) -> AgencySummaryQuerySet:
        """Partnership staff see every summary; an agency lead only their own agency's."""
        condition = Q(rapid_review__partnership_id__in=staff_partnership_ids(user))
        for partnership_id, agency_ids in lead_agencies(user).items():
            condition |= Q(rapid_review__partnership_id=partnership_id, agency_id__in=agency_ids)
        return self.filter(condition)

    def outstanding(self) -> AgencySummaryQuerySet:
        """Still awaited: not received, and the rapid review not yet sent to the Panel."""
        return self.filter(
            received_on__isnull=True,
            not_received_on__isnull=True,
            rapid_review__sent_to_panel_on__isnull=True,
        )


class AgencySummary(VersionedModel):
    """One agency's summary of its involvement, requested for a rapid review."""

    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, related_name="summaries"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="rapid_summaries")
    requested_on = models.DateField()
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    summary = models.TextField(
        "Summary of the agency’s involvement",
        blank=True,
        help_text="Key practice episodes and any immediate learning. Use the child’s pseudonym.",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    not_received_on = models.DateField(
        "Closed as not received",
        null=True,
        blank=True,
        help_text="The rapid review went to the Panel before the summary arrived",
    )

    objects = AgencySummaryQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "agency__name"]
        verbose_name_plural = "agency summaries"
        constraints = [
            models.UniqueConstraint(
                fields=["rapid_review", "agency"], name="one_summary_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} summary for {self.rapid_review.notification}"

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.rapid_review.partnership_id]

    @property
    def is_outstanding(self) -> bool:
        return self.received_on is None and self.not_received_on is None

    @property
    def clock(self) -> clocks.Clock:
        return clocks.Clock(
            key="summary",
            label="Agency summary",
            due=self.due_on,
            done_on=self.received_on,
            record=self,
        )
