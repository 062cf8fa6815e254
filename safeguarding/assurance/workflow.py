"""State machines of assurance records: template versions, campaigns, returns, actions and
case audits.

Each table lists every legal transition as (from status, name) -> to status. Anything not
listed is refused with a reason. Services call :func:`check` before they change a status,
so the pages, the API, the scheduled jobs and the command line share one set of rules.
Built on :mod:`safeguarding.core.workflow` (ADR 0020).
"""

from __future__ import annotations

from safeguarding.assurance.models import (
    ActionStatus,
    CampaignStatus,
    CaseAuditStatus,
    ReturnStatus,
    VersionStatus,
)
from safeguarding.core.workflow import Machine, Transition


def _table(moves: dict[tuple[str, str], str]) -> list[Transition]:
    """(from status, name) -> to status, as transitions."""
    return [Transition(name, {source}, target) for (source, name), target in moves.items()]


VERSIONS = Machine(
    noun="a template version",
    labels=dict(VersionStatus.choices),
    transitions=_table(
        {
            (VersionStatus.DRAFT, "publish"): VersionStatus.PUBLISHED,
            (VersionStatus.PUBLISHED, "retire"): VersionStatus.RETIRED,
            # Editing is allowed only on a draft: "edit" leaves the status as it is.
            (VersionStatus.DRAFT, "edit"): VersionStatus.DRAFT,
        }
    ),
    refusals={
        (VersionStatus.PUBLISHED, "publish"): "This version is already published.",
        (VersionStatus.PUBLISHED, "edit"): (
            "This version is published and frozen: campaigns use it as it is. Start a new "
            "draft version to make changes."
        ),
        (VersionStatus.RETIRED, "edit"): (
            "This version is retired. Start a new draft version to make changes."
        ),
    },
)

CAMPAIGNS = Machine(
    noun="a campaign",
    labels=dict(CampaignStatus.choices),
    transitions=_table(
        {
            (CampaignStatus.DRAFT, "edit"): CampaignStatus.DRAFT,
            (CampaignStatus.OPEN, "edit"): CampaignStatus.OPEN,
            (CampaignStatus.DRAFT, "launch"): CampaignStatus.OPEN,
            (CampaignStatus.OPEN, "close"): CampaignStatus.CLOSED,
            (CampaignStatus.CLOSED, "reopen"): CampaignStatus.OPEN,
            (CampaignStatus.OPEN, "invite"): CampaignStatus.OPEN,
        }
    ),
    refusals={
        (CampaignStatus.OPEN, "launch"): "This campaign has already been launched.",
        (CampaignStatus.CLOSED, "launch"): "This campaign has already been launched and closed.",
        (CampaignStatus.DRAFT, "close"): "This campaign has not been launched yet.",
        (CampaignStatus.CLOSED, "edit"): "This campaign is closed. Reopen it to change it.",
        (CampaignStatus.DRAFT, "invite"): (
            "Organisations are invited when the campaign is launched. Change the audience instead."
        ),
    },
)

