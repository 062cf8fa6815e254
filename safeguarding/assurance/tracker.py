"""Open audit actions (gaps from audits and case-audit recommendations) for the partnership's
tracker of actions and recommendations."""

from __future__ import annotations

from django.urls import reverse

from safeguarding.assurance.models import AuditAction
from safeguarding.assurance.selectors.actions import ActionFilter, action_list
from safeguarding.core.tracker import TrackerItem, TrackerSource


def _context(action: AuditAction) -> str:
    if action.audit_return_id:
        return action.audit_return.campaign.title
    if action.case_audit_id:
        return f"Case audit: {action.case_audit.title}"
    return ""


def open_audit_action_items(user) -> list[TrackerItem]:
    """The open audit actions the user may see (one query, whatever the number)."""
    return [
        TrackerItem(
            source="audit-actions",
            source_label="Audit action",
            pk=action.pk,
            title=action.title,
            context=_context(action),
            owner_name=str(action.owner) if action.owner_id else "",
            agency_name=action.agency.name,
            agency_id=action.agency_id,
            due_on=action.due_on,
            status_label=action.get_status_display(),
            url=reverse("assurance:action-detail", args=[action.pk]),
            is_open=not action.is_closed,
        )
        for action in action_list(user=user, filters=ActionFilter(status="open"))
    ]


SOURCE = TrackerSource(
    key="audit-actions",
    label="Audit actions",
    order=30,
    items=open_audit_action_items,
    permission="assurance.view_actions",
)
