from django.urls import path

from safeguarding.childdeaths.views import deaths, figures, reports

app_name = "childdeaths"

urlpatterns = [
    path("child-deaths/", deaths.death_list, name="list"),
    path("child-deaths/new/", deaths.death_new, name="new"),
    path("child-deaths/figures/", figures.figures, name="figures"),
    path("child-deaths/figures/findings.csv", figures.findings_export, name="findings-export"),
    path("child-deaths/reports/", reports.report_list, name="reports"),
    path("child-deaths/reports/<int:pk>/", reports.report_submit, name="report-submit"),
    path("child-deaths/<int:pk>/", deaths.death_detail, name="detail"),
    path("child-deaths/<int:pk>/edit/", deaths.death_edit, name="edit"),
    path("child-deaths/<int:pk>/response/", deaths.response_record, name="response"),
    path("child-deaths/<int:pk>/meeting/", deaths.meeting_record, name="meeting"),
    path("child-deaths/<int:pk>/reports/request/", deaths.reports_request, name="reports-request"),
    path("child-deaths/<int:pk>/queue/", deaths.queue, name="queue"),
    path("child-deaths/<int:pk>/review/", deaths.review, name="review"),
    path("child-deaths/<int:pk>/close/", deaths.close, name="close"),
    path(
        "child-deaths/<int:pk>/recommendations/new/",
        deaths.recommendation_new,
        name="recommendation-new",
    ),
    path(
        "child-deaths/recommendations/<int:pk>/grade/",
        deaths.recommendation_grade,
        name="recommendation-grade",
    ),
    path("child-deaths/panel-packs/<int:meeting_id>/", figures.panel_pack, name="panel-pack"),
    path("child-death-figures/", figures.public_figures, name="public-figures"),
]
