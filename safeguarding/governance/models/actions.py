"""Actions raised at meetings, with their owners and a timeline of updates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from safeguarding.accounts.models import Agency
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF, Role
from safeguarding.planning.models import Priority, Theme

from .bodies import Membership, active_on
from .meetings import AgendaItem, Meeting


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.CANCELLED})


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user) -> ActionQuerySet:
        """The business unit, chairs and safeguarding partners of the body's partnerships;
        the body's current members; the owner; agency leads for their agency's actions."""
        if not user.is_authenticated:
            return self.none()
        staff_of = list(partnerships_where(user, PARTNERSHIP_STAFF))
        lead_of = list(partnerships_where(user, [Role.AGENCY_LEAD]))
        member_bodies = Membership.objects.filter(
            active_on(timezone.localdate()), person=user
        ).values("body_id")
        agencies = user.agency_memberships.values("agency_id")
        visible = Action.objects.filter(
            Q(meeting__body__partnerships__in=staff_of)
            | Q(meeting__body__in=member_bodies)
            | Q(owner=user)
            | (Q(owner_agency__in=agencies) & Q(meeting__body__partnerships__in=lead_of))
        ).values("pk")
        return self.filter(pk__in=visible)

    def open(self) -> ActionQuerySet:
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today=None) -> ActionQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Action(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="governance_actions"
    )
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="governance_actions"
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=15, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_on = models.DateField(null=True, blank=True)
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="governance_actions")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def partnership_ids_for_rules(self) -> list[int]:
        return self.meeting.partnership_ids_for_rules()

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class ActionUpdate(models.Model):
    """One entry in an action's timeline: what was done, and the status after it."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    status = models.CharField(max_length=15, choices=ActionStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Update to {self.action}"
