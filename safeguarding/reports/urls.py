from django.urls import path

from safeguarding.reports.views import arrangements, inspections, public, reports

app_name = "reports"

urlpatterns = [
    # Public: every published report, its page, PDF and Word document.
    path("yearly-reports/", public.report_index, name="public-list"),
    path("yearly-reports/<int:pk>/", public.report_page, name="public-detail"),
    path("yearly-reports/<int:pk>/report.pdf", public.report_pdf, name="public-pdf"),
    path("yearly-reports/<int:pk>/report.docx", public.report_docx, name="public-docx"),
    # Staff: building a report.
    path("yearly-reports/manage/", reports.report_list, name="report-list"),
    path("yearly-reports/manage/new/", reports.report_new, name="report-new"),
    path("yearly-reports/manage/<int:pk>/", reports.report_detail, name="report-detail"),
    path(
        "yearly-reports/manage/<int:pk>/sections/<slug:key>/",
        reports.section_edit,
        name="section-edit",
    ),
    path("yearly-reports/manage/<int:pk>/refresh/", reports.report_refresh, name="report-refresh"),
    path(
        "yearly-reports/manage/<int:pk>/transition/",
        reports.report_transition,
        name="report-transition",
    ),
    path("yearly-reports/manage/<int:pk>/sign-off/", reports.sign_off, name="sign-off"),
    path("yearly-reports/manage/<int:pk>/comments/", reports.comment, name="comment"),
    path(
        "yearly-reports/manage/<int:pk>/comments/<int:comment_pk>/reply/",
        reports.comment_reply,
        name="comment-reply",
    ),
    path(
        "yearly-reports/manage/<int:pk>/comments/<int:comment_pk>/resolve/",
        reports.comment_resolve,
        name="comment-resolve",
    ),
    path(
        "yearly-reports/manage/<int:pk>/comments/<int:comment_pk>/reopen/",
        reports.comment_reopen,
        name="comment-reopen",
    ),
    path("yearly-reports/manage/<int:pk>/sent/", reports.distribution, name="distribution"),
    path("yearly-reports/manage/<int:pk>/preview/", reports.report_preview, name="report-preview"),
    # Published arrangements.
    path("arrangements/", arrangements.arrangements_public, name="arrangements-public"),
    path("arrangements/manage/", arrangements.arrangements_manage, name="arrangements-manage"),
    path(
        "arrangements/manage/<int:pk>/",
        arrangements.arrangements_edit,
        name="arrangements-edit",
    ),
    path(
        "arrangements/manage/<int:pk>/publish/",
        arrangements.arrangements_publish,
        name="arrangements-publish",
    ),
    # Inspections.
    path("inspections/", inspections.inspection_list, name="inspection-list"),
    path("inspections/new/", inspections.inspection_new, name="inspection-new"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection-detail"),
    path(
        "inspections/<int:pk>/actions/<int:action_pk>/complete/",
        inspections.inspection_action_complete,
        name="inspection-action-complete",
    ),
]
