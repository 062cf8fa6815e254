"""Policies, procedures and protocols: documents with versions, owned and reviewed, that may
belong to several partnerships at once (the Southend-Essex-Thurrock procedures)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role


class ProcedureKind(models.TextChoices):
    POLICY = "policy", "Policy"
    PROCEDURE = "procedure", "Procedure"
    PROTOCOL = "protocol", "Protocol"
    GUIDANCE = "guidance", "Guidance"


class ProcedureStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CURRENT = "current", "Current"
    UNDER_REVIEW = "under_review", "Under review"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ProcedureQuerySet(models.QuerySet):
    def public(self) -> ProcedureQuerySet:
        return self.exclude(status=ProcedureStatus.DRAFT)

    def visible_to(self, user) -> ProcedureQuerySet:
        """Everything but drafts for everyone; drafts for the business unit of one of the
        document's partnerships."""
        own = partnerships_where(user, [Role.BUSINESS_UNIT])
        if not own:
            return self.public()
        shared = Procedure.partnerships.through.objects.filter(
            procedure=OuterRef("pk"), partnership_id__in=own
        )
        return self.filter(~Q(status=ProcedureStatus.DRAFT) | Exists(shared))


class Procedure(TimeStampedModel):
    partnerships = models.ManyToManyField(
        Partnership, related_name="library_procedures", help_text="Every partnership it serves"
    )
    title = models.CharField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=20, choices=ProcedureKind.choices, default=ProcedureKind.PROCEDURE
    )
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=ProcedureStatus.choices, default=ProcedureStatus.CURRENT
    )
    status_note = models.TextField(
        blank=True, help_text="Shown publicly: why it is under review or withdrawn"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Reminded before the review date",
    )
    owner_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_due_on = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField(
        "planning.Theme",
        blank=True,
        related_name="library_procedures",
        help_text="What the document is about: it is listed on these themes' pages",
    )

    objects = ProcedureQuerySet.as_manager()

    # Not a column: the public list page sets it to the latest version it shows.
    current: ProcedureVersion | None

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:procedure", args=[self.pk])

    def partnership_ids_for_rules(self) -> list[int]:
        return [p.pk for p in self.partnerships.all()]


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=20, help_text="Such as 2.1")
    effective_on = models.DateField()
    change_summary = models.TextField()
    approving_body = models.CharField(max_length=200, blank=True)
    decision_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The governance decision that approved it"
    )
    decision_label = models.CharField(
        max_length=300, blank=True, help_text="The decision's title when it was linked"
    )
    link = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "version"], name="unique_procedure_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure} version {self.version}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.procedure.partnership_ids_for_rules()
