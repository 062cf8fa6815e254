"""Campaigns sent to many organisations, their returns, answers, evidence and challenge events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.planning.models import Priority, Theme

from .templates import RatingLevel, TemplateQuestion, TemplateVersion


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Not launched"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user) -> CampaignQuerySet:
        """Staff of the lead partnership or of a joint partnership."""
        from safeguarding.assurance.scoping import staff_partnership_ids

        staff = staff_partnership_ids(user)
        if not staff:
            return self.none()
        return self.filter(
            Q(partnership_id__in=staff)
            | Q(
                pk__in=Subquery(
                    Campaign.joint_partnerships.through.objects.filter(
                        partnership_id__in=staff
                    ).values("campaign_id")
                )
            )
        )


class Campaign(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="audit_campaigns",
        help_text="The partnership that runs the campaign",
    )
    joint_partnerships = models.ManyToManyField(
        Partnership,
        blank=True,
        related_name="joint_audit_campaigns",
        help_text="Other partnerships taking part (Southend, Essex and Thurrock run Section 11 "
        "jointly)",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="campaigns")
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    audience = models.JSONField(default=dict, blank=True, help_text="The filter that chose who")
    audience_summary = models.CharField(max_length=500, blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_cycles",
        verbose_name="Previous cycle",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="audit_campaigns")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_campaigns",
        verbose_name="Business plan priority",
    )
    reminder_days = models.CharField(
        max_length=50,
        default="14,7,1",
        help_text="Days before the closing date when a reminder is sent, separated by commas",
    )
    chase_every_days = models.PositiveSmallIntegerField(
        default=5,
        help_text="After the closing date, chase outstanding returns every N working days",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    imported = models.BooleanField(
        default=False,
        help_text="Holds organisations' past returns imported from before the platform",
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "title"]

    def __str__(self) -> str:
        return self.title

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.partnership_id, *(p.pk for p in self.joint_partnerships.all())]

    @property
    def reminder_day_list(self) -> list[int]:
        return sorted(
            {int(part) for part in self.reminder_days.split(",") if part.strip().isdigit()},
            reverse=True,
        )

    @property
    def is_open(self) -> bool:
        return self.status == CampaignStatus.OPEN

    @property
    def return_rate(self) -> float | None:
        """% returned of those invited (not exempt); needs the selectors' annotated counts."""
        invited = getattr(self, "invited_count", None)
        if not invited:
            return None
        return round(100 * self.returned_count / invited, 1)


class ReturnStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for more evidence"
    LATE = "late", "Late"
    EXEMPT = "exempt", "Exempt"


STATUS_TAGS = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--light-blue",
    "submitted": "govuk-tag--green",
    "returned": "govuk-tag--orange",
    "late": "govuk-tag--red",
    "exempt": "govuk-tag--purple",
}
EDITABLE_STATUSES = frozenset({"not_started", "in_progress", "late", "returned"})


def contributed_return_ids(user) -> list[int]:
    """The returns a colleague was added to. A list rather than a subquery: beside "or the
    agency's returns", a subquery made PostgreSQL read every return of every partnership;
    ids and agencies each use an index."""
    return list(
        AuditReturn.contributors.through.objects.filter(user_id=user.pk).values_list(
            "auditreturn_id", flat=True
        )
    )


class AuditReturnQuerySet(models.QuerySet):
    def visible_to(self, user) -> AuditReturnQuerySet:
        """Partnership staff (moderators) of the campaign's partnerships; the agency's own
        safeguarding lead; colleagues the lead added to the return. Nobody else."""
        from safeguarding.assurance.scoping import staff_partnership_ids
        from safeguarding.core.scoping import lead_agency_ids

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        staff = staff_partnership_ids(user)
        condition = Q(pk__in=contributed_return_ids(user))
        leads = lead_agency_ids(user)
        if leads:
            condition |= Q(agency_id__in=leads)
        if staff:
            condition |= Q(campaign__partnership_id__in=staff) | Q(
                campaign_id__in=Subquery(
                    Campaign.joint_partnerships.through.objects.filter(
                        partnership_id__in=staff
                    ).values("campaign_id")
                )
            )
        return self.filter(condition)


