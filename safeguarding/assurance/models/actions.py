"""Action plans: gaps found by audits become actions owned by the organisation.

Every standard rated below "Fully met" creates an action (owner, due date). The owner
adds updates, then submits evidence that the gap is closed; the business unit accepts it
(closed on evidence) or sends it back. Multi-agency case audit recommendations are
actions too, so the partnership sees every open audit action in one list.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel

from .campaigns import AuditReturn
from .templates import TemplateQuestion


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    EVIDENCE_SUBMITTED = "evidence_submitted", "Evidence submitted"
    CLOSED = "closed", "Closed on evidence"


ACTION_TAGS = {
    "open": "govuk-tag--blue",
    "evidence_submitted": "govuk-tag--yellow",
    "closed": "govuk-tag--green",
}


class AuditActionQuerySet(models.QuerySet):
    def visible_to(self, user) -> AuditActionQuerySet:
        """Partnership staff see all their partnership's actions; an agency lead sees their
        agency's; a named owner sees their own."""
        from safeguarding.assurance.scoping import staff_partnership_ids
        from safeguarding.core.scoping import lead_agencies

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = Q(owner=user) | Q(partnership_id__in=staff_partnership_ids(user))
        for partnership_id, agency_ids in lead_agencies(user).items():
            condition |= Q(partnership_id=partnership_id, agency_id__in=agency_ids)
        return self.filter(condition)

    def open(self) -> AuditActionQuerySet:
        return self.exclude(status=ActionStatus.CLOSED)


class AuditAction(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="audit_actions"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="audit_actions")
    audit_return = models.ForeignKey(
        AuditReturn, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    question = models.ForeignKey(
        TemplateQuestion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case_audit = models.ForeignKey(
        "assurance.CaseAudit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_actions",
        help_text="The named person who owns the action",
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN, db_index=True
    )
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AuditActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit_return", "question"],
                condition=Q(audit_return__isnull=False, question__isnull=False),
                name="one_action_per_gap",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_tag(self) -> str:
        return ACTION_TAGS.get(self.status, "govuk-tag--grey")

    @property
    def is_closed(self) -> bool:
        return self.status == ActionStatus.CLOSED


class UpdateKind(models.TextChoices):
    UPDATE = "update", "Progress update"
    EVIDENCE = "evidence", "Evidence submitted"
    ACCEPTED = "accepted", "Evidence accepted: closed"
    SENT_BACK = "sent_back", "Evidence not accepted"


class AuditActionUpdate(models.Model):
    """One entry on an action's timeline: kept for ever, never edited."""

    action = models.ForeignKey(AuditAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=10, choices=UpdateKind.choices)
    text = models.TextField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("An action update cannot be changed once added.")
        super().save(*args, **kwargs)


class AuditActionFile(models.Model):
    """A file sent with the evidence that an action is done: kept with that timeline entry."""

    update = models.ForeignKey(AuditActionUpdate, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="assurance/actions/%Y/%m/")
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
