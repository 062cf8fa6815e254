"""A yearly report: its period, sections with narrative, frozen figures, sign-offs and the
record of where it was sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import PARTNERSHIP_STAFF


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SHARED = "shared", "Shared with the partners for comment"
    SIGNED_OFF = "signed_off", "Signed off"
    PUBLISHED = "published", "Published"


class PartnerGroup(models.TextChoices):
    """The three statutory safeguarding partners, each of whom signs the report off."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    HEALTH = "health", "Integrated care board"
    POLICE = "police", "Police"


class Recipient(models.TextChoices):
    PANEL = "panel", "Child Safeguarding Practice Review Panel"
    FOUNDATIONS = "foundations", "Foundations (What Works Centre)"
    HEALTH_AND_WELLBEING_BOARD = "hwb", "Health and Wellbeing Board"
    SCRUTINY_COMMITTEE = "scrutiny", "Scrutiny committee"
    OTHER = "other", "Other local recipient"


NATIONAL_RECIPIENTS = (Recipient.PANEL, Recipient.FOUNDATIONS)


class YearlyReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> YearlyReportQuerySet:
        """Drafts and signed-off reports: the staff of a partnership the report is for.
        (Published reports are public: see ``published``.)"""
        ids = partnerships_where(user, PARTNERSHIP_STAFF)
        if not ids:
            return self.none()
        joint = YearlyReport.joint_partnerships.through.objects.filter(
            partnership_id__in=ids
        ).values("yearlyreport_id")
        return self.filter(Q(partnership_id__in=ids) | Q(pk__in=joint))

    def published(self) -> YearlyReportQuerySet:
        return self.filter(status=ReportStatus.PUBLISHED)


class YearlyReport(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="yearly_reports"
    )
    joint_partnerships = models.ManyToManyField(
        Partnership,
        blank=True,
        related_name="joint_yearly_reports",
        help_text="For a joint report: the other partnerships it is written with",
    )
    title = models.CharField(max_length=200)
    period_start = models.DateField("Start of the period")
    period_end = models.DateField("End of the period")
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    figures = models.JSONField(default=dict, blank=True)
    figures_as_of = models.DateTimeField(null=True, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    # The quality checks as they stood when the figures were frozen (JSON list).
    checks = models.JSONField(default=list, blank=True)
    published_on = models.DateField(null=True, blank=True)
    distribution_days = models.PositiveSmallIntegerField(
        default=7,
        help_text="Days after publication by which the report goes to the Panel and Foundations",
    )
    pdf = models.FileField(upload_to="yearly-reports/", blank=True)
    docx = models.FileField(upload_to="yearly-reports/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = YearlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="yearly_report_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def partnership_ids_for_rules(self) -> list[int]:
        ids = [self.partnership_id]
        if self.pk:
            ids += [p.pk for p in self.joint_partnerships.all()]
        return ids

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class ReportSectionText(TimeStampedModel):
    """The narrative of one section (Markdown) and its optional case study."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="texts")
    key = models.CharField(max_length=30)
    narrative = models.TextField(blank=True)
    case_study = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="unique_report_section")
        ]

    def partnership_ids_for_rules(self) -> list[int]:
        return self.report.partnership_ids_for_rules()


class SignOff(models.Model):
    """One lead safeguarding partner's sign-off of a report."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="sign_offs")
    partner = models.CharField(max_length=20, choices=PartnerGroup.choices)
    signed_by_name = models.CharField("Signed off by", max_length=200)
    signed_on = models.DateField("Date signed off")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report", "partner"]
        constraints = [
            models.UniqueConstraint(fields=["report", "partner"], name="unique_report_sign_off")
        ]

    def __str__(self) -> str:
        return f"{self.get_partner_display()}: {self.signed_by_name}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.report.partnership_ids_for_rules()


class Distribution(models.Model):
    """The report was sent to a recipient on a date."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="distributions")
    recipient = models.CharField(max_length=20, choices=Recipient.choices)
    recipient_detail = models.CharField(max_length=200, blank=True)
    sent_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["report", "sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_recipient_display()}, {self.sent_on}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.report.partnership_ids_for_rules()