class AuditReturn(TimeStampedModel):
    """One organisation's return to a campaign (for a case audit: per case)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="returns")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="audit_returns")
    case = models.ForeignKey(
        "assurance.AuditCase",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agency_returns",
    )
    status = models.CharField(
        max_length=12,
        choices=ReturnStatus.choices,
        default=ReturnStatus.NOT_STARTED,
        db_index=True,
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_audit_returns",
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="audit_return_contributions"
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation's previous return that answers were carried from",
    )
    started_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    exempt_reason = models.TextField(blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderation_summary = models.TextField(blank=True)

    objects = AuditReturnQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "agency"],
                condition=Q(case__isnull=True),
                name="one_return_per_agency",
            ),
            models.UniqueConstraint(
                fields=["campaign", "agency", "case"],
                condition=Q(case__isnull=False),
                name="one_return_per_agency_per_case",
            ),
        ]
        indexes = [
            # Returns waiting for moderation in the moderator's partnerships (the dashboard's
            # count): without it the database read every submitted return of every partnership.
            models.Index(fields=["status", "campaign"], name="assurance_return_status_camp"),
        ]

    def __str__(self) -> str:
        if self.case_id:
            return f"{self.agency.name}: case {self.case.reference}"
        return f"{self.agency.name}: {self.campaign.title}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.campaign.partnership_ids_for_rules()

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS.get(self.status, "govuk-tag--grey")

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def has_been_submitted(self) -> bool:
        return self.first_submitted_at is not None


class ModerationState(models.TextChoices):
    NONE = "", "Not asked"
    REQUESTED = "requested", "More evidence requested"
    RESPONDED = "responded", "More evidence given"


class Answer(models.Model):
    audit_return = models.ForeignKey(AuditReturn, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(TemplateQuestion, on_delete=models.PROTECT, related_name="answers")
    rating = models.ForeignKey(
        RatingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    not_applicable = models.BooleanField(default=False)
    not_applicable_reason = models.TextField(blank=True)
    yes_no = models.BooleanField(null=True, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    evidence = models.TextField(blank=True, help_text="The evidence for the rating")
    extra = models.JSONField(
        default=dict, blank=True, help_text="Values of the template's extra fields, by key"
    )
    # Moderation
    moderated_rating = models.ForeignKey(
        RatingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderator_comment = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_state = models.CharField(
        max_length=10, choices=ModerationState.choices, blank=True, default=""
    )
    evidence_request = models.TextField(blank=True, help_text="What the moderator asked for")
    evidence_requested_at = models.DateTimeField(null=True, blank=True)
    # Editing: a revision number guards against two people overwriting each other.
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    # Carried forward from the organisation's previous return
    carried_forward = models.BooleanField(default=False)
    previous_summary = models.TextField(blank=True)
    previous_signature = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["question__section__number", "question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit_return", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question.reference} in {self.audit_return_id}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.audit_return.partnership_ids_for_rules()

    @property
    def extra_list(self) -> list[tuple[str, str]]:
        """The extra fields' values as (label, value); labels come from the field's key."""
        return [
            (key.replace("-", " ").capitalize(), value)
            for key, value in sorted((self.extra or {}).items())
            if value
        ]

    @property
    def effective_rating(self) -> RatingLevel | None:
        return self.moderated_rating or self.rating


class EvidenceFile(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="assurance/evidence/%Y/%m/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def partnership_ids_for_rules(self) -> list[int]:
        return self.answer.partnership_ids_for_rules()


class ChallengeEvent(TimeStampedModel):
    """A challenge day or moderation panel where agencies present and are challenged."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="challenge_events"
    )
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    attendees = models.TextField(help_text="Who attended, one per line")
    agencies_presenting = models.ManyToManyField(
        Agency, blank=True, related_name="audit_challenge_events"
    )
    outcomes = models.TextField(help_text="What was agreed, challenged or asked for")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %B %Y})"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.campaign.partnership_ids_for_rules()
