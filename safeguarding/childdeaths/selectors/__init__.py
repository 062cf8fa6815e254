"""Reads of the childdeaths app: what each person may see."""

from .deaths import (
    DeathFilter,
    agencies_of,
    cdop_partnerships,
    dashboard_counts,
    death_get,
    death_list,
    figures,
    panel_pack,
    protected_breakdowns,
    public_figures,
    recommendation_get,
    reviewed_in_period_figures,
)
from .export import HEADER as FINDINGS_HEADER
from .export import export_partnerships, findings_export, findings_rows
from .reports import report_get_for_lead, reports_for_lead

__all__ = [
    "FINDINGS_HEADER",
    "export_partnerships",
    "findings_export",
    "findings_rows",
    "DeathFilter",
    "agencies_of",
    "cdop_partnerships",
    "dashboard_counts",
    "death_get",
    "death_list",
    "figures",
    "panel_pack",
    "recommendation_get",
    "reviewed_in_period_figures",
    "public_figures",
    "report_get_for_lead",
    "reports_for_lead",
    "protected_breakdowns",
]
