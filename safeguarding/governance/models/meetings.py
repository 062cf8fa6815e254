"""Meetings of a body: agenda, papers, attendance, minutes and decisions.

Confidential agenda items (and their papers and minutes) are seen only by the body's
current members, the business unit and chairs of the body's partnerships.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from safeguarding.core.models import TimeStampedModel
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.planning.models import Priority, Theme

from .bodies import Body, Membership, active_on

INSIDER_ROLES = (Role.BUSINESS_UNIT, Role.CHAIR)


def insider_q(user, body_path: str) -> Q:
    """Rows whose body the user sits on now, or whose partnership they run or chair."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    today = timezone.localdate()
    bodies = Body.objects.filter(
        Q(pk__in=Membership.objects.filter(active_on(today), person=user).values("body_id"))
        | Q(partnerships__in=list(partnerships_where(user, INSIDER_ROLES)))
    ).values("pk")
    return Q(**{f"{body_path}__in": bodies})


def visible_body_q(user, body_path: str) -> Q:
    """Rows whose body belongs to a partnership the user holds a role in, or that they sit on."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(**{f"{body_path}__in": Body.objects.visible_to(user).values("pk")})


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> MeetingQuerySet:
        """Meeting dates, places and open agenda items: anyone in the body's partnerships."""
        return self.filter(visible_body_q(user, "body"))

    def held(self, now=None) -> MeetingQuerySet:
        return self.filter(starts_at__lte=now or timezone.now(), is_cancelled=False)

    def upcoming(self, now=None) -> MeetingQuerySet:
        return self.filter(starts_at__gt=now or timezone.now(), is_cancelled=False)


class Meeting(TimeStampedModel):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True, help_text="Room and address")
    online_link = models.URLField(blank=True, help_text="Teams or Zoom link, for members")
    notes = models.TextField(blank=True)
    is_cancelled = models.BooleanField(default=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.body.name}, {local.day} {local:%B %Y}"

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def has_been_held(self) -> bool:
        return not self.is_cancelled and self.starts_at <= timezone.now()

    def partnership_ids_for_rules(self) -> list[int]:
        return self.body.partnership_ids_for_rules()


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user) -> AgendaItemQuerySet:
        return self.filter(visible_body_q(user, "meeting__body")).filter(
            Q(is_confidential=False) | insider_q(user, "meeting__body")
        )


class AgendaItem(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    presenter = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    is_confidential = models.BooleanField(
        default=False, help_text="Only members, the business unit and chairs will see it"
    )
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="agenda_items")

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.meeting.partnership_ids_for_rules()


class PaperQuerySet(models.QuerySet):
    def visible_to(self, user) -> PaperQuerySet:
        return self.filter(visible_body_q(user, "meeting__body")).filter(
            Q(is_confidential=False) | insider_q(user, "meeting__body")
        )


class Paper(TimeStampedModel):
    """A paper for a meeting. Uploading again adds a version; old versions are kept."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="papers"
    )
    title = models.CharField(max_length=200)
    is_confidential = models.BooleanField(default=False)

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "agenda_item__position", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def partnership_ids_for_rules(self) -> list[int]:
        return self.meeting.partnership_ids_for_rules()

    @property
    def latest_version(self):
        versions = list(self.versions.all())
        return max(versions, key=lambda v: v.number) if versions else None


def paper_upload_to(instance, filename: str) -> str:
    paper = instance.paper
    return f"governance/papers/{paper.meeting_id}/{paper.pk}/v{instance.number}-{filename}"


class PaperVersion(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to=paper_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paper", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="unique_paper_version")
        ]

    def __str__(self) -> str:
        return f"{self.paper.title} (version {self.number})"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.paper.partnership_ids_for_rules()


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)
    represented_by = models.CharField(
        max_length=200, blank=True, help_text="A deputy attending in the member’s place"
    )

    class Meta:
        ordering = ["meeting", "membership__role", "membership__person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="unique_attendance_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.label}: {self.get_status_display()}"


class MinuteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class MinuteQuerySet(models.QuerySet):
    def visible_to(self, user) -> MinuteQuerySet:
        return self.filter(visible_body_q(user, "agenda_item__meeting__body")).filter(
            Q(agenda_item__is_confidential=False) | insider_q(user, "agenda_item__meeting__body")
        )


class Minute(TimeStampedModel):
    """The minute of one agenda item: drafted after the meeting, approved at a later one."""

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    text = models.TextField()
    status = models.CharField(
        max_length=10, choices=MinuteStatus.choices, default=MinuteStatus.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved_here",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = MinuteQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Minute of {self.agenda_item.title}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.agenda_item.partnership_ids_for_rules()


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user) -> DecisionQuerySet:
        return self.filter(visible_body_q(user, "meeting__body")).filter(
            Q(agenda_item__isnull=True)
            | Q(agenda_item__is_confidential=False)
            | insider_q(user, "meeting__body")
        )


class Decision(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A withdrawn decision stays in the register, marked withdrawn, with the reason.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def partnership_ids_for_rules(self) -> list[int]:
        return self.meeting.partnership_ids_for_rules()
