"""Local child safeguarding practice reviews, thematic reviews and joint reviews."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.planning.models import Priority, Theme
from safeguarding.reviews import clocks
from safeguarding.reviews.models.base import VersionedModel
from safeguarding.reviews.models.notifications import Notification, RapidReview
from safeguarding.reviews.scoping import staff_partnership_ids


class ReviewKind(models.TextChoices):
    LOCAL = "local", "Local child safeguarding practice review"
    THEMATIC = "thematic", "Thematic review"
    JOINT = "joint", "Joint review led by another partnership"


class ReviewStatus(models.TextChoices):
    DECIDED = "decided", "Decided"
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference agreed"
    REVIEWER_COMMISSIONED = "reviewer_commissioned", "Reviewer commissioned"
    IN_PROGRESS = "in_progress", "In progress"
    DRAFT = "draft", "Draft report"
    FINAL_AGREED = "final_agreed", "Final report agreed"
    SENT_TO_PANEL = "sent_to_panel", "Sent to the Panel, Secretary of State and Ofsted"
    PUBLISHED = "published", "Published"
    DEFERRED = "deferred", "Publication deferred"
    LEARNING_EMBEDDED = "learning_embedded", "Learning embedded"


STATUS_COLOURS = {
    ReviewStatus.DECIDED: "grey",
    ReviewStatus.TERMS_OF_REFERENCE: "light-blue",
    ReviewStatus.REVIEWER_COMMISSIONED: "light-blue",
    ReviewStatus.IN_PROGRESS: "blue",
    ReviewStatus.DRAFT: "blue",
    ReviewStatus.FINAL_AGREED: "purple",
    ReviewStatus.SENT_TO_PANEL: "purple",
    ReviewStatus.PUBLISHED: "green",
    ReviewStatus.DEFERRED: "orange",
    ReviewStatus.LEARNING_EMBEDDED: "turquoise",
}


class DeferralReason(models.TextChoices):
    CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Criminal proceedings"
    INQUEST = "inquest", "Coroner’s inquest"
    FAMILY = "family", "The welfare or privacy of the family"
    OTHER = "other", "Another reason"


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReviewQuerySet:
        """Staff of any partnership the review belongs to, and its commissioned reviewer."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        staff = staff_partnership_ids(user)
        return self.filter(
            Q(partnership_id__in=staff)
            | Q(
                pk__in=models.Subquery(
                    Review.other_partnerships.through.objects.filter(
                        partnership_id__in=staff
                    ).values("review_id")
                )
            )
            | Q(reviewer=user)
        )

    def published(self) -> ReviewQuerySet:
        """Reviews whose report is public: anyone may read these in the learning library."""
        return self.filter(
            published_on__isnull=False,
            status__in=[ReviewStatus.PUBLISHED, ReviewStatus.LEARNING_EMBEDDED],
        )


