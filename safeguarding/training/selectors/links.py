"""How long the signed links in emails keep working.

A link is the permission to see and change one booking, so it should not work for ever.
Expiry is worked out from the booking itself, not stamped into the link, so links already
sent follow the same rules and a partnership can change its setting at any time:

- the attendee's booking link (and its cancel, offer, evaluation, follow-up and certificate
  pages) works until ``booking_link_days`` (30 unless changed) after the session ends, or
  after the follow-up survey was sent when that is later;
- the manager's approval link works for 14 days after they were asked to approve;
- the manager's follow-up link works for ``booking_link_days`` after the survey was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from safeguarding.training import tokens
from safeguarding.training.models import Booking, TrainingSettings

__all__ = [
    "APPROVAL_LINK_DAYS",
    "LinkExpiry",
    "link_expiry",
]

APPROVAL_LINK_DAYS = 14
DEFAULT_BOOKING_LINK_DAYS = TrainingSettings._meta.get_field("booking_link_days").default


@dataclass(frozen=True)
class LinkExpiry:
    expires_at: datetime
    kind: str  # "booking", "approval" or "manager-follow-up": which explanation to show

    def has_expired(self, now: datetime) -> bool:
        return now >= self.expires_at


def _booking_link_days(booking: Booking) -> int:
    days = (
        TrainingSettings.objects.filter(partnership_id=booking.session.course.partnership_id)
        .values_list("booking_link_days", flat=True)
        .first()
    )
    return days or DEFAULT_BOOKING_LINK_DAYS


def _follow_up_sent_at(booking: Booking) -> datetime | None:
    follow_up = getattr(booking, "follow_up", None)
    return follow_up.sent_at if follow_up is not None else None


def link_expiry(*, purpose: str, booking: Booking, page: str = "") -> LinkExpiry:
    """When the link of ``purpose`` for ``booking`` stops working (``page`` "follow-up" for
    the manager's follow-up survey, which is sent months after the approval)."""
    if purpose == tokens.ATTENDEE:
        start = booking.session.ends_at
        sent = _follow_up_sent_at(booking)
        if sent is not None and sent > start:
            start = sent
        return LinkExpiry(start + timedelta(days=_booking_link_days(booking)), "booking")
    sent = _follow_up_sent_at(booking)
    if page == "follow-up" and sent is not None:
        return LinkExpiry(sent + timedelta(days=_booking_link_days(booking)), "manager-follow-up")
    asked = booking.approval_requested_at or booking.created_at
    return LinkExpiry(asked + timedelta(days=APPROVAL_LINK_DAYS), "approval")
