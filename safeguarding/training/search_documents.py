"""What the training app makes searchable (registered in ``capabilities.py``, ADR 0026)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from safeguarding.core.searching import Document, Kind
from safeguarding.training.models import Course
from safeguarding.training.models.bookings import ATTENDED, BookingStatus


def course_documents(records):
    for course in records:
        trained = getattr(course, "people_trained", 0) or 0
        yield Document(
            object_id=course.pk,
            title=course.title,
            body=course.summary,
            url=reverse(
                "training:course" if course.is_published else "training:course-manage",
                args=[course.pk],
            ),
            date=course.created_at.date(),
            theme_ids=tuple(t.pk for t in course.themes.all()),
            partnership_id=course.partnership_id,
            public=course.is_published,
            detail=f"{trained} people trained" if trained != 1 else "1 person trained",
        )


COURSES = Kind(
    key="training.course",
    label="Training course",
    plural="Training courses",
    model=Course,
    records=lambda: Course.objects.prefetch_related("themes").annotate(
        people_trained=Count(
            "sessions__bookings",
            filter=Q(
                sessions__bookings__status=BookingStatus.BOOKED,
                sessions__bookings__attendance__in=ATTENDED,
            ),
        )
    ),
    documents=course_documents,
    visible=lambda user: Course.objects.visible_to(user),
)
