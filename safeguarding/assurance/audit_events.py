"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    # --- Question sets and past returns (imports) ---
    "assurance.question_set.import": "A question set file was imported into a draft audit "
    "template (questions created or updated, with its scale and extra fields).",
    "assurance.past_return.import": "Organisations' past returns were imported from a file as "
    "a campaign's previous cycle.",
    "assurance.rating_scale.save": "A rating scale was added to a draft template version, or "
    "its levels were replaced.",
    # --- end of question sets and past returns ---
    # --- Yearly report contributions (ADR 0032) ---
    "assurance.contribution_campaign.start": "A campaign collecting agencies' contributions to "
    "the yearly report was started for a report period and sent to the chosen agencies.",
    "assurance.contribution_campaign.lock": "A yearly report was signed off with a contribution "
    "campaign's answers, so its returns were locked (and the campaign closed).",
    # --- end of yearly report contributions ---
    # --- Surveys and consultations ---
    "assurance.survey.created": "The business unit created a survey or consultation.",
    "assurance.survey.updated": "The business unit changed a survey's details or dates.",
    "assurance.survey.preset_added": "The preset 'about you' questions were added to a survey.",
    "assurance.survey.response_received": "An anonymous response was sent to a survey "
    "(only the number of answers is recorded).",
    "assurance.survey.results_exported": "Someone downloaded a survey's results as CSV.",
    # --- end of surveys and consultations ---
    "assurance.audit_action.changed": "Someone changed an audit action.",
    "assurance.audit_action.closed": "Someone closed an audit action.",
    "assurance.audit_action.continued": "Audit action: continued.",
    "assurance.audit_action.created": "Someone created an audit action.",
    "assurance.audit_action.evidence_sent_back": (
        "Someone sent back the evidence for an audit action."
    ),
    "assurance.audit_action.evidence_submitted": "Someone submitted evidence for an audit action.",
    "assurance.audit_action.updated": "Someone changed an audit action.",
    "assurance.audit_campaign.agency_invited": "Audit campaign: agency invited.",
    "assurance.audit_campaign.challenge_event_recorded": (
        "Audit campaign: challenge event recorded."
    ),
    "assurance.audit_campaign.closed": "Someone closed an audit campaign.",
    "assurance.audit_campaign.created": "Someone created an audit campaign.",
    "assurance.audit_campaign.launched": "Someone launched an audit campaign.",
    "assurance.audit_campaign.non_returners_escalated": "Audit campaign: non returners escalated.",
    "assurance.audit_campaign.reopened": "Someone reopened an audit campaign.",
    "assurance.audit_campaign.updated": "Someone changed an audit campaign.",
    "assurance.audit_return.answer_moderated": "Someone moderated an answer in an audit return.",
    "assurance.audit_return.chased": "Someone chased an audit return.",
    "assurance.audit_return.contributor_added": "Someone added a colleague to an audit return.",
    "assurance.audit_return.contributor_removed": (
        "Someone removed a colleague from an audit return."
    ),
    "assurance.audit_return.evidence_requested": (
        "Someone asked for more evidence on an audit return."
    ),
    "assurance.audit_return.exempted": "Someone exempted an audit return.",
    "assurance.audit_return.file_removed": "Someone removed a file from an audit return.",
    "assurance.audit_return.marked_late": "Someone marked late an audit return.",
    "assurance.audit_return.moderated": "Someone moderated an audit return.",
    "assurance.audit_return.reinstated": "Someone reinstated an audit return.",
    "assurance.audit_return.section_saved": "Someone saved a section of an audit return.",
    "assurance.audit_return.started": "Someone started an audit return.",
    "assurance.audit_return.submitted": "Someone submitted an audit return.",
    "assurance.audit_template.created": "Someone created an audit template.",
    "assurance.audit_template.draft_started": "Someone started a new draft of an audit template.",
    "assurance.audit_template.loaded": "Someone loaded an audit template.",
    "assurance.audit_template.published": "Someone published an audit template.",
    "assurance.audit_template.question_moved": "Audit template: question moved.",
    "assurance.audit_template.question_removed": "Audit template: question removed.",
    "assurance.audit_template.question_saved": "Audit template: question saved.",
    "assurance.audit_template.rating_level_saved": "Audit template: rating level saved.",
    "assurance.audit_template.section_moved": "Audit template: section moved.",
    "assurance.audit_template.section_removed": "Audit template: section removed.",
    "assurance.audit_template.section_saved": "Someone saved a section of an audit template.",
    "assurance.case_audit.audits_started": "Someone started the audits of a case audit.",
    "assurance.case_audit.case_added": "Someone added a case to a case audit.",
    "assurance.case_audit.case_graded": "Someone graded a case in a case audit.",
    "assurance.case_audit.completed": "Someone completed a case audit.",
    "assurance.case_audit.created": "Someone created a case audit.",
    "assurance.case_audit.panel_started": "Case audit: panel started.",
    "assurance.case_audit.recommendation_added": "Case audit: recommendation added.",
}
