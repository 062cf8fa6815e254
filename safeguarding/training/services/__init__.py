"""Writes for learning and development. Each service is one transaction with its audit event."""

from safeguarding.training.services.bookings import (
    approvals_chase,
    booking_approve,
    booking_cancel,
    booking_create,
    booking_decline,
)
from safeguarding.training.services.certificates import certificate_issue
from safeguarding.training.services.courses import (
    course_create,
    course_update,
    training_settings_update,
)
from safeguarding.training.services.evaluation import (
    evaluation_submit,
    follow_up_answer,
    follow_up_manager_answer,
    follow_up_send,
)
from safeguarding.training.services.member_groups import (
    member_group_create,
    member_group_remove,
    member_group_update,
)
from safeguarding.training.services.sessions import (
    attendance_record,
    register_add_attendee,
    session_cancel,
    session_create,
    session_update,
)
from safeguarding.training.services.waiting_list import (
    offer_accept,
    offer_decline,
    offers_expire,
)

__all__ = [
    "approvals_chase",
    "attendance_record",
    "booking_approve",
    "booking_cancel",
    "booking_create",
    "booking_decline",
    "certificate_issue",
    "course_create",
    "course_update",
    "evaluation_submit",
    "follow_up_answer",
    "follow_up_manager_answer",
    "follow_up_send",
    "member_group_create",
    "member_group_remove",
    "member_group_update",
    "offer_accept",
    "offer_decline",
    "offers_expire",
    "register_add_attendee",
    "session_cancel",
    "session_create",
    "session_update",
    "training_settings_update",
]
