"""Open meeting actions for the partnership's tracker of actions and recommendations."""

from __future__ import annotations

from safeguarding.core.tracker import TrackerItem, TrackerSource, detail_url
from safeguarding.governance.selectors.actions import ActionFilter, action_list

# Only the columns an item shows: the tracker reads every open action to sort and count them.
_COLUMNS = (
    "title",
    "status",
    "due_on",
    "owner_id",
    "owner__full_name",
    "owner__email",
    "owner_agency_id",
    "owner_agency__name",
    "meeting_id",
    "meeting__starts_at",
    "meeting__body_id",
    "meeting__body__name",
)


def open_action_items(user) -> list[TrackerItem]:
    """The open meeting actions the user may see (one query, whatever the number)."""
    url = detail_url("governance:action-detail")
    actions = (
        action_list(user=user, filters=ActionFilter(status="open"))
        .select_related(None)
        .select_related("owner", "owner_agency", "meeting__body")
        .only(*_COLUMNS)
    )
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
            url=url(action.pk),
            is_open=action.is_open,
        )
        for action in actions
    ]


SOURCE = TrackerSource(
    key="meeting-actions",
    label="Meeting actions",
    items=open_action_items,
    permission="governance.view_actions",
)
