"""Open audit actions (gaps from audits and case-audit recommendations) for the partnership's
tracker of actions and recommendations."""

from __future__ import annotations

from safeguarding.assurance.models import ActionStatus
from safeguarding.assurance.selectors.actions import ActionFilter, action_list
from safeguarding.core.tracker import TrackerItem, TrackerSource, detail_url

# Only the columns an item shows, as plain values: the tracker reads every open action to
# sort and count them, and building four model instances per action was most of its time.
_COLUMNS = (
    "pk",
    "title",
    "status",
    "due_on",
    "agency_id",
    "agency__name",
    "owner__full_name",
    "owner__email",
    "audit_return__campaign__title",
    "case_audit__title",
)
_STATUS_LABELS = dict(ActionStatus.choices)


def _context(campaign_title: str | None, case_audit_title: str | None) -> str:
    if campaign_title is not None:
        return campaign_title
    if case_audit_title is not None:
        return f"Case audit: {case_audit_title}"
    return ""


def open_audit_action_items(user) -> list[TrackerItem]:
    """The open audit actions the user may see (one query, whatever the number)."""
    url = detail_url("assurance:action-detail")
    rows = action_list(user=user, filters=ActionFilter(status="open")).values_list(*_COLUMNS)
    return [
        TrackerItem(
            source="audit-actions",
            source_label="Audit action",
            pk=pk,
            title=title,
            context=_context(campaign_title, case_audit_title),
            owner_name=(owner_full_name or owner_email or ""),
            agency_name=agency_name,
            agency_id=agency_id,
            due_on=due_on,
            status_label=_STATUS_LABELS.get(status, status),
            url=url(pk),
            is_open=status != ActionStatus.CLOSED,
        )
        for (
            pk,
            title,
            status,
            due_on,
            agency_id,
            agency_name,
            owner_full_name,
            owner_email,
            campaign_title,
            case_audit_title,
        ) in rows
    ]


SOURCE = TrackerSource(
    key="audit-actions",
    label="Audit actions",
    items=open_audit_action_items,
    permission="assurance.view_actions",
)
