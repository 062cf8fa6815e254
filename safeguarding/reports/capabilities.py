"""What the reports app adds to the platform: navigation, the inspection actions in the one
tracker, and its own figures (inspections) for the yearly report. Core imports this module
once every app is loaded (``core.apps``)."""

from safeguarding.core import navigation, public_cache, reporting
from safeguarding.core import tracker as core_tracker
from safeguarding.reports import selectors, tracker
from safeguarding.reports.reporting import inspection_figures

navigation.register(
    navigation.NavItem(
        "Yearly reports",
        "reports:report-list",
        permission="reports.view_reports",
        section="governance",
    )
)
navigation.register(
    navigation.NavItem(
        "Inspections",
        "reports:inspection-list",
        permission="reports.view_inspections",
        section="governance",
    )
)
navigation.register(
    navigation.NavItem(
        "Safeguarding arrangements",
        "reports:arrangements-manage",
        permission="reports.manage_arrangements",
        section="governance",
    )
)
core_tracker.register(tracker.SOURCE)
reporting.register(
    reporting.FigureSource(key="inspections", section="inspections", figures=inspection_figures)
)
# Other apps act for a report (assurance starts its agencies' contributions) knowing only its
# id: whose report it is comes from the report, never from their page's address (ADR 0041).
reporting.register_report_scope(selectors.report_scope)

# Published reports are the same for every visitor: kept in the public page cache (ADR 0030).
public_cache.register("reports:public-list", "reports:public-detail", "reports:arrangements-public")
