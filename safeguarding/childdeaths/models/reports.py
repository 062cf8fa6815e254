"""Reports asked of the agencies that knew the child, submitted by each agency's lead."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from safeguarding.accounts.models import Agency
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.scoping import lead_agencies

from .deaths import ChildDeath


class AgencyReportQuerySet(models.QuerySet):
    def requested_of(self, user) -> AgencyReportQuerySet:
        """The requests made of agencies the user leads, in a partnership the death is shared
        with: an agency lead's own requests and nothing else."""
        held = lead_agencies(user)
        if not held:
            return self.none()
        query = models.Q(pk__in=[])
        for partnership_id, agency_ids in held.items():
            query |= models.Q(
                agency_id__in=list(agency_ids), child_death__partnerships__id=partnership_id
            )
        return self.filter(pk__in=AgencyReport.objects.filter(query).values("pk"))


class AgencyReport(TimeStampedModel):
    child_death = models.ForeignKey(
        ChildDeath, on_delete=models.CASCADE, related_name="agency_reports"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    due_on = models.DateField()
    submitted_on = models.DateField(null=True, blank=True)
    text = models.TextField("Report", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_chased_on = models.DateField(null=True, blank=True)

    objects = AgencyReportQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["child_death", "agency"],
                name="one_report_per_agency_per_death",
                violation_error_message="A report has already been asked of this agency.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child_death}: report from {self.agency}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.child_death.partnership_ids_for_rules()

    @property
    def is_submitted(self) -> bool:
        return self.submitted_on is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_submitted and self.due_on < timezone.localdate()