class Review(VersionedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="reviews")
    other_partnerships = models.ManyToManyField(
        Partnership,
        blank=True,
        related_name="joint_reviews",
        help_text="Other partnerships on this platform that share the review",
    )
    kind = models.CharField("Type of review", max_length=20, choices=ReviewKind.choices)
    title = models.CharField(
        max_length=200,
        help_text="The child’s pseudonym (“Child Q”) or the theme, such as “Teenage suicide "
        "2018 to 2022”",
    )
    status = models.CharField(
        max_length=30, choices=ReviewStatus.choices, default=ReviewStatus.DECIDED, db_index=True
    )
    rapid_review = models.OneToOneField(
        RapidReview, null=True, blank=True, on_delete=models.PROTECT, related_name="review"
    )
    notifications = models.ManyToManyField(Notification, blank=True, related_name="reviews")
    decided_on = models.DateField("Date of the decision to hold the review")
    lead_partnership_name = models.CharField(
        "Partnership leading the review",
        max_length=200,
        blank=True,
        help_text="For a joint review, for example “London Borough of Havering”",
    )
    cost_contribution = models.DecimalField(
        "Our cost contribution (£)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    methodology = models.CharField(
        max_length=100, blank=True, help_text="For example SILP or a systems review"
    )
    terms_of_reference = models.TextField(blank=True)
    terms_agreed_on = models.DateField("Date terms of reference agreed", null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commissioned_reviews",
        help_text="The independent reviewer, who may then see this review and nothing else",
    )
    commissioned_on = models.DateField("Date reviewer commissioned", null=True, blank=True)
    reviewer_cost = models.DecimalField(
        "Reviewer’s cost (£)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    started_on = models.DateField("Date the review started", null=True, blank=True)
    draft_received_on = models.DateField("Date the draft report arrived", null=True, blank=True)
    final_agreed_on = models.DateField("Date the final report was agreed", null=True, blank=True)
    planned_publication_on = models.DateField("Planned publication date", null=True, blank=True)
    advance_copy_sent_on = models.DateField(
        "Date sent to the Panel, Secretary of State and Ofsted", null=True, blank=True
    )
    sent_to_ofsted = models.BooleanField("Sent to Ofsted too", default=False)
    published_on = models.DateField("Date published", null=True, blank=True)
    publication_url = models.URLField("Link to the published report", blank=True)
    deferral_reason = models.CharField(max_length=30, choices=DeferralReason.choices, blank=True)
    deferral_details = models.TextField(blank=True)
    deferred_on = models.DateField(null=True, blank=True)
    deferral_review_on = models.DateField(
        "Date to look at publication again", null=True, blank=True
    )
    learning_embedded_on = models.DateField(null=True, blank=True)
    learning_embedded_summary = models.TextField("How the learning has been embedded", blank=True)
    target_breach_reason = models.TextField("Reason the 6-month target was missed", blank=True)
    summary = models.TextField(
        blank=True, help_text="What happened, in a few paragraphs, using the pseudonym only"
    )
    key_learning = models.TextField(blank=True, help_text="One finding per line")
    themes = models.ManyToManyField(Theme, blank=True, related_name="reviews")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.partnership_id, *(p.pk for p in self.other_partnerships.all())]

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "grey")

    @property
    def is_published(self) -> bool:
        return self.published_on is not None and self.status in {
            ReviewStatus.PUBLISHED,
            ReviewStatus.LEARNING_EMBEDDED,
        }

    @property
    def target_publication_on(self) -> date:
        return clocks.publication_target(self.decided_on)

    @property
    def latest_advance_copy_on(self) -> date | None:
        if self.planned_publication_on is None:
            return None
        return clocks.latest_advance_copy(self.planned_publication_on)

    @property
    def earliest_publication_on(self) -> date | None:
        if self.advance_copy_sent_on is None:
            return None
        return clocks.earliest_publication(self.advance_copy_sent_on)

    @property
    def breach_reason(self) -> str:
        if self.target_breach_reason:
            return self.target_breach_reason
        if self.status == ReviewStatus.DEFERRED and self.deferral_reason:
            return f"Publication deferred: {self.get_deferral_reason_display()}"
        return ""

    @property
    def publication_clock(self) -> clocks.Clock:
        return clocks.Clock(
            key="publication",
            label="Publish within 6 months of the decision",
            due=self.target_publication_on,
            done_on=self.published_on,
            working_days=False,
            breach_reason=self.breach_reason,
            record=self,
        )

    @property
    def advance_copy_clock(self) -> clocks.Clock:
        return clocks.Clock(
            key="advance_copy",
            label="Send to the Panel, Secretary of State and Ofsted 7 working days before "
            "publication",
            due=self.latest_advance_copy_on,
            done_on=self.advance_copy_sent_on,
            record=self,
        )

    @property
    def clocks(self) -> list[clocks.Clock]:
        result = [self.publication_clock]
        if self.planned_publication_on:
            result.append(self.advance_copy_clock)
        return result

    @property
    def year(self) -> int | None:
        return self.published_on.year if self.published_on else None


class PractitionerEvent(TimeStampedModel):
    """A practitioner event or family conversation held while the review is in progress."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    held_on = models.DateField("Date held")
    title = models.CharField(max_length=200, help_text="For example “Practitioner event”")
    attended = models.PositiveIntegerField("Number who took part", default=0)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %B %Y})"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.review.partnership_ids_for_rules()
