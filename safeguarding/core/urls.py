from django.urls import path

from safeguarding.core import views

app_name = "core"

urlpatterns = [
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("tracker/", views.tracker_page, name="tracker"),
    path("approvals/", views.approvals_page, name="approvals"),
    path("audit-log/", views.audit_log, name="audit-log"),
    path("audit-log/events/", views.audit_event_catalogue, name="audit-events"),
    path("audit-log/export.csv", views.audit_log_csv, name="audit-log-csv"),
    path("accessibility-statement/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy_notice, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("brand.css", views.brand_css, name="brand-css"),
    path("healthz", views.healthz, name="healthz"),
    path("imports/<int:pk>/", views.import_job_page, name="import-job"),
    path(
        "imports/<int:pk>/progress.json",
        views.import_job_progress_json,
        name="import-job-progress-json",
    ),
    path("imports/<int:pk>/confirm/", views.import_job_confirm, name="import-job-confirm"),
]
