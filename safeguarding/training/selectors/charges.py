"""Charges to invoice, per agency: fee-paying places, no-shows and late cancellations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from safeguarding.training.models import (
    ATTENDED,
    Attendance,
    Booking,
    BookingStatus,
    SessionStatus,
    TrainingSettings,
)
from safeguarding.training.scoping import managed_partnership_ids

__all__ = ["Charge", "ChargeGroup", "charges_by_agency"]


@dataclass(frozen=True)
class Charge:
    booking_id: int
    organisation: str
    full_name: str
    email: str
    course: str
    session_date: date
    reason: str
    amount: Decimal
    member_group: str


@dataclass
class ChargeGroup:
    organisation: str
    charges: list[Charge] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((c.amount for c in self.charges), Decimal("0"))


def charges_by_agency(*, user, date_from: date, date_to: date) -> list[ChargeGroup]:
    """What each organisation owes for sessions in the period (sessions the user manages).

    - a fee-paying place that was attended: its fee;
    - a no-show (did not attend without cancelling) or a late cancellation: the fee of a
      fee-paying place, or the partnership's no-show charge on a free course.
    """
    zone = timezone.get_current_timezone()
    start = datetime.combine(date_from, time.min, zone)
    end = datetime.combine(date_to, time.max, zone)
    managed = managed_partnership_ids(user)
    no_show_fees = {
        s.partnership_id: s.no_show_fee
        for s in TrainingSettings.objects.filter(partnership_id__in=managed)
    }
    default_fee = TrainingSettings._meta.get_field("no_show_fee").default
    bookings = (
        Booking.objects.visible_to(user)
        .filter(
            session__course__partnership_id__in=managed,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=start,
            session__starts_at__lte=end,
        )
        .filter(
            Q(status=BookingStatus.BOOKED, attendance__in=ATTENDED, fee__gt=0)
            | Q(status=BookingStatus.BOOKED, attendance=Attendance.ABSENT)
            | Q(status=BookingStatus.CANCELLED, late_cancellation=True)
        )
        .select_related("session__course", "agency", "member_group")
        .order_by("organisation", "session__starts_at", "full_name", "pk")
    )
    groups: dict[str, ChargeGroup] = {}
    for booking in bookings:
        course = booking.session.course
        if booking.status == BookingStatus.BOOKED and booking.attendance in ATTENDED:
            reason, amount = "Place", booking.fee
        else:
            reason = "No-show" if booking.status == BookingStatus.BOOKED else "Late cancellation"
            amount = booking.fee or no_show_fees.get(course.partnership_id, default_fee)
        if not amount:
            continue
        organisation = booking.agency.name if booking.agency else booking.organisation
        groups.setdefault(organisation, ChargeGroup(organisation=organisation)).charges.append(
            Charge(
                booking_id=booking.pk,
                organisation=organisation,
                full_name=booking.full_name,
                email=booking.email,
                course=course.title,
                session_date=timezone.localdate(booking.session.starts_at),
                reason=reason,
                amount=amount,
                member_group=booking.member_group.name if booking.member_group else "",
            )
        )
    return sorted(groups.values(), key=lambda g: g.organisation.lower())