RETURNS = Machine(
    noun="a return",
    labels=dict(ReturnStatus.choices),
    transitions=_table(
        {
            # An agency lead starts the return (answers are carried forward then).
            (ReturnStatus.NOT_STARTED, "start"): ReturnStatus.IN_PROGRESS,
            (ReturnStatus.LATE, "start"): ReturnStatus.LATE,
            # Saving a draft keeps the status (late stays late until submitted).
            (ReturnStatus.IN_PROGRESS, "save"): ReturnStatus.IN_PROGRESS,
            (ReturnStatus.LATE, "save"): ReturnStatus.LATE,
            (ReturnStatus.RETURNED, "save"): ReturnStatus.RETURNED,
            (ReturnStatus.IN_PROGRESS, "submit"): ReturnStatus.SUBMITTED,
            (ReturnStatus.LATE, "submit"): ReturnStatus.SUBMITTED,
            (ReturnStatus.RETURNED, "submit"): ReturnStatus.SUBMITTED,
            # Moderators ask for more evidence on one or more standards.
            (ReturnStatus.SUBMITTED, "return"): ReturnStatus.RETURNED,
            (ReturnStatus.RETURNED, "return"): ReturnStatus.RETURNED,
            (ReturnStatus.SUBMITTED, "moderate"): ReturnStatus.SUBMITTED,
            (ReturnStatus.RETURNED, "moderate"): ReturnStatus.RETURNED,
            # The scheduled job marks outstanding returns late after the closing date.
            (ReturnStatus.NOT_STARTED, "mark_late"): ReturnStatus.LATE,
            (ReturnStatus.IN_PROGRESS, "mark_late"): ReturnStatus.LATE,
            # The business unit may exempt an organisation (with a reason) and reinstate it.
            (ReturnStatus.NOT_STARTED, "exempt"): ReturnStatus.EXEMPT,
            (ReturnStatus.IN_PROGRESS, "exempt"): ReturnStatus.EXEMPT,
            (ReturnStatus.LATE, "exempt"): ReturnStatus.EXEMPT,
            (ReturnStatus.EXEMPT, "reinstate"): ReturnStatus.NOT_STARTED,
        }
    ),
    refusals={
        (ReturnStatus.NOT_STARTED, "submit"): (
            "This return has not been started. Answer the questions before you submit it."
        ),
        (ReturnStatus.NOT_STARTED, "save"): "Start the return before you save answers.",
        (ReturnStatus.SUBMITTED, "submit"): "This return has already been submitted.",
        (ReturnStatus.SUBMITTED, "save"): (
            "This return has been submitted and can no longer be changed. Moderators can "
            "return a standard to you for more evidence."
        ),
        (ReturnStatus.EXEMPT, "save"): "This organisation is exempt from this campaign.",
        (ReturnStatus.EXEMPT, "submit"): "This organisation is exempt from this campaign.",
        (ReturnStatus.EXEMPT, "start"): "This organisation is exempt from this campaign.",
        (ReturnStatus.NOT_STARTED, "return"): "This return has not been submitted yet.",
        (ReturnStatus.IN_PROGRESS, "return"): "This return has not been submitted yet.",
        (ReturnStatus.LATE, "return"): "This return has not been submitted yet.",
        (ReturnStatus.NOT_STARTED, "moderate"): "This return has not been submitted yet.",
        (ReturnStatus.IN_PROGRESS, "moderate"): "This return has not been submitted yet.",
        (ReturnStatus.LATE, "moderate"): "This return has not been submitted yet.",
        (ReturnStatus.SUBMITTED, "exempt"): (
            "This return has already been submitted, so the organisation cannot be exempted."
        ),
    },
)

ACTIONS = Machine(
    noun="an action",
    labels=dict(ActionStatus.choices),
    transitions=_table(
        {
            (ActionStatus.OPEN, "update"): ActionStatus.OPEN,
            (ActionStatus.EVIDENCE_SUBMITTED, "update"): ActionStatus.EVIDENCE_SUBMITTED,
            (ActionStatus.OPEN, "submit_evidence"): ActionStatus.EVIDENCE_SUBMITTED,
            (ActionStatus.EVIDENCE_SUBMITTED, "accept"): ActionStatus.CLOSED,
            (ActionStatus.EVIDENCE_SUBMITTED, "send_back"): ActionStatus.OPEN,
            (ActionStatus.OPEN, "edit"): ActionStatus.OPEN,
            (ActionStatus.EVIDENCE_SUBMITTED, "edit"): ActionStatus.EVIDENCE_SUBMITTED,
        }
    ),
    refusals={
        (ActionStatus.OPEN, "accept"): (
            "No evidence has been submitted for this action yet. The owner submits evidence "
            "first; then it can be closed."
        ),
        (ActionStatus.CLOSED, "update"): "This action is closed.",
        (ActionStatus.CLOSED, "submit_evidence"): "This action is closed.",
        (ActionStatus.CLOSED, "accept"): "This action is already closed.",
        (ActionStatus.CLOSED, "edit"): "This action is closed.",
        (ActionStatus.EVIDENCE_SUBMITTED, "submit_evidence"): (
            "Evidence has already been submitted and is waiting for the business unit."
        ),
    },
)

CASE_AUDITS = Machine(
    noun="a case audit",
    labels=dict(CaseAuditStatus.choices),
    transitions=_table(
        {
            (CaseAuditStatus.PLANNING, "add_case"): CaseAuditStatus.PLANNING,
            (CaseAuditStatus.PLANNING, "start_audits"): CaseAuditStatus.AUDITING,
            (CaseAuditStatus.AUDITING, "start_panel"): CaseAuditStatus.PANEL,
            (CaseAuditStatus.PANEL, "grade"): CaseAuditStatus.PANEL,
            (CaseAuditStatus.PANEL, "recommend"): CaseAuditStatus.PANEL,
            (CaseAuditStatus.PANEL, "complete"): CaseAuditStatus.COMPLETE,
        }
    ),
    refusals={
        (CaseAuditStatus.AUDITING, "add_case"): (
            "Agencies are already auditing the sampled cases; cases cannot be added now."
        ),
        (CaseAuditStatus.PLANNING, "grade"): "Grades are given at the panel discussion.",
        (CaseAuditStatus.AUDITING, "grade"): (
            "Grades are given at the panel discussion. Move the audit to the panel first."
        ),
        (CaseAuditStatus.COMPLETE, "grade"): "This case audit is complete.",
        (CaseAuditStatus.COMPLETE, "recommend"): "This case audit is complete.",
    },
)
