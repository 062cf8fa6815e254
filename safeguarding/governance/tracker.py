"""Open meeting actions for the partnership's tracker of actions and recommendations."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.core.tracker import TrackerItem, TrackerSource
from safeguarding.governance.selectors.actions import ActionFilter, action_list


def open_action_items(user) -> list[TrackerItem]:
    """The open meeting actions the user may see (one query, whatever the number)."""
    return [
        TrackerItem(
            source="meeting-actions",
            source_label="Meeting action",
            pk=action.pk,
            title=action.title,
            context=str(action.meeting),
            owner_name=str(action.owner),
            agency_name=action.owner_agency.name if action.owner_agency else "",
            agency_id=action.owner_agency_id,
            due_on=action.due_on,
            status_label=action.get_status_display(),
            url=reverse("governance:action-detail", args=[action.pk]),
            is_open=action.is_open,
        )
        for action in action_list(user=user, filters=ActionFilter(status="open"))
    ]


SOURCE = TrackerSource(
    key="meeting-actions",
    label="Meeting actions",
    order=10,
    items=open_action_items,
    permission="governance.view_actions",
)
