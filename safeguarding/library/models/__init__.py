from safeguarding.library.models.campaigns import (
    Campaign,
    CampaignReach,
    Channel,
    ReachMeasure,
)
from safeguarding.library.models.common import AUDIENCE_LABELS, Audience
from safeguarding.library.models.procedures import (
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    ProcedureVersion,
)
from safeguarding.library.models.resources import (
    PUBLIC_RESOURCE_STATUSES,
    Resource,
    ResourceKind,
    ResourceStatus,
    ResourceUsage,
)
from safeguarding.library.models.voice import (
    ActivityKind,
    ActivityParticipation,
    AgeBand,
    ResponseStatus,
    Setting,
    YouSaidWeDid,
    YouthVoiceActivity,
)

__all__ = [
    "AUDIENCE_LABELS",
    "PUBLIC_RESOURCE_STATUSES",
    "ActivityKind",
    "ActivityParticipation",
    "AgeBand",
    "Audience",
    "Campaign",
    "CampaignReach",
    "Channel",
    "Procedure",
    "ProcedureKind",
    "ProcedureStatus",
    "ProcedureVersion",
    "ReachMeasure",
    "Resource",
    "ResourceKind",
    "ResourceStatus",
    "ResourceUsage",
    "ResponseStatus",
    "Setting",
    "YouSaidWeDid",
    "YouthVoiceActivity",
]
