"""Governance models: bodies, meetings, actions and key messages. The theme taxonomy and
business plans live in ``safeguarding.planning``."""

from .actions import CLOSED_STATUSES, Action, ActionStatus, ActionUpdate
from .bodies import VOTING_ROLES, Body, BodyType, MeetingFrequency, MemberRole, Membership
from .import_batches import ImportBatch, ImportBatchStatus, ImportItem, ImportItemOutcome
from .key_messages import (
    DatePrecision,
    KeyMessage,
    KeyMessageStatus,
)
from .meetings import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    Minute,
    MinuteStatus,
    Paper,
    PaperVersion,
)

__all__ = [
    "CLOSED_STATUSES",
    "VOTING_ROLES",
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "Body",
    "BodyType",
    "DatePrecision",
    "ImportBatch",
    "ImportBatchStatus",
    "ImportItem",
    "ImportItemOutcome",
    "Decision",
    "KeyMessage",
    "KeyMessageStatus",
    "Meeting",
    "MeetingFrequency",
    "MemberRole",
    "Membership",
    "Minute",
    "MinuteStatus",
    "Paper",
    "PaperVersion",
]
