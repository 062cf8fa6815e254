"""Multi-agency case audits: a theme, a cohort, sampled cases known only by a pseudonymised
reference, a single-agency audit from each involved agency, a panel discussion with grades
per domain and overall, findings and recommendations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.planning.models import Priority, Theme

from .campaigns import Campaign
from .templates import RatingLevel, TemplateSection, TemplateVersion

CASE_REFERENCE = RegexValidator(
    r"^[A-Z]{1,6}-?[0-9A-Z]{1,6}(-[0-9A-Z]{1,6})?$",
    "Enter a pseudonymised case reference in capitals and numbers, like MACA-23-04. Never use "
    "a child's name, initials, date of birth or case-system number.",
)


class CaseAuditStatus(models.TextChoices):
    PLANNING = "planning", "Planning: choosing cases"
    AUDITING = "auditing", "Agencies auditing"
    PANEL = "panel", "Panel discussion"
    COMPLETE = "complete", "Complete"


CASE_AUDIT_TAGS = {
    "planning": "govuk-tag--grey",
    "auditing": "govuk-tag--light-blue",
    "panel": "govuk-tag--yellow",
    "complete": "govuk-tag--green",
}


class CaseAuditQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseAuditQuerySet:
        """The partnership's staff only; agencies see their own single-agency returns."""
        from safeguarding.assurance.scoping import staff_partnership_ids

        staff = staff_partnership_ids(user)
        if not staff:
            return self.none()
        return self.filter(partnership_id__in=staff)


class CaseAudit(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="case_audits"
    )
    title = models.CharField(max_length=200)
    themes = models.ManyToManyField(Theme, blank=True, related_name="case_audits")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_audits",
        verbose_name="Business plan priority",
    )
    cohort = models.CharField(
        max_length=300, help_text="Which children's cases are sampled, e.g. child protection plans"
    )
    scope = models.TextField(blank=True, help_text="What the audit asks and why")
    version = models.ForeignKey(
        TemplateVersion,
        on_delete=models.PROTECT,
        related_name="case_audits",
        verbose_name="Single-agency audit tool",
    )
    campaign = models.OneToOneField(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_audit"
    )
    audits_due_on = models.DateField(help_text="When agencies' single-agency audits are due")
    panel_on = models.DateField(null=True, blank=True, verbose_name="Panel date")
    panel_attendees = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=CaseAuditStatus.choices, default=CaseAuditStatus.PLANNING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseAuditQuerySet.as_manager()

    class Meta:
        ordering = ["-audits_due_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def status_tag(self) -> str:
        return CASE_AUDIT_TAGS.get(self.status, "govuk-tag--grey")


class AuditCase(models.Model):
    """A sampled case, known only by its pseudonymised reference."""

    case_audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(max_length=20, validators=[CASE_REFERENCE])
    age_band = models.CharField(max_length=30, blank=True, help_text="For example 5 to 9")
    plan_type = models.CharField(max_length=100, blank=True, help_text="For example Child in need")
    agencies = models.ManyToManyField(Agency, related_name="audit_cases")
    panel_discussion = models.TextField(blank=True)
    overall_grade = models.ForeignKey(
        RatingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    good_practice = models.TextField(blank=True)
    learning = models.TextField(blank=True)

    class Meta:
        ordering = ["case_audit", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["case_audit", "reference"], name="unique_case_ref")
        ]

    def __str__(self) -> str:
        return self.reference

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.case_audit.partnership_id]


class CaseDomainGrade(models.Model):
    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="domain_grades")
    domain = models.ForeignKey(TemplateSection, on_delete=models.PROTECT, related_name="+")
    grade = models.ForeignKey(RatingLevel, on_delete=models.PROTECT, related_name="+")
    narrative = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "domain__number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "domain"], name="one_grade_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.domain.title}"
