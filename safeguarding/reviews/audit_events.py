"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "reviews.agency_summaries.list_viewed": (
        "Someone saw a page listing confidential agency summaries records (the records shown are named)."
    ),
    "reviews.agency_summaries.panel_viewed": (
        "Someone saw the dashboard panel of agency summaries (the confidential records shown are named)."
    ),
    "reviews.agency_summary.access_refused": (
        "Someone asked for an agency summary they may not see, or that does not exist, and was refused."
    ),
    "reviews.agency_summary.chased": "Someone chased an agency summary.",
    "reviews.agency_summary.not_received": "Someone not received an agency summary.",
    "reviews.agency_summary.requested": "Someone requested an agency summary.",
    "reviews.agency_summary.submitted": "Someone submitted an agency summary.",
    "reviews.agency_summary.viewed": "Someone read a confidential agency summary.",
    "reviews.author_briefing.added": "Someone added an author briefing.",
    "reviews.author_briefing.linked_to_training": "Someone linked to training an author briefing.",
    "reviews.author_briefing.planned": "Someone planned an author briefing.",
    "reviews.briefing.access_refused": (
        "Someone asked for a briefing they may not see, or that does not exist, and was refused."
    ),
    "reviews.briefing.created": "Someone created a briefing.",
    "reviews.briefing.updated": "Someone changed a briefing.",
    "reviews.briefing.viewed": "Someone read a confidential briefing.",
    "reviews.case_document.access_refused": (
        "Someone asked for a case document they may not see, or that does not exist, and was refused."
    ),
    "reviews.case_document.downloaded": "Someone downloaded a case document.",
    "reviews.case_document.uploaded": "Someone uploaded a case document.",
    "reviews.case_document.viewed": "Someone read a confidential case document.",
    "reviews.clock.breached": "Someone breached a clock.",
    "reviews.clock.due_soon": "Someone due soon a clock.",
    "reviews.clocks.list_viewed": (
        "Someone saw a page listing confidential clocks records (the records shown are named)."
    ),
    "reviews.clocks.panel_viewed": (
        "Someone saw the dashboard panel of clocks (the confidential records shown are named)."
    ),
    "reviews.impact_evidence.access_refused": (
        "Someone asked for an impact evidence they may not see, or that does not exist, and was refused."
    ),
    "reviews.impact_evidence.viewed": "Someone read a confidential impact evidence.",
    "reviews.impact_evidence_file.access_refused": (
        "Someone asked for an impact evidence file they may not see, or that does not exist, and was refused."
    ),
    "reviews.impact_evidence_file.viewed": "Someone read a confidential impact evidence file.",
    "reviews.learning_link.added": "Someone added a learning link.",
    "reviews.notification.access_refused": (
        "Someone asked for a notification they may not see, or that does not exist, and was refused."
    ),
    "reviews.notification.created": "Someone created a notification.",
    "reviews.notification.late_reason_recorded": "Someone late reason recorded a notification.",
    "reviews.notification.updated": "Someone changed a notification.",
    "reviews.notification.viewed": "Someone read a confidential notification.",
    "reviews.notifications.list_viewed": (
        "Someone saw a page listing confidential notifications records (the records shown are named)."
    ),
    "reviews.rapid_review.access_refused": (
        "Someone asked for a rapid review they may not see, or that does not exist, and was refused."
    ),
    "reviews.rapid_review.decision_recorded": "Someone recorded the decision on a rapid review.",
    "reviews.rapid_review.meeting_recorded": "Someone meeting recorded a rapid review.",
    "reviews.rapid_review.panel_response_recorded": (
        "Someone panel response recorded a rapid review."
    ),
    "reviews.rapid_review.sent_to_panel": "Someone sent to the national panel a rapid review.",
    "reviews.rapid_review.signed_off": "Someone signed off a rapid review.",
    "reviews.rapid_review.started": "Someone started a rapid review.",
    "reviews.rapid_review.viewed": "Someone read a confidential rapid review.",
    "reviews.rapid_reviews.list_viewed": (
        "Someone saw a page listing confidential rapid reviews records (the records shown are named)."
    ),
    "reviews.rapidreview.late_reason_recorded": "Someone late reason recorded a rapidreview.",
    "reviews.recommendation.access_refused": (
        "Someone asked for a recommendation they may not see, or that does not exist, and was refused."
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
        "Someone saw a page listing confidential recommendations records (the records shown are named)."
    ),
    "reviews.recommendations.panel_viewed": (
        "Someone saw the dashboard panel of recommendations (the confidential records shown are named)."
    ),
    "reviews.recommendations.tracker_viewed": "Someone tracker viewed a recommendations.",
    "reviews.records.list_viewed": (
        "Someone saw a page listing confidential records records (the records shown are named)."
    ),
    "reviews.referral.access_refused": (
        "Someone asked for a referral they may not see, or that does not exist, and was refused."
    ),
    "reviews.referral.decided": "Someone decided a referral.",
    "reviews.referral.submitted": "Someone submitted a referral.",
    "reviews.referral.under_consideration": "Someone under consideration a referral.",
    "reviews.referral.viewed": "Someone read a confidential referral.",
    "reviews.referrals.list_viewed": (
        "Someone saw a page listing confidential referrals records (the records shown are named)."
    ),
    "reviews.referrals.panel_viewed": (
        "Someone saw the dashboard panel of referrals (the confidential records shown are named)."
    ),
    "reviews.review.access_refused": (
        "Someone asked for a review they may not see, or that does not exist, and was refused."
    ),
    "reviews.review.agree_final": "Someone agree final a review.",
    "reviews.review.agree_terms": "Someone agree terms a review.",
    "reviews.review.commission_reviewer": "Someone commission reviewer a review.",
    "reviews.review.content_updated": "Someone content updated a review.",
    "reviews.review.created": "Someone created a review.",
    "reviews.review.defer": "Someone defer a review.",
    "reviews.review.delay_reason_recorded": (
        "Someone recorded the reason for the delay to a review."
    ),
    "reviews.review.embed_learning": "Someone embed learning a review.",
    "reviews.review.practitioner_event_added": "Someone practitioner event added a review.",
    "reviews.review.publish": "Someone published a review.",
    "reviews.review.receive_draft": "Someone receive draft a review.",
    "reviews.review.send_advance_copy": "Someone send advance copy a review.",
    "reviews.review.start": "Someone start a review.",
    "reviews.review.viewed": "Someone read a confidential review.",
    "reviews.review_settings.updated": "Someone changed a review settings.",
    "reviews.reviews.commissioned_panel_viewed": (
        "Someone saw the dashboard panel of reviews (the confidential records shown are named)."
    ),
    "reviews.reviews.list_viewed": (
        "Someone saw a page listing confidential reviews records (the records shown are named)."
    ),
}
