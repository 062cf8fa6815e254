"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "reviews.agency_summaries.list_viewed": (
        "Someone saw a list of agency summaries, naming the confidential ones shown."
    ),
    "reviews.agency_summaries.panel_viewed": (
        "Someone saw the agency summaries panel, naming the confidential records shown."
    ),
    "reviews.agency_summary.access_refused": (
        "Someone was refused an agency summary (not theirs to see, or missing)."
    ),
    "reviews.agency_summary.chased": "Someone chased an agency summary.",
    "reviews.agency_summary.not_received": "Agency summary: not received.",
    "reviews.agency_summary.requested": "Someone requested an agency summary.",
    "reviews.agency_summary.submitted": "Someone submitted an agency summary.",
    "reviews.agency_summary.viewed": "Someone read a confidential agency summary.",
    "reviews.author_briefing.added": "Someone added an author briefing.",
    "reviews.author_briefing.linked_to_training": "Author briefing: linked to training.",
    "reviews.author_briefing.planned": "Author briefing: planned.",
    "reviews.briefing.access_refused": (
        "Someone was refused a briefing (not theirs to see, or missing)."
    ),
    "reviews.briefing.created": "Someone created a briefing.",
    "reviews.briefing.updated": "Someone changed a briefing.",
    "reviews.briefing.viewed": "Someone read a confidential briefing.",
    "reviews.case_document.access_refused": (
        "Someone was refused a case document (not theirs to see, or missing)."
    ),
    "reviews.case_document.downloaded": "Someone downloaded a case document.",
    "reviews.case_document.uploaded": "Someone uploaded a case document.",
    "reviews.case_document.viewed": "Someone read a confidential case document.",
    "reviews.clock.breached": "The platform warned that a statutory clock is breached.",
    "reviews.clock.due_soon": "The platform warned that a statutory clock is due soon.",
    "reviews.clocks.list_viewed": (
        "Someone saw a list of clocks, naming the confidential ones shown."
    ),
    "reviews.clocks.panel_viewed": (
        "Someone saw the clocks panel, naming the confidential records shown."
    ),
    "reviews.impact_evidence.access_refused": (
        "Someone was refused an impact evidence (not theirs to see, or missing)."
    ),
    "reviews.impact_evidence.viewed": "Someone read a confidential impact evidence.",
    "reviews.impact_evidence_file.access_refused": (
        "Someone was refused an impact evidence file (not theirs to see, or missing)."
    ),
    "reviews.impact_evidence_file.viewed": "Someone read a confidential impact evidence file.",
    "reviews.learning_link.added": "Someone added a learning link.",
    "reviews.notification.access_refused": (
        "Someone was refused a notification (not theirs to see, or missing)."
    ),
    "reviews.notification.created": "Someone created a notification.",
    "reviews.notification.late_reason_recorded": (
        "Someone recorded why a notification missed its deadline."
    ),
    "reviews.notification.updated": "Someone changed a notification.",
    "reviews.notification.viewed": "Someone read a confidential notification.",
    "reviews.notifications.list_viewed": (
        "Someone saw a list of notifications, naming the confidential ones shown."
    ),
    "reviews.rapid_review.access_refused": (
        "Someone was refused a rapid review (not theirs to see, or missing)."
    ),
    "reviews.rapid_review.decision_recorded": "Someone recorded the decision on a rapid review.",
    "reviews.rapid_review.meeting_recorded": "Rapid review: meeting recorded.",
    "reviews.rapid_review.panel_response_recorded": "Rapid review: panel response recorded.",
    "reviews.rapid_review.sent_to_panel": "Someone sent to the national panel a rapid review.",
    "reviews.rapid_review.signed_off": "Someone signed off a rapid review.",
    "reviews.rapid_review.started": "Someone started a rapid review.",
    "reviews.rapid_review.viewed": "Someone read a confidential rapid review.",
    "reviews.rapid_reviews.list_viewed": (
        "Someone saw a list of rapid reviews, naming the confidential ones shown."
    ),
    "reviews.rapidreview.late_reason_recorded": (
        "Someone recorded why a rapid review missed its deadline."
    ),
    "reviews.recommendation.access_refused": (
        "Someone was refused a recommendation (not theirs to see, or missing)."
    ),
    "reviews.recommendation.added": "Someone added a recommendation.",
    "reviews.recommendation.changed": "Someone changed a recommendation.",
    "reviews.recommendation.closed": "Someone closed a recommendation.",
    "reviews.recommendation.evidence_graded": (
        "Someone graded the evidence of impact for a recommendation."
    ),
    "reviews.recommendation.evidence_submitted": "Someone submitted evidence for a recommendation.",
    "reviews.recommendation.update_added": "Someone added an update to a recommendation.",
    "reviews.recommendation.update_requested": "Someone asked for an update on a recommendation.",
    "reviews.recommendation.viewed": "Someone read a confidential recommendation.",
    "reviews.recommendations.by_agency_viewed": (
        "Someone saw the recommendations grouped by agency."
    ),
    "reviews.recommendations.by_review_viewed": (
        "Someone saw the recommendations grouped by review."
    ),
    "reviews.recommendations.by_theme_viewed": "Someone saw the recommendations grouped by theme.",
    "reviews.recommendations.list_viewed": (
        "Someone saw a list of recommendations, naming the confidential ones shown."
    ),
    "reviews.recommendations.panel_viewed": (
        "Someone saw the recommendations panel, naming the confidential records shown."
    ),
    "reviews.recommendations.tracker_viewed": "Someone saw the recommendations tracker.",
    "reviews.records.list_viewed": (
        "Someone saw a list of records, naming the confidential ones shown."
    ),
    "reviews.referral.access_refused": (
        "Someone was refused a referral (not theirs to see, or missing)."
    ),
    "reviews.referral.decided": "Someone decided a referral.",
    "reviews.referral.submitted": "Someone submitted a referral.",
    "reviews.referral.under_consideration": "Referral: under consideration.",
    "reviews.referral.viewed": "Someone read a confidential referral.",
    "reviews.referrals.list_viewed": (
        "Someone saw a list of referrals, naming the confidential ones shown."
    ),
    "reviews.referrals.panel_viewed": (
        "Someone saw the referrals panel, naming the confidential records shown."
    ),
    "reviews.review.access_refused": (
        "Someone was refused a review (not theirs to see, or missing)."
    ),
    "reviews.review.agree_final": "Someone recorded a review step: the final report agreed.",
    "reviews.review.agree_terms": "Someone recorded a review step: the terms of reference.",
    "reviews.review.commission_reviewer": (
        "Someone recorded a review step: the reviewer commissioned."
    ),
    "reviews.review.content_updated": "Review: content updated.",
    "reviews.review.created": "Someone created a review.",
    "reviews.review.defer": "Someone recorded a review step: defer publication.",
    "reviews.review.delay_reason_recorded": (
        "Someone recorded the reason for the delay to a review."
    ),
    "reviews.review.embed_learning": "Someone recorded a review step: the learning embedded.",
    "reviews.review.practitioner_event_added": "Review: practitioner event added.",
    "reviews.review.publish": "Someone recorded a review step: the publication.",
    "reviews.review.receive_draft": "Someone recorded a review step: the draft report.",
    "reviews.review.send_advance_copy": (
        "Someone recorded a review step: the report sent to the Panel, Secretary of State "
        "and Ofsted."
    ),
    "reviews.review.start": "Someone recorded a review step: that the review has started.",
    "reviews.review.viewed": "Someone read a confidential review.",
    "reviews.review_settings.updated": "Someone changed a review settings.",
    "reviews.reviews.commissioned_panel_viewed": (
        "Someone saw the reviews panel, naming the confidential records shown."
    ),
    "reviews.reviews.list_viewed": (
        "Someone saw a list of reviews, naming the confidential ones shown."
    ),
}

