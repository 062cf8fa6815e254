"""What governance asks people to approve: key messages (the chair) and the minutes and
decisions of a meeting once a later meeting of the same body has been held (the business
unit or a chair). Registered in ``apps.py``; emails in the services."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from safeguarding.accounts.selectors import approvers_of
from safeguarding.core import approvals
from safeguarding.core.formatting import govuk_date
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role

KEY_MESSAGE_KIND = "Key message to approve"
MINUTES_KIND = "Minutes and decisions to approve"


def _key_messages(user):
    from safeguarding.governance.models import KeyMessage, KeyMessageStatus

    return KeyMessage.objects.visible_to(user).filter(
        status=KeyMessageStatus.DRAFT,
        partnership_id__in=partnerships_where(user, [Role.CHAIR]),
    )


def key_messages_waiting(user) -> list[approvals.Waiting]:
    messages = _key_messages(user).order_by("updated_at", "pk")
    return [
        approvals.Waiting(
            kind=KEY_MESSAGE_KIND,
            title=message.title,
            href=reverse("governance:key-message-manage", args=[message.pk]),
            since=message.updated_at,
        )
        for message in messages
    ]


def _meetings_with_minutes(user):
    from safeguarding.governance.models import Meeting, Minute, MinuteStatus

    later_held = Meeting.objects.filter(
        body=OuterRef("body"),
        starts_at__gt=OuterRef("starts_at"),
        starts_at__lte=timezone.now(),
        is_cancelled=False,
    )
    drafts = Minute.objects.filter(agenda_item__meeting=OuterRef("pk"), status=MinuteStatus.DRAFT)
    return (
        Meeting.objects.visible_to(user)
        .filter(
            body__partnerships__in=list(partnerships_where(user, [Role.BUSINESS_UNIT, Role.CHAIR]))
        )
        .filter(Exists(drafts), Exists(later_held))
        .distinct()
    )


def minutes_waiting(user) -> list[approvals.Waiting]:
    meetings = _meetings_with_minutes(user).select_related("body").order_by("starts_at")
    return [
        approvals.Waiting(
            kind=MINUTES_KIND,
            title=f"{meeting.body.name}, {govuk_date(meeting.starts_at)}",
            href=reverse("governance:meeting-detail", args=[meeting.pk]),
            since=meeting.starts_at,
        )
        for meeting in meetings
    ]


def chairs_of(partnership_id: int) -> list[str]:
    return approvers_of(partnership_id, [Role.CHAIR])


def register() -> None:
    approvals.register(
        approvals.Source(
            key="key-messages",
            label="Key messages to approve",
            permission="governance.approve_key_message",
            waiting=key_messages_waiting,
            count=lambda user: _key_messages(user).count(),
            kind=KEY_MESSAGE_KIND,
        )
    )
    approvals.register(
        approvals.Source(
            key="minutes",
            label="Minutes and decisions to approve",
            permission="governance.approve_minutes",
            waiting=minutes_waiting,
            count=lambda user: _meetings_with_minutes(user).values("pk").count(),
            kind=MINUTES_KIND,
        )
    )


def meetings_with_minutes_to_approve():
    """Meetings whose draft minutes can now be approved: a later meeting of the same body has
    been held. Every partnership's (for the schedule)."""
    from safeguarding.governance.models import Meeting, Minute, MinuteStatus

    later_held = Meeting.objects.filter(
        body=OuterRef("body"),
        starts_at__gt=OuterRef("starts_at"),
        starts_at__lte=timezone.now(),
        is_cancelled=False,
    )
    drafts = Minute.objects.filter(agenda_item__meeting=OuterRef("pk"), status=MinuteStatus.DRAFT)
    return (
        Meeting.objects.filter(Exists(drafts), Exists(later_held))
        .select_related("body")
        .prefetch_related("body__partnerships")
        .order_by("starts_at")
    )


def minute_approvers_of(meeting) -> list[str]:
    """The business unit and chairs of the partnerships the meeting's body belongs to."""
    return sorted(
        {
            email
            for partnership in meeting.body.partnerships.all()
            for email in approvers_of(partnership.pk, [Role.BUSINESS_UNIT, Role.CHAIR])
        }
    )
