"""Key messages: what a partnership's Executive tells the public after each meeting.

A message is drafted from a meeting, approved by the chair and then published. Imported
archives (``safeguarding import-key-messages``) arrive already published: the document is
the record of what the partnership published elsewhere.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Partnership
from safeguarding.core.formatting import govuk_date
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.periods import financial_year_label, financial_year_of
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.planning.models import Priority, Theme


class KeyMessageStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"


class KeyMessageQuerySet(models.QuerySet):
    def published(self) -> KeyMessageQuerySet:
        return self.filter(status=KeyMessageStatus.PUBLISHED)

    def visible_to(self, user) -> KeyMessageQuerySet:
        """Published messages for everyone; drafts for their partnership's business unit,
        chairs and safeguarding partners (who draft, approve and publish them)."""
        staff_of = partnerships_where(
            user, [Role.BUSINESS_UNIT, Role.CHAIR, Role.SAFEGUARDING_PARTNER]
        )
        if not staff_of:
            return self.published()
        return self.filter(Q(status=KeyMessageStatus.PUBLISHED) | Q(partnership_id__in=staff_of))


class KeyMessage(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="key_messages"
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="key_messages",
        help_text="The meeting the message comes from, when it is recorded here",
    )
    meeting_date = models.DateField()
    meeting_date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Month when the source only says which month the meeting was in",
    )
    meeting_title = models.CharField(
        max_length=200, blank=True, help_text="Such as “Executive meeting”"
    )
    title = models.CharField(max_length=200)
    title_key = models.CharField(
        max_length=200, editable=False, help_text="The title normalised, for re-imports"
    )
    body = models.TextField(help_text="Markdown: paragraphs, lists, links, bold and italics")
    body_html = models.TextField(editable=False, help_text="The body rendered and sanitised")
    themes = models.ManyToManyField(Theme, blank=True, related_name="key_messages")
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="key_messages"
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the meeting")
    status = models.CharField(
        max_length=10, choices=KeyMessageStatus.choices, default=KeyMessageStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(
        max_length=255, blank=True, help_text="The document it was imported from, if any"
    )

    objects = KeyMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "meeting_date", "title_key"],
                name="unique_key_message_per_meeting",
            )
        ]
        indexes = [models.Index(fields=["partnership", "status", "meeting_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == KeyMessageStatus.PUBLISHED

    @property
    def financial_year(self) -> int:
        return financial_year_of(self.meeting_date)

    @property
    def financial_year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def meeting_label(self) -> str:
        """“Executive meeting, 12 March 2024” or “March 2024”."""
        if self.meeting_date_precision == DatePrecision.MONTH:
            when = govuk_date(self.meeting_date, month_only=True)
        else:
            when = govuk_date(self.meeting_date)
        return f"{self.meeting_title}, {when}" if self.meeting_title else when
