"""Reads of the reports app: what each person may see."""

from safeguarding.reports.selectors.content import chart_bars, report_content
from safeguarding.reports.selectors.reports import (
    agency_choices,
    api_reports,
    arrangements_get,
    arrangements_list,
    arrangements_published,
    inspection_get,
    inspection_list,
    inspections_in_period,
    joint_partnership_choices,
    published_report_get,
    published_reports,
    report_comments,
    report_get,
    report_list,
    report_scope,
    staff_partnerships,
)

__all__ = [
    "arrangements_get",
    "arrangements_list",
    "arrangements_published",
    "agency_choices",
    "api_reports",
    "joint_partnership_choices",
    "chart_bars",
    "inspection_get",
    "inspection_list",
    "inspections_in_period",
    "published_report_get",
    "published_reports",
    "report_comments",
    "report_content",
    "report_get",
    "report_list",
    "report_scope",
    "staff_partnerships",
]
