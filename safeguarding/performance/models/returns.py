"""Agency data returns: the figures an agency sends for a period, checked by the business
unit before they become the partnership's figures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.performance.models.indicators import Area, Flag, Indicator, Period


class ReturnStatus(models.TextChoices):
    REQUESTED = "requested", "Not submitted"
    SUBMITTED = "submitted", "Submitted"
    QUERIED = "queried", "Queried"
    ACCEPTED = "accepted", "Accepted"


OPEN_STATUSES = frozenset({ReturnStatus.REQUESTED, ReturnStatus.QUERIED})


class DataReturnQuerySet(models.QuerySet):
    def visible_to(self, user) -> DataReturnQuerySet:
        """Every return of a partnership for its business unit and chair; an agency's own
        returns for that agency's safeguarding lead; nothing for anyone else."""
        from safeguarding.core.scoping import lead_agencies
        from safeguarding.performance.scoping import oversight_partnerships

        condition = Q(partnership_id__in=oversight_partnerships(user))
        for partnership_id, agency_ids in lead_agencies(user).items():
            condition |= Q(partnership_id=partnership_id, agency_id__in=agency_ids)
        return self.filter(condition)

    def open(self) -> DataReturnQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class DataReturn(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="data_returns"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="data_returns")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="data_returns")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="data_returns")
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.REQUESTED
    )
    indicators = models.ManyToManyField(Indicator, related_name="data_returns")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    query_note = models.TextField(blank=True, help_text="What the business unit asked")

    objects = DataReturnQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "agency", "period"], name="unique_data_return"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} – {self.period.short_label} data return"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.is_open and self.due_on < timezone.localdate()


class DataReturnEntry(models.Model):
    data_return = models.ForeignKey(DataReturn, on_delete=models.CASCADE, related_name="entries")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    flag = models.CharField(max_length=20, choices=Flag.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["data_return", "indicator"], name="unique_data_return_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
