"""What training offers a bulletin edition: published courses with places left."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone

from safeguarding.core.bulletin_blocks import BlockItem
from safeguarding.training.models import Course, SessionStatus


def courses_with_places(partnership, since: datetime.date) -> list[BlockItem]:
    open_sessions = Q(
        sessions__status=SessionStatus.SCHEDULED,
        sessions__starts_at__gt=timezone.now(),
        sessions__places_taken__lt=F("sessions__capacity"),
    )
    courses = (
        Course.objects.published()
        .filter(partnership=partnership)
        .annotate(
            open_count=Count("sessions", filter=open_sessions),
            next_at=Min("sessions__starts_at", filter=open_sessions),
        )
        .filter(open_count__gt=0)
        .order_by("next_at", "title")[:20]
    )
    return [
        BlockItem(
            title=course.title,
            url=reverse("training:course", args=[course.pk]),
            summary=(
                f"{course.open_count} date{'s' if course.open_count != 1 else ''} with places, "
                f"the next on {timezone.localtime(course.next_at):%-d %B %Y}"
            ),
        )
        for course in courses
    ]
