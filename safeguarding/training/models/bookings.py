"""Bookings: a person's place on a session, or their place in its waiting list."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone

from safeguarding.accounts.models import Agency, Sector
from safeguarding.core.models import TimeStampedModel

from .courses import MemberGroup
from .sessions import Session, SessionStatus


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting manager approval"
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Place offered"
    CANCELLED = "cancelled", "Cancelled"
    DECLINED = "declined", "Not approved"
    OFFER_EXPIRED = "offer_expired", "Offer expired"
    SESSION_CANCELLED = "session_cancelled", "Session cancelled"


# Statuses that use one of the session's places.
PLACE_HOLDING_STATUSES = frozenset(
    {BookingStatus.REQUESTED, BookingStatus.BOOKED, BookingStatus.OFFERED}
)
# Statuses in which the person is still on the session (holding a place or waiting).
ACTIVE_STATUSES = PLACE_HOLDING_STATUSES | {BookingStatus.WAITING}


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    LATE = "late", "Attended, arrived late"
    ABSENT = "absent", "Did not attend"


ATTENDED = frozenset({Attendance.ATTENDED, Attendance.LATE})


class BookingQuerySet(models.QuerySet):
    def visible_to(self, user) -> BookingQuerySet:
        """Own bookings; an agency lead's agency's; everything on sessions a BU manages."""
        from safeguarding.core.scoping import lead_agency_ids
        from safeguarding.training.scoping import managed_partnership_ids

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = Q(user=user) | Q(email__iexact=user.email)
        agencies = lead_agency_ids(user)
        if agencies:
            condition |= Q(agency_id__in=agencies)
        managed = managed_partnership_ids(user)
        if managed:
            condition |= Q(session__course__partnership_id__in=managed)
            condition |= Q(
                session_id__in=Session.joint_partnerships.through.objects.filter(
                    partnership_id__in=managed
                ).values("session_id")
            )
        return self.filter(condition)

    def waiting_position(self, booking) -> int:
        """1 for the next person on the booking's waiting list to be offered a place."""
        ahead = self.filter(session_id=booking.session_id, status=BookingStatus.WAITING).filter(
            Q(waiting_since__lt=booking.waiting_since)
            | Q(waiting_since=booking.waiting_since, pk__lt=booking.pk)
        )
        return ahead.count() + 1

    def holding_place(self) -> BookingQuerySet:
        return self.filter(status__in=PLACE_HOLDING_STATUSES)

    def attended(self) -> BookingQuerySet:
        return self.filter(status=BookingStatus.BOOKED, attendance__in=ATTENDED)

    def still_to_come(self) -> BookingQuerySet:
        """Bookings still running (booked, waiting, offered, awaiting approval) for
        scheduled sessions that have not started yet."""
        return self.filter(
            status__in=ACTIVE_STATUSES,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gt=timezone.now(),
        )


class Booking(TimeStampedModel):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_bookings",
        help_text="The attendee's account, when they have one",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_bookings_made",
        help_text="Who made the booking, when it was not the attendee",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField(help_text="Stored in lower case")
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_bookings",
    )
    organisation = models.CharField(
        max_length=200, help_text="The organisation as the person gave it (or the agency's name)"
    )
    job_role = models.CharField(max_length=200)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    line_manager_email = models.EmailField(blank=True)
    member_group = models.ForeignKey(
        MemberGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    fee = models.DecimalField(
        max_digits=7, decimal_places=2, default=Decimal("0"), help_text="Fee for the place (£)"
    )
    equivalent_training = models.TextField(
        blank=True, help_text="Training done elsewhere, given instead of a prerequisite"
    )
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True)
    waiting_since = models.DateTimeField(
        null=True, blank=True, help_text="When the person joined the waiting list (its order)"
    )
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    approval_requested_at = models.DateTimeField(
        null=True, blank=True, help_text="When the line manager was asked to approve the place"
    )
    decided_at = models.DateTimeField(null=True, blank=True, help_text="Manager's decision")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    late_cancellation = models.BooleanField(default=False)
    status_reason = models.CharField(max_length=300, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["session__starts_at", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=sorted(ACTIVE_STATUSES)),
                name="one_active_booking_per_person_and_session",
                violation_error_message="This person is already booked on this session.",
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(status=BookingStatus.BOOKED),
                name="attendance_only_for_booked_places",
            ),
            models.CheckConstraint(condition=Q(fee__gte=0), name="booking_fee_not_negative"),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["email"]),
            # "Your training" finds bookings made under the person's address in any case
            # (email__iexact): without this PostgreSQL read every booking.
            models.Index(Upper("email"), name="training_booking_email_upper"),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.session}"

    def partnership_ids_for_rules(self) -> list[int]:
        return self.session.partnership_ids_for_rules()

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_HOLDING_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def attended(self) -> bool:
        return self.status == BookingStatus.BOOKED and self.attendance in ATTENDED


class PublicBookingRecord(models.Model):
    """One booking made without signing in, counted against its email address and its IP.

    ``key`` is a keyed hash (never the address itself), so the counter holds no personal
    data; rows older than the counting window are deleted as new ones are written.
    """

    key = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "created_at"]), models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"Public booking at {self.created_at:%d %b %Y %H:%M}"
