"""Bodies (the Executive, sub-committees, locality groups…) and who sits on them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from safeguarding.accounts.models import Agency, Partnership
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import roles_by_partnership


class BodyType(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    STATUTORY_PARTNERS = "statutory_partners", "Statutory partners’ group"
    SUB_COMMITTEE = "sub_committee", "Sub-committee"
    LOCALITY = "locality", "Locality group"
    TASK_AND_FINISH = "task_and_finish", "Task and finish group"
    JOINT = "joint", "Joint group with other partnerships"


class MeetingFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    SIX_WEEKLY = "six_weekly", "Every six weeks"
    BI_MONTHLY = "bi_monthly", "Every two months"
    QUARTERLY = "quarterly", "Quarterly"
    TWICE_YEARLY = "twice_yearly", "Twice a year"
    AS_NEEDED = "as_needed", "As needed"


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser"
    OBSERVER = "observer", "Observer"


#: Roles that count towards a quorum (advisers and observers do not vote).
VOTING_ROLES = frozenset({MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER})


def _calendar_token() -> str:
    return secrets.token_urlsafe(24)


def active_on(day) -> Q:
    """Memberships current on a day."""
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class BodyQuerySet(models.QuerySet):
    def visible_to(self, user) -> BodyQuerySet:
        """Bodies of the partnerships where the user holds any role, and bodies they sit on."""
        if not user.is_authenticated:
            return self.none()
        partnership_ids = list(roles_by_partnership(user))
        visible = Body.objects.filter(
            Q(partnerships__in=partnership_ids) | Q(memberships__person=user)
        ).values("pk")
        return self.filter(pk__in=visible)


class Body(TimeStampedModel):
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=50, blank=True, help_text="Such as “SPG”")
    type = models.CharField(max_length=30, choices=BodyType.choices)
    partnerships = models.ManyToManyField(Partnership, related_name="bodies")
    reports_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_bodies",
    )
    purpose = models.TextField(blank=True, help_text="One or two sentences for the body’s page")
    terms_of_reference = models.TextField(blank=True)
    terms_of_reference_document = models.FileField(
        upload_to="governance/terms-of-reference/%Y/", blank=True
    )
    quorum_minimum = models.PositiveSmallIntegerField(
        default=0,
        help_text="How many chairs, vice-chairs and members must be present (0 for no minimum)",
    )
    quorum_needs_statutory_partners = models.BooleanField(
        default=False,
        help_text="Each statutory partner must be represented for the meeting to be quorate",
    )
    meeting_frequency = models.CharField(
        max_length=20, choices=MeetingFrequency.choices, default=MeetingFrequency.QUARTERLY
    )
    is_active = models.BooleanField(default=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=_calendar_token)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name

    def partnership_ids_for_rules(self) -> list[int]:
        return [p.pk for p in self.partnerships.all()]

    @property
    def quorum_rule(self) -> str:
        parts = []
        if self.quorum_minimum:
            parts.append(f"{self.quorum_minimum} voting members present")
        if self.quorum_needs_statutory_partners:
            parts.append("each statutory partner represented")
        return " and ".join(parts).capitalize() if parts else "No quorum rule"


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None) -> MembershipQuerySet:
        return self.filter(active_on(day or timezone.localdate()))


class Membership(TimeStampedModel):
    """A person, an agency, or a person for an agency, sitting on a body for a while."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="body_memberships",
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="body_memberships"
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "person__full_name", "agency__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(agency__isnull=False),
                name="membership_has_person_or_agency",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_role_display()}, {self.body})"

    @property
    def label(self) -> str:
        if self.person_id and self.agency_id:
            return f"{self.person.full_name}, {self.agency.name}"
        if self.person_id:
            return self.person.full_name
        return self.agency.name

    def partnership_ids_for_rules(self) -> list[int]:
        return self.body.partnership_ids_for_rules()

    def is_current(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
