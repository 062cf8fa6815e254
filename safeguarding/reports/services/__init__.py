"""Writes of the reports app: one service per change."""

from safeguarding.reports.services.arrangements import (
    arrangements_draft,
    arrangements_publish,
    arrangements_update,
)
from safeguarding.reports.services.comments import (
    comment_add,
    comment_reopen,
    comment_reply,
    comment_resolve,
    may_reply,
)
from safeguarding.reports.services.inspections import (
    inspection_action_add,
    inspection_action_complete,
    inspection_add,
)
from safeguarding.reports.services.reports import (
    distribution_record,
    report_back_to_draft,
    report_create,
    report_publish,
    report_refresh,
    report_share,
    section_save,
    sign_off_record,
)

__all__ = [
    "arrangements_draft",
    "arrangements_publish",
    "arrangements_update",
    "comment_add",
    "comment_reopen",
    "comment_reply",
    "comment_resolve",
    "distribution_record",
    "inspection_action_add",
    "inspection_action_complete",
    "inspection_add",
    "may_reply",
    "report_back_to_draft",
    "report_create",
    "report_publish",
    "report_refresh",
    "report_share",
    "section_save",
    "sign_off_record",
]
