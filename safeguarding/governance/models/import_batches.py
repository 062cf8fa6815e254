"""Import batches: a key-messages document read into draft items that a person reviews
before anything reaches the public archive.

Every document import (from the upload page or ``safeguarding import-key-messages``)
creates one :class:`ImportBatch` holding the document's blocks and what the reader made of
each (``source_lines``), and one :class:`ImportItem` per message found. The business unit
fixes titles, merges, splits or drops items, and publishes the batch or chosen items;
only then are :class:`~safeguarding.governance.models.KeyMessage` rows created or updated.
``--publish`` on the command line does the same at once, for trusted archives.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safeguarding.accounts.models import Partnership
from safeguarding.core.formatting import govuk_date
from safeguarding.core.models import TimeStampedModel
from safeguarding.governance.models.key_messages import DatePrecision, KeyMessage


class ImportBatchStatus(models.TextChoices):
    REVIEW = "review", "To review"
    PUBLISHED = "published", "Published"


class ImportBatch(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="key_message_import_batches"
    )
    source_name = models.CharField(max_length=255, help_text="The file's name")
    source_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the file, so the same file is not imported twice"
    )
    source_where = models.CharField(
        max_length=10, default="line", help_text="“line” for text files, else “paragraph”"
    )
    source_lines = models.JSONField(
        default=list,
        help_text="The document's blocks: line, text, role (meeting, title, body, left_out, "
        "outside), note, and the item it went into",
    )
    notes = models.JSONField(default=list, help_text="How the file was read (its encoding)")
    status = models.CharField(
        max_length=10, choices=ImportBatchStatus.choices, default=ImportBatchStatus.REVIEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "source_hash"])]

    def __str__(self) -> str:
        return self.source_name

    @property
    def is_open(self) -> bool:
        return self.status == ImportBatchStatus.REVIEW


class ImportItemOutcome(models.TextChoices):
    PENDING = "", "Not published yet"
    CREATED = "created", "Published as a new message"
    UPDATED = "updated", "Replaced a shorter published message"
    UNCHANGED = "unchanged", "Already published with the same or fuller text"


class ImportItem(TimeStampedModel):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    line = models.PositiveIntegerField(default=0, help_text="Where its title starts")
    meeting_date = models.DateField()
    meeting_date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    meeting_title = models.CharField(max_length=200, blank=True)
    date_note = models.CharField(
        max_length=200, blank=True, help_text="How the date was found, when not in a heading"
    )
    title = models.CharField(max_length=200)
    title_derived = models.BooleanField(
        default=False, help_text="Made from the first words: the document gave no title"
    )
    body = models.TextField()
    included = models.BooleanField(default=True, help_text="False when a person dropped it")
    match = models.ForeignKey(
        KeyMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A message already on the platform that describes the same item",
    )
    match_note = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(
        max_length=10, choices=ImportItemOutcome.choices, default="", blank=True
    )
    key_message = models.ForeignKey(
        KeyMessage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_items",
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def partnership_id(self) -> int:
        return self.batch.partnership_id

    @property
    def is_published(self) -> bool:
        return bool(self.outcome)

    @property
    def meeting_label(self) -> str:
        when = govuk_date(
            self.meeting_date, month_only=self.meeting_date_precision == DatePrecision.MONTH
        )
        return f"{self.meeting_title}, {when}" if self.meeting_title else when
