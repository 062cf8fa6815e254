"""Writes for case reviews and learning. Each service is one transaction with its audit event.

Bad input raises ``ValidationError`` with a message to show as it is; an edit made from an
out-of-date form raises :class:`ConcurrentEditError` and changes nothing.
"""

from safeguarding.reviews.services.access import (
    access_refused_record,
    list_view_record,
    query_filters,
)
from safeguarding.reviews.services.common import ConcurrentEditError
from safeguarding.reviews.services.learning import (
    author_briefing_add,
    briefing_initial,
    briefing_save,
    learning_link_add,
)
from safeguarding.reviews.services.notifications import (
    agency_summary_contacts,
    agency_summary_request,
    agency_summary_submit,
    clock_reason_record,
    default_summary_due,
    notification_create,
    notification_update,
    rapid_review_record_decision,
    rapid_review_record_meeting,
    rapid_review_record_panel_response,
    rapid_review_send_to_panel,
    rapid_review_sign_off,
    rapid_review_start,
    review_settings_update,
)
from safeguarding.reviews.services.recommendations import (
    RECOMMENDATION_STATES,
    impact_evidence_grade,
    impact_evidence_submit,
    recommendation_add,
    recommendation_add_update,
    recommendation_change,
    recommendation_close,
    update_requests_due,
)
from safeguarding.reviews.services.referrals import (
    referral_consider,
    referral_decide,
    referral_submit,
    referring_agencies,
)
from safeguarding.reviews.services.reviews import (
    practitioner_event_add,
    review_create,
    review_record_delay_reason,
    review_transition,
    review_update_content,
)

__all__ = [
    "RECOMMENDATION_STATES",
    "ConcurrentEditError",
    "access_refused_record",
    "agency_summary_contacts",
    "agency_summary_request",
    "agency_summary_submit",
    "author_briefing_add",
    "briefing_initial",
    "briefing_save",
    "clock_reason_record",
    "default_summary_due",
    "impact_evidence_grade",
    "impact_evidence_submit",
    "learning_link_add",
    "list_view_record",
    "notification_create",
    "notification_update",
    "practitioner_event_add",
    "query_filters",
    "rapid_review_record_decision",
    "rapid_review_record_meeting",
    "rapid_review_record_panel_response",
    "rapid_review_send_to_panel",
    "rapid_review_sign_off",
    "rapid_review_start",
    "recommendation_add",
    "recommendation_add_update",
    "recommendation_change",
    "recommendation_close",
    "referral_consider",
    "referral_decide",
    "referral_submit",
    "referring_agencies",
    "review_create",
    "review_record_delay_reason",
    "review_settings_update",
    "review_transition",
    "review_update_content",
    "update_requests_due",
]
