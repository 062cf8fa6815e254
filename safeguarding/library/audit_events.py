"""Every audit code the library writes, with what it means (read by the house catalogue)."""

RESOURCE_CREATE = "library.resource.create"
RESOURCE_UPDATE = "library.resource.update"
RESOURCE_IMPORT = "library.resource.import"
USAGE_REPORT_VIEW = "library.usage.view"
PROCEDURE_CREATE = "library.procedure.create"
PROCEDURE_VERSION_ADD = "library.procedure.version"
PROCEDURE_STATUS_CHANGE = "library.procedure.status"
PROCEDURE_UPDATE = "library.procedure.update"
PROCEDURE_REVIEW_REMIND = "library.procedure.remind"
CAMPAIGN_CREATE = "library.campaign.create"
CAMPAIGN_UPDATE = "library.campaign.update"
CAMPAIGN_REACH_RECORD = "library.campaign.reach"
ACTIVITY_RECORD = "library.activity.record"
ACTIVITY_UPDATE = "library.activity.update"
YOU_SAID_WE_DID_ADD = "library.yousaidwedid.add"
YOU_SAID_WE_DID_UPDATE = "library.yousaidwedid.update"

EVENTS = {
    "library.resource.create": "A resource was added to the library.",
    "library.resource.update": "A resource's details were changed.",
    "library.resource.import": "A document register was imported into the resource library.",
    "library.usage.view": "Someone read the resource usage report.",
    "library.procedure.create": "A policy, procedure or protocol was added.",
    "library.procedure.version": "A new version of a procedure was recorded.",
    "library.procedure.status": "A procedure was put under review, withdrawn or made current.",
    "library.procedure.update": (
        "A procedure's details (title, type, owner, review date, status, partnerships or "
        "themes) were changed."
    ),
    "library.procedure.remind": "A procedure's owner was reminded that its review is due.",
    "library.campaign.create": "A campaign was added.",
    "library.campaign.update": "A campaign's details were changed.",
    "library.campaign.reach": "A campaign's reach figure for a channel was recorded.",
    "library.activity.record": "A youth-voice activity was recorded with its numbers.",
    "library.activity.update": "A youth-voice activity's details or numbers were changed.",
    "library.yousaidwedid.add": 'A "You said, we did" entry was added.',
    "library.yousaidwedid.update": 'A "You said, we did" entry was changed.',
}
