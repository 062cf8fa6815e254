"""Sessions: one dated run of a course, with its capacity and the places taken."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.core.models import TimeStampedModel

from .courses import Course


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


def _managed_condition(managed: set[int]) -> Q:
    """Sessions of courses a partnership owns, or runs jointly (no join: counts stay right).

    The keys of its courses and joint sessions are read first (a partnership has tens of
    each): with the conditions in the same query, PostgreSQL read every partnership's upcoming
    sessions at national scale to find the few of one."""
    joint = list(
        Session.joint_partnerships.through.objects.filter(partnership_id__in=managed).values_list(
            "session_id", flat=True
        )
    )
    courses = list(Course.objects.filter(partnership_id__in=managed).values_list("pk", flat=True))
    return Q(course_id__in=courses) | Q(pk__in=joint)


class SessionQuerySet(models.QuerySet):
    def published(self) -> SessionQuerySet:
        return self.filter(course__is_published=True)

    def visible_to(self, user) -> SessionQuerySet:
        """Sessions of published courses are public; others only for their business unit."""
        from safeguarding.training.scoping import managed_partnership_ids

        managed = managed_partnership_ids(user)
        if not managed:
            return self.published()
        return self.filter(Q(course__is_published=True) | _managed_condition(managed))

    def managed_by(self, user) -> SessionQuerySet:
        from safeguarding.training.scoping import managed_partnership_ids

        managed = managed_partnership_ids(user)
        if not managed:
            return self.none()
        return self.filter(_managed_condition(managed))


class Session(TimeStampedModel):
    """A dated run of a course.

    ``places_taken`` counts the bookings that hold a place (booked, awaiting approval, or
    offered from the waiting list). It changes only inside a transaction that has locked
    this row, and the database refuses any value above ``capacity``: the last place cannot
    be sold twice even if the application got it wrong.
    """

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    venue = models.CharField(
        max_length=300, blank=True, help_text="Address, for sessions held in person"
    )
    online_link = models.URLField(
        blank=True, help_text="Joining link, sent only to people with a place"
    )
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    places_taken = models.PositiveIntegerField(default=0, editable=False)
    trainers = models.CharField(
        max_length=300, blank=True, help_text="Who delivers the session, and for which agency"
    )
    joint_partnerships = models.ManyToManyField(
        Partnership,
        blank=True,
        related_name="joint_training_sessions",
        help_text="Other partnerships running this session jointly",
    )
    status = models.CharField(
        max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancellation_reason = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text="Calendar revision, raised on every change"
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["course", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(places_taken__lte=F("capacity")),
                name="session_places_within_capacity",
                violation_error_message="The session is full.",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message="The session must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title}, {self.starts_at:%d %b %Y}"

    def partnership_ids_for_rules(self) -> list[int]:
        return [self.course.partnership_id, *(p.pk for p in self.joint_partnerships.all())]

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_online(self) -> bool:
        return not self.venue
