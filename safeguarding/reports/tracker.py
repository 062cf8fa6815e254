"""Open actions of inspection action plans, for the one tracker of actions."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.tracker import TrackerItem, TrackerSource
from safeguarding.reports.models import InspectionAction


def open_inspection_actions(user) -> list[TrackerItem]:
    actions = (
        InspectionAction.objects.visible_to(user)
        .filter(completed_on__isnull=True)
        .select_related("inspection", "owner_agency")
    )
    return [
        TrackerItem(
            source="inspection-actions",
            source_label="Inspection action",
            pk=action.pk,
            title=action.text[:120],
            context=str(action.inspection),
            owner_name="",
            agency_name=action.owner_agency.name if action.owner_agency else "",
            agency_id=action.owner_agency_id,
            due_on=action.due_on,
            status_label="Open",
            url=reverse("reports:inspection-detail", args=[action.inspection_id]),
        )
        for action in actions
    ]


SOURCE = TrackerSource(
    key="inspection-actions",
    label="Inspection actions",
    items=open_inspection_actions,
    permission="reports.view_inspections",
)
