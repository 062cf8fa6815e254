"""The register of inspections and the actions of each one's action plan."""

from __future__ import annotations

from django.db import models

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF


class InspectionType(models.TextChoices):
    ILACS = "ilacs", "Ofsted ILACS"
    JTAI = "jtai", "Joint targeted area inspection (JTAI)"
    HMICFRS = "hmicfrs", "HMICFRS"
    CQC = "cqc", "CQC"
    HMIP = "hmip", "HMI Probation"
    OTHER = "other", "Other"


class InspectionQuerySet(models.QuerySet):
    def visible_to(self, user) -> InspectionQuerySet:
        return self.filter(partnership_id__in=partnerships_where(user, PARTNERSHIP_STAFF))


class Inspection(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="inspections"
    )
    type = models.CharField(max_length=20, choices=InspectionType.choices)
    title = models.CharField(max_length=200, help_text="Such as “Children's services”")
    inspected_on = models.DateField("Date of the inspection")
    agencies = models.ManyToManyField(Agency, blank=True, related_name="inspections")
    judgement = models.CharField(
        "Judgement or grade", max_length=200, blank=True, help_text="Such as “Good”"
    )
    report_url = models.URLField("Link to the report", blank=True)
    summary = models.TextField(blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.title}"


class InspectionActionQuerySet(models.QuerySet):
    def visible_to(self, user) -> InspectionActionQuerySet:
        return self.filter(
            inspection__partnership_id__in=partnerships_where(user, PARTNERSHIP_STAFF)
        )


class InspectionAction(TimeStampedModel):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField("Action")
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField("Due date")
    completed_on = models.DateField(null=True, blank=True)

    objects = InspectionActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.inspection.partnership_id]
