"""Referrals for review: any agency asks the statutory partners to consider a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.scoping import lead_agencies
from safeguarding.planning.models import Theme
from safeguarding.reviews.models.base import VersionedModel
from safeguarding.reviews.models.notifications import Notification
from safeguarding.reviews.scoping import staff_partnership_ids


class ReferralStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    UNDER_CONSIDERATION = "under_consideration", "Under consideration"
    DECIDED = "decided", "Decided"


class ReferralOutcome(models.TextChoices):
    PROCEED = (
        "proceed",
        "Proceed to a rapid review (serious incident notification)",
    )
    OTHER_LEARNING = "other_learning", "Other learning route"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReferralQuerySet:
        """The partnership's business unit, chair and safeguarding partners; the person who
        referred; and the safeguarding lead of the referring agency."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = Q(partnership_id__in=staff_partnership_ids(user)) | Q(referred_by=user)
        for partnership_id, agency_ids in lead_agencies(user).items():
            condition |= Q(partnership_id=partnership_id, referring_agency_id__in=agency_ids)
        return self.filter(condition)


class Referral(VersionedModel):
    """A case an agency refers to the partnership for consideration for a review.

    The child is known only by a pseudonym: no name, address or date of birth is stored.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="referrals")
    referring_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="referrals_made"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    child_pseudonym = models.CharField(
        "Child's pseudonym",
        max_length=40,
        help_text="A pseudonym such as “Child Q”. Never the child’s name, initials, address "
        "or date of birth.",
    )
    what_happened = models.TextField(
        "What happened",
        help_text="Only the minimum facts. No names of children or family members.",
    )
    why_criteria = models.TextField(
        "Why it may meet the criteria for a review",
        help_text="For example: abuse or neglect is known or suspected, and the child died or "
        "was seriously harmed; or agencies may not have worked well together.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="referrals")
    incident_on = models.DateField("Date of the incident")
    agencies_involved = models.ManyToManyField(
        Agency,
        blank=True,
        related_name="referrals_involved",
        verbose_name="Other agencies involved",
    )
    received_on = models.DateField("Date received")
    status = models.CharField(
        max_length=30, choices=ReferralStatus.choices, default=ReferralStatus.SUBMITTED
    )
    consideration_started_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=ReferralOutcome.choices, blank=True)
    decision_reason = models.TextField("Reason for the decision", blank=True)
    decided_on = models.DateField("Date of the decision", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notification = models.ForeignKey(
        Notification,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("received_on")),
                name="referral_decided_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral of {self.child_pseudonym} by {self.referring_agency}"

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.partnership_id]
