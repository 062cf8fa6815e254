"""Open panel recommendations on the one tracker of actions and recommendations. They are
confidential: only the CDOP people of the death's partnerships see them, and each page that
names some writes one audit event."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from safeguarding.childdeaths import audit_events
from safeguarding.childdeaths.models import CdopRecommendation, RecommendationStatus
from safeguarding.core.audit import audit_record
from safeguarding.core.tracker import TrackerItem, TrackerSource

KEY = "child-death-recommendations"


def open_recommendation_items(user) -> list[TrackerItem]:
    recommendations = (
        CdopRecommendation.objects.visible_to(user)
        .filter(status=RecommendationStatus.OPEN)
        .select_related("child_death", "owner_agency")
    )
    return [
        TrackerItem(
            source=KEY,
            source_label="Child death panel recommendation",
            pk=r.pk,
            title=r.text,
            context=f"Child death review {r.child_death.reference}",
            owner_name="",
            agency_name=r.owner_agency.name,
            agency_id=r.owner_agency_id,
            due_on=r.target_on,
            status_label=r.get_status_display(),
            url=reverse("childdeaths:detail", args=[r.child_death_id]),
            is_open=r.is_open,
            confidential=True,
        )
        for r in recommendations
    ]


def record_shown(request, items: list[TrackerItem]) -> None:
    if not items:
        return
    with transaction.atomic():
        audit_record(
            actor=request.user,
            event=audit_events.RECOMMENDATION_TRACKER_VIEW,
            after={"shown": [item.pk for item in items], "path": request.path},
        )


SOURCE = TrackerSource(
    key=KEY,
    label="Child death panel recommendations",
    items=open_recommendation_items,
    permission="childdeaths.view_childdeaths",
    shown=record_shown,
)
