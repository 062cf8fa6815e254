"""A child's death as the child death review partners record it: never the child's name or
NHS number, only a case reference, and the facts the national dataset counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import CHILD_DEATH_REVIEW


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known or not recorded"


class Ethnicity(models.TextChoices):
    WHITE = "white", "White"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    OTHER = "other", "Other ethnic group"
    NOT_KNOWN = "not_known", "Not known"


class Place(models.TextChoices):
    HOSPITAL = "hospital", "Hospital"
    HOSPICE = "hospice", "Hospice"
    HOME = "home", "Home"
    PUBLIC_PLACE = "public_place", "Public place"
    ABROAD = "abroad", "Abroad"
    OTHER = "other", "Other"


class AgeBand(models.TextChoices):
    """The national child mortality database's age bands."""

    NEONATAL = "0_27d", "0 to 27 days"
    INFANT = "28_364d", "28 to 364 days"
    AGE_1_4 = "1_4", "1 to 4 years"
    AGE_5_9 = "5_9", "5 to 9 years"
    AGE_10_14 = "10_14", "10 to 14 years"
    AGE_15_17 = "15_17", "15 to 17 years"


def age_band_for(days: int) -> str:
    if days < 28:
        return AgeBand.NEONATAL
    if days < 365:
        return AgeBand.INFANT
    years = days // 365
    if years < 5:
        return AgeBand.AGE_1_4
    if years < 10:
        return AgeBand.AGE_5_9
    if years < 15:
        return AgeBand.AGE_10_14
    return AgeBand.AGE_15_17


class Category(models.TextChoices):
    """The ten national categories of child death."""

    DELIBERATE = "deliberate", "Deliberately inflicted injury, abuse or neglect"
    SUICIDE = "suicide", "Suicide or deliberate self-inflicted harm"
    TRAUMA = "trauma", "Trauma and other external factors"
    MALIGNANCY = "malignancy", "Malignancy"
    ACUTE = "acute", "Acute medical or surgical condition"
    CHRONIC = "chronic", "Chronic medical condition"
    CHROMOSOMAL = "chromosomal", "Chromosomal, genetic and congenital anomalies"
    PERINATAL = "perinatal", "Perinatal or neonatal event"
    INFECTION = "infection", "Infection"
    SUDDEN = "sudden", "Sudden unexpected, unexplained death"


class Domain(models.TextChoices):
    """The four domains in which the panel looks for modifiable factors."""

    CHILD = "child", "Factors intrinsic to the child"
    FAMILY = "family", "Family and environment"
    PARENTING = "parenting", "Parenting capacity"
    SERVICES = "services", "Service provision"


class PanelTheme(models.TextChoices):
    GENERAL = "", "Not themed"
    NEONATAL = "neonatal", "Neonatal deaths"
    SUICIDE = "suicide", "Suicide and self-harm"
    LIFE_LIMITING = "life_limiting", "Life-limiting conditions"
    SUDI = "sudi", "Sudden unexpected deaths in infancy"


class Status(models.TextChoices):
    NOTIFIED = "notified", "Notified"
    QUEUED = "queued", "Queued for panel"
    REVIEWED = "reviewed", "Reviewed by panel"
    CLOSED = "closed", "Closed"


class ChildDeathQuerySet(models.QuerySet["ChildDeath"]):
    def visible_to(self, user) -> ChildDeathQuerySet:
        """Deaths of the partnerships where the user is a CDOP chair, member or named person.

        Agency leads asked for a report reach their request only (``AgencyReport``), never
        the death's record; everybody else sees nothing."""
        ids = partnerships_where(user, CHILD_DEATH_REVIEW)
        if not ids:
            return self.none()
        return self.filter(
            pk__in=ChildDeath.partnerships.through.objects.filter(partnership_id__in=ids).values(
                "childdeath_id"
            )
        )


class ChildDeath(TimeStampedModel):
    reference = models.CharField(
        max_length=30,
        unique=True,
        help_text="The case reference, such as CD-2025-014. Never the child's name or NHS number.",
    )
    partnerships = models.ManyToManyField(Partnership, related_name="child_deaths")
    age_at_death_days = models.PositiveIntegerField(
        "Age at death in days", help_text="For example 10 for a baby of 10 days, 3650 for 10 years"
    )
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, editable=False)
    sex = models.CharField(max_length=20, choices=Sex.choices)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices)
    place = models.CharField("Place of death", max_length=20, choices=Place.choices)
    died_on = models.DateField("Date of death")
    notified_on = models.DateField("Date notified")
    expected = models.BooleanField("Expected death")
    notifying_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="child_deaths_notified"
    )
    serious_incident_notification_id = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The serious incident notification also made for this death, if any",
    )
    # Joint agency response (unexpected deaths)
    response_started_on = models.DateField("Joint agency response started", null=True, blank=True)
    response_attendees = models.TextField("Joint agency response attendees", blank=True)
    # Child death review meeting (the professionals' meeting)
    meeting_on = models.DateField("Child death review meeting", null=True, blank=True)
    meeting_attendees = models.TextField("Meeting attendees", blank=True)
    meeting_outcome = models.TextField("Meeting outcome", blank=True)
    # Panel
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOTIFIED)
    panel_meeting_id = models.PositiveIntegerField(null=True, blank=True)
    panel_meeting_label = models.CharField(max_length=200, blank=True)
    panel_meeting_on = models.DateField(null=True, blank=True)
    panel_theme = models.CharField(
        max_length=20, choices=PanelTheme.choices, blank=True, default=PanelTheme.GENERAL
    )
    reports_outstanding_reason = models.TextField(
        blank=True, help_text="Why the chair let the panel go ahead before every report was in"
    )
    panel_reviewed_on = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    modifiable = models.BooleanField(null=True, blank=True)
    learning_points = models.TextField(blank=True)
    # Practice themes the panel's learning touches (domestic abuse, parental mental health…),
    # beyond those its themed panel and category already imply (``selectors.themes``).
    themes = models.ManyToManyField(
        "planning.Theme",
        blank=True,
        related_name="child_deaths",
        help_text="Practice themes the panel's learning touches",
    )
    closed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ChildDeathQuerySet.as_manager()

    class Meta:
        ordering = ["-died_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notified_on__gte=models.F("died_on")),
                name="child_death_notified_after_death",
                violation_error_message="The date notified cannot be before the date of death.",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def partnership_ids_for_rules(self) -> list[int]:
        return [p.pk for p in self.partnerships.all()]


class ModifiableFactor(models.Model):
    child_death = models.ForeignKey(
        ChildDeath, on_delete=models.CASCADE, related_name="modifiable_factors"
    )
    domain = models.CharField(max_length=20, choices=Domain.choices)
    modifiable = models.BooleanField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["child_death", "domain"]
        constraints = [
            models.UniqueConstraint(fields=["child_death", "domain"], name="one_factor_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.child_death}: {self.get_domain_display()}"
