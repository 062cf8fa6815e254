from django.urls import path

from safeguarding.assurance.views import (
    actions,
    campaigns,
    case_audits,
    contributions,
    home,
    imports,
    moderation,
    results,
    returns,
    surveys,
    template_layout,
    templates,
)

app_name = "assurance"

T = "assurance/templates"
V = "assurance/template-versions/<int:pk>"
C = "assurance/campaigns/<int:pk>"
R = "assurance/returns/<int:pk>"
A = "assurance/actions/<int:pk>"
M = "assurance/case-audits/<int:pk>"
S = "assurance/surveys/<int:pk>"

urlpatterns = [
    path(f"{C}/past-returns/", imports.past_returns_import_page, name="past-returns-import"),
    path("assurance/", home.index, name="index"),
    # Templates
    path(f"{T}/", templates.template_list, name="template-list"),
    path(f"{T}/new/", templates.template_new, name="template-new"),
    path(f"{T}/import/", imports.question_set_import_page, name="question-set-import"),
    path(f"{T}/<int:pk>/new-draft/", templates.template_new_draft, name="template-new-draft"),
    path(f"{V}/", templates.version_detail, name="version-detail"),
    path(f"{V}/publish/", templates.version_publish, name="version-publish"),
    path(f"{V}/scales/new/", imports.rating_scale_page, name="scale-new"),
    path(f"{V}/sections/new/", templates.section_edit, name="section-new"),
    path(f"{V}/sections/<int:section_pk>/edit/", templates.section_edit, name="section-edit"),
    path(
        f"{V}/sections/<int:section_pk>/questions/new/",
        templates.question_new,
        name="question-new",
    ),
    path(f"{V}/questions/<int:question_pk>/edit/", templates.question_edit, name="question-edit"),
    path(
        f"{V}/sections/<int:section_pk>/remove/",
        template_layout.section_remove,
        name="section-remove",
    ),
    path(f"{V}/sections/<int:section_pk>/move/", template_layout.section_move, name="section-move"),
    path(
        f"{V}/questions/<int:question_pk>/remove/",
        template_layout.question_remove,
        name="question-remove",
    ),
    path(
        f"{V}/questions/<int:question_pk>/move/",
        template_layout.question_move,
        name="question-move",
    ),
    path(f"{V}/ratings/<int:level_pk>/edit/", templates.level_edit, name="level-edit"),
    # Campaigns
    path("assurance/campaigns/", campaigns.campaign_list, name="campaign-list"),
    path("assurance/campaigns/new/", campaigns.campaign_new, name="campaign-new"),
    path(
        "assurance/contributions/new/",
        contributions.contribution_new,
        name="contribution-new",
    ),
    path(f"{C}/", campaigns.campaign_detail, name="campaign-detail"),
    path(f"{C}/edit/", campaigns.campaign_edit, name="campaign-edit"),
    path(f"{C}/launch/", campaigns.campaign_launch, name="campaign-launch"),
    path(f"{C}/close/", campaigns.campaign_close, name="campaign-close"),
    path(f"{C}/reopen/", campaigns.campaign_reopen, name="campaign-reopen"),
    path(f"{C}/invite/", campaigns.campaign_invite, name="campaign-invite"),
    path(f"{C}/non-returners/", campaigns.campaign_non_returners, name="campaign-non-returners"),
    path(
        f"{C}/non-returners.csv",
        campaigns.campaign_non_returners_csv,
        name="campaign-non-returners-csv",
    ),
    path(f"{C}/escalate/", campaigns.campaign_escalate, name="campaign-escalate"),
    path(f"{C}/challenge-events/new/", campaigns.challenge_event_new, name="challenge-event-new"),
    path(f"{C}/results/", results.campaign_results_page, name="campaign-results"),
    path(f"{C}/results.csv", results.campaign_results_csv, name="campaign-results-csv"),
    path(f"{C}/results.xlsx", results.campaign_results_xlsx, name="campaign-results-xlsx"),
    path(f"{C}/schools-report/", results.schools_report, name="campaign-schools-report"),
    # Returns
    path("assurance/returns/", returns.my_returns, name="my-returns"),
    path(f"{R}/", returns.return_detail, name="return-detail"),
    path(f"{R}/start/", returns.return_start, name="return-start"),
    path(f"{R}/sections/<int:section_pk>/", returns.return_section, name="return-section"),
    path(f"{R}/check/", returns.return_check, name="return-check"),
    path(f"{R}/copy/", returns.return_copy, name="return-copy"),
    path(f"{R}/return.pdf", returns.return_pdf, name="return-pdf"),
    path(f"{R}/colleagues/", returns.return_colleagues, name="return-colleagues"),
    path(
        f"{R}/colleagues/<int:user_pk>/remove/",
        returns.return_colleague_remove,
        name="return-colleague-remove",
    ),
    path(f"{R}/files/<int:file_pk>/", returns.evidence_download, name="evidence-download"),
    path(f"{R}/files/<int:file_pk>/remove/", returns.evidence_remove, name="evidence-remove"),
    path(f"{R}/exempt/", campaigns.return_exempt, name="return-exempt"),
    path(f"{R}/reinstate/", campaigns.return_reinstate, name="return-reinstate"),
    # Moderation
    path(f"{R}/moderate/", moderation.return_moderate, name="return-moderate"),
    path(
        f"{R}/moderate/complete/",
        moderation.return_moderation_complete,
        name="return-moderation-complete",
    ),
    path(f"{R}/moderate/<int:answer_pk>/", moderation.answer_moderate, name="answer-moderate"),
    path(
        f"{R}/moderate/<int:answer_pk>/evidence/",
        moderation.answer_request_evidence,
        name="answer-request-evidence",
    ),
    # Actions
    path("assurance/actions/", actions.action_list, name="action-list"),
    path(f"{A}/", actions.action_detail, name="action-detail"),
    path(f"{A}/update/", actions.action_update, name="action-update"),
    path(f"{A}/decision/", actions.action_decision, name="action-decision"),
    path(f"{A}/change/", actions.action_change, name="action-change"),
    path(f"{A}/files/<int:file_pk>/", actions.action_file, name="action-file"),
    # Multi-agency case audits
    path("assurance/case-audits/", case_audits.case_audit_list, name="case-audit-list"),
    path("assurance/case-audits/new/", case_audits.case_audit_new, name="case-audit-new"),
    path(f"{M}/", case_audits.case_audit_detail, name="case-audit-detail"),
    path(f"{M}/cases/new/", case_audits.case_new, name="case-new"),
    path(f"{M}/cases/<int:case_pk>/", case_audits.case_detail, name="case-detail"),
    path(f"{M}/start/", case_audits.case_audit_start, name="case-audit-start"),
    path(f"{M}/panel/", case_audits.case_audit_panel, name="case-audit-panel"),
    path(
        f"{M}/recommendations/new/", case_audits.case_audit_recommend, name="case-audit-recommend"
    ),
    path(f"{M}/complete/", case_audits.case_audit_complete, name="case-audit-complete"),
    # Surveys and consultations (on the question engine)
    path("assurance/surveys/", surveys.survey_list, name="survey-list"),
    path("assurance/surveys/new/", surveys.survey_new, name="survey-new"),
    path(f"{S}/", surveys.survey_detail, name="survey-detail"),
    path(f"{S}/edit/", surveys.survey_edit, name="survey-edit"),
    path(f"{S}/preset/", surveys.survey_preset, name="survey-preset"),
    path(f"{S}/results/", surveys.survey_results, name="survey-results"),
    path(f"{S}/results.csv", surveys.survey_results_csv, name="survey-results-csv"),
    path("surveys/<str:token>/", surveys.survey_public, name="survey-public"),
    path("surveys/<str:token>/thank-you/", surveys.survey_thanks, name="survey-thanks"),
]
