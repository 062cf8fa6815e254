"""Imports run in the background from the upload page, with their progress and result."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel

# Each run keeps the first problems it found; the total is counted.
ERRORS_KEPT = 500


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    CHECKING = "checking", "Checking the rows"
    SAVING = "saving", "Saving the figures"
    DONE = "done", "Finished"
    FAILED = "failed", "Failed"


FINISHED_STATUSES = frozenset({ImportStatus.DONE, ImportStatus.FAILED})


class ImportRunQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImportRunQuerySet:
        """Only the business unit of the partnership sees its imports."""
        from safeguarding.performance.scoping import business_unit_partnerships

        return self.filter(partnership_id__in=business_unit_partnerships(user))


class ImportRun(TimeStampedModel):
    """One uploaded file imported in the background. Its counters are saved as the rows are
    checked, outside the import's own transaction, so the progress page can show them."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="indicator_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="performance/imports/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    format = models.CharField(max_length=10, blank=True, help_text="ees, csv, xlsx or blank")
    check_only = models.BooleanField(default=False)
    skip_invalid = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_checked = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text=f"The first {ERRORS_KEPT} problems found"
    )
    written = models.BooleanField(default=False, help_text="The figures were saved")
    failure = models.TextField(blank=True, help_text="Why the import could not run")
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "-created_at"])]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_checked * 100 // self.rows_total)

    @property
    def outcome(self) -> str:
        """A short phrase for the list of imports and the page heading."""
        if self.status == ImportStatus.FAILED:
            return "Failed"
        if self.status != ImportStatus.DONE:
            return self.get_status_display()
        if self.check_only:
            return "Checked: nothing written"
        if self.written:
            return "Imported with problems" if self.problem_count else "Imported"
        return "Not imported: problems found"

    @property
    def outcome_colour(self) -> str:
        """The GOV.UK tag colour for the outcome."""
        if self.status == ImportStatus.FAILED or (
            self.status == ImportStatus.DONE and not self.written and not self.check_only
        ):
            return "red"
        if self.status != ImportStatus.DONE:
            return "blue"
        if self.problem_count:
            return "yellow"
        return "green"

    @property
    def progress_text(self) -> str:
        if self.status == ImportStatus.QUEUED:
            return "Waiting to start."
        if self.rows_total is None:
            return "Reading the file."
        if self.status == ImportStatus.CHECKING:
            return f"Checked {self.rows_checked:,} of {self.rows_total:,} rows."
        if self.status == ImportStatus.SAVING:
            return f"Checked all {self.rows_total:,} rows. Saving the figures."
        return f"Finished: {self.rows_total:,} rows read."