# The codes of the confidential-record events by the kind of record a page or service names
# (its ``what``), written out so that each code can be found by searching for it.
VIEWED_EVENTS = {
    "agency_summary": "reviews.agency_summary.viewed",
    "briefing": "reviews.briefing.viewed",
    "case_document": "reviews.case_document.viewed",
    "impact_evidence": "reviews.impact_evidence.viewed",
    "impact_evidence_file": "reviews.impact_evidence_file.viewed",
    "notification": "reviews.notification.viewed",
    "rapid_review": "reviews.rapid_review.viewed",
    "recommendation": "reviews.recommendation.viewed",
    "referral": "reviews.referral.viewed",
    "review": "reviews.review.viewed",
}
ACCESS_REFUSED_EVENTS = {
    "agency_summary": "reviews.agency_summary.access_refused",
    "briefing": "reviews.briefing.access_refused",
    "case_document": "reviews.case_document.access_refused",
    "impact_evidence": "reviews.impact_evidence.access_refused",
    "impact_evidence_file": "reviews.impact_evidence_file.access_refused",
    "notification": "reviews.notification.access_refused",
    "rapid_review": "reviews.rapid_review.access_refused",
    "recommendation": "reviews.recommendation.access_refused",
    "referral": "reviews.referral.access_refused",
    "review": "reviews.review.access_refused",
}
LIST_VIEWED_EVENTS = {
    "agency_summaries": "reviews.agency_summaries.list_viewed",
    "notifications": "reviews.notifications.list_viewed",
    "rapid_reviews": "reviews.rapid_reviews.list_viewed",
    "recommendations": "reviews.recommendations.list_viewed",
    "referrals": "reviews.referrals.list_viewed",
    "reviews": "reviews.reviews.list_viewed",
}
