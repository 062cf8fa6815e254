"""Yearly reports with their snapshot and sign-offs, and inspections."""

from safeguarding.reports.models.arrangements import Arrangements
from safeguarding.reports.models.comments import ReportComment
from safeguarding.reports.models.inspections import (
    Inspection,
    InspectionAction,
    InspectionType,
)
from safeguarding.reports.models.reports import (
    NATIONAL_RECIPIENTS,
    Distribution,
    PartnerGroup,
    Recipient,
    ReportSectionText,
    ReportStatus,
    SignOff,
    YearlyReport,
)

__all__ = [
    "Arrangements",
    "NATIONAL_RECIPIENTS",
    "Distribution",
    "Inspection",
    "InspectionAction",
    "InspectionType",
    "PartnerGroup",
    "Recipient",
    "ReportComment",
    "ReportSectionText",
    "ReportStatus",
    "SignOff",
    "YearlyReport",
]
