"""Documents kept on a review, a rapid review or a notification — terms of reference,
drafts, the final report, agency chronologies — each with its versions."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency
from safeguarding.core.models import TimeStampedModel
from safeguarding.reviews.models.notifications import Notification, RapidReview
from safeguarding.reviews.models.reviews import Review
from safeguarding.reviews.scoping import staff_partnership_ids


class DocumentKind(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
    DRAFT = "draft", "Draft report"
    FINAL_REPORT = "final_report", "Final report"
    CHRONOLOGY = "chronology", "Agency chronology"
    OTHER = "other", "Other document"


class CaseDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseDocumentQuerySet:
        """The documents of the records the person may see: the partnership's staff see all
        of their partnership's; a commissioned reviewer sees only their own review's."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        staff = staff_partnership_ids(user)
        return self.filter(
            Q(review__in=Review.objects.visible_to(user))
            | Q(rapid_review__partnership_id__in=staff)
            | Q(notification__partnership_id__in=staff)
        )


class CaseDocument(TimeStampedModel):
    """A document with versions, kept on exactly one case record and as confidential as it."""

    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    rapid_review = models.ForeignKey(
        RapidReview, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The agency a chronology is from",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(review__isnull=False, rapid_review__isnull=True, notification__isnull=True)
                    | Q(review__isnull=True, rapid_review__isnull=False, notification__isnull=True)
                    | Q(review__isnull=True, rapid_review__isnull=True, notification__isnull=False)
                ),
                name="case_document_on_one_record",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def record(self):
        return self.review or self.rapid_review or self.notification

    def partnership_ids_for_rules(self) -> list[int]:
        record = self.record
        if hasattr(record, "partnership_ids_for_rules"):
            return record.partnership_ids_for_rules()
        return [record.partnership_id]


def _version_path(instance: CaseDocumentVersion, filename: str) -> str:
    """Stored under a random name: the person's file name is kept in the database only."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"reviews/documents/{uuid.uuid4().hex}{suffix}"


class CaseDocumentVersion(models.Model):
    document = models.ForeignKey(CaseDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=_version_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    note = models.TextField(blank=True, help_text="What changed in this version")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version")
        ]

    def __str__(self) -> str:
        return f"{self.document} (version {self.number})"
