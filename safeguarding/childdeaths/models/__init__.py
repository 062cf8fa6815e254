"""Child deaths, agency reports, panel reviews and the CDOP figures."""

from .deaths import (
    AgeBand,
    Category,
    ChildDeath,
    ChildDeathQuerySet,
    Domain,
    Ethnicity,
    ModifiableFactor,
    PanelTheme,
    Place,
    Sex,
    Status,
    age_band_for,
)
from .recommendations import (
    CdopRecommendation,
    CdopRecommendationQuerySet,
    ImpactGrade,
    RecommendationStatus,
)
from .reports import AgencyReport, AgencyReportQuerySet

__all__ = [
    "AgeBand",
    "AgencyReport",
    "AgencyReportQuerySet",
    "Category",
    "CdopRecommendation",
    "CdopRecommendationQuerySet",
    "ChildDeath",
    "ChildDeathQuerySet",
    "Domain",
    "Ethnicity",
    "ImpactGrade",
    "ModifiableFactor",
    "PanelTheme",
    "Place",
    "RecommendationStatus",
    "Sex",
    "Status",
    "age_band_for",
]
