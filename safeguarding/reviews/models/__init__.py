"""Case reviews and learning: notifications, rapid reviews, reviews, recommendations."""

from safeguarding.reviews.models.base import ClockStart, ReviewSettings, VersionedModel
from safeguarding.reviews.models.documents import CaseDocument, CaseDocumentVersion, DocumentKind
from safeguarding.reviews.models.learning import (
    BRIEFING_BOXES,
    AuthorBriefing,
    Briefing,
    LearningLink,
    LinkKind,
)
from safeguarding.reviews.models.notifications import (
    REGULATION_11_CRITERIA,
    AgeBand,
    AgencySummary,
    Decision,
    Disability,
    Ethnicity,
    Nature,
    Notification,
    PanelResponse,
    RapidReview,
    Sex,
)
from safeguarding.reviews.models.recommendations import (
    ImpactEvidence,
    ImpactEvidenceFile,
    ImpactGrade,
    Progress,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
)
from safeguarding.reviews.models.referrals import Referral, ReferralOutcome, ReferralStatus
from safeguarding.reviews.models.reviews import (
    DeferralReason,
    PractitionerEvent,
    Review,
    ReviewKind,
    ReviewStatus,
)

__all__ = [
    "BRIEFING_BOXES",
    "REGULATION_11_CRITERIA",
    "AgeBand",
    "AgencySummary",
    "AuthorBriefing",
    "Briefing",
    "CaseDocument",
    "CaseDocumentVersion",
    "ClockStart",
    "Decision",
    "DeferralReason",
    "Disability",
    "DocumentKind",
    "Ethnicity",
    "ImpactEvidence",
    "ImpactEvidenceFile",
    "ImpactGrade",
    "LearningLink",
    "LinkKind",
    "Nature",
    "Notification",
    "PanelResponse",
    "PractitionerEvent",
    "Progress",
    "RapidReview",
    "Recommendation",
    "RecommendationStatus",
    "RecommendationUpdate",
    "Referral",
    "ReferralOutcome",
    "ReferralStatus",
    "Review",
    "ReviewKind",
    "ReviewSettings",
    "ReviewStatus",
    "Sex",
    "VersionedModel",
]
