"""Reads shared by several governance pages: the user's partnerships, themes, meetings."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.governance.models import Meeting
from safeguarding.planning.models import Theme


def managed_partnerships(*, user) -> QuerySet[Partnership]:
    """Partnerships whose business unit the user is in."""
    return Partnership.objects.filter(
        pk__in=partnerships_where(user, [Role.BUSINESS_UNIT])
    ).order_by("name")


def themes_active() -> QuerySet[Theme]:
    return Theme.objects.active().order_by("name")


def recent_meetings_of(*, partnerships) -> QuerySet[Meeting]:
    """Meetings of the partnerships' bodies from the last two years and the next one."""
    now = timezone.now()
    return (
        Meeting.objects.filter(
            body__partnerships__in=partnerships,
            starts_at__gte=now - datetime.timedelta(days=730),
            starts_at__lte=now + datetime.timedelta(days=365),
        )
        .select_related("body")
        .distinct()
        .order_by("-starts_at")
    )
