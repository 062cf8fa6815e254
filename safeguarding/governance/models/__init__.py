"""Governance models: the theme taxonomy, business plans, bodies, meetings, actions and
key messages. Other apps import ``Theme`` and ``Priority`` from here."""

from .actions import CLOSED_STATUSES, Action, ActionStatus, ActionUpdate
from .bodies import VOTING_ROLES, Body, BodyType, MeetingFrequency, MemberRole, Membership
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
from .taxonomy import BusinessPlan, Priority, Theme

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
    "BusinessPlan",
    "DatePrecision",
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
    "Priority",
    "Theme",
]
