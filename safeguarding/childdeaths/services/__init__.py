"""Writes of the childdeaths app: one service per change, each in one transaction with its
audit event. Bad input raises a ValidationError saying what is wrong and how to put it right."""

from .deaths import (
    child_death_close,
    child_death_meeting_record,
    child_death_queue,
    child_death_record,
    child_death_response_record,
    child_death_review,
    child_death_update,
    death_list_view_record,
    death_view_record,
    findings_export_record,
    refusal_record,
)
from .recommendations import recommendation_add, recommendation_grade
from .reports import report_chase_overdue, report_request, report_submit

__all__ = [
    "child_death_close",
    "child_death_meeting_record",
    "child_death_queue",
    "child_death_record",
    "child_death_response_record",
    "child_death_review",
    "child_death_update",
    "death_list_view_record",
    "death_view_record",
    "findings_export_record",
    "recommendation_add",
    "recommendation_grade",
    "refusal_record",
    "report_chase_overdue",
    "report_request",
    "report_submit",
]
