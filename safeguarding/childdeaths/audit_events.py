"""Every audit code the childdeaths app writes, with what it means."""

DEATH_RECORD = "childdeaths.death.record"
DEATH_VIEW = "childdeaths.death.view"
DEATH_UPDATE = "childdeaths.death.update"
DEATH_LIST_VIEW = "childdeaths.death.list_view"
DEATH_REFUSED = "childdeaths.death.refuse"
RESPONSE_RECORD = "childdeaths.response.record"
MEETING_RECORD = "childdeaths.meeting.record"
DEATH_QUEUE = "childdeaths.death.queue"
DEATH_REVIEW = "childdeaths.death.review"
DEATH_CLOSE = "childdeaths.death.close"
REPORT_REQUEST = "childdeaths.report.request"
REPORT_SUBMIT = "childdeaths.report.submit"
REPORT_CHASE = "childdeaths.report.chase"
REPORT_VIEW = "childdeaths.report.view"
REPORT_REFUSED = "childdeaths.report.refuse"
RECOMMENDATION_ADD = "childdeaths.recommendation.add"
RECOMMENDATION_GRADE = "childdeaths.recommendation.grade"
RECOMMENDATION_TRACKER_VIEW = "childdeaths.recommendation.tracker_view"
FIGURES_VIEW = "childdeaths.figures.view"
PACK_DOWNLOAD = "childdeaths.pack.download"
FINDINGS_EXPORT = "childdeaths.findings.export"

EVENTS = {
    DEATH_RECORD: "A child's death was recorded for review.",
    DEATH_VIEW: "Someone opened a child death record.",
    DEATH_UPDATE: "The recorded facts of a child death notification were corrected.",
    DEATH_LIST_VIEW: "Someone saw the list of child deaths, with the references shown.",
    DEATH_REFUSED: "Someone without the right was refused a child death record or page.",
    RESPONSE_RECORD: "The joint agency response to an unexpected death was recorded.",
    MEETING_RECORD: "The child death review meeting was recorded.",
    DEATH_QUEUE: "A child death was queued for a panel meeting.",
    DEATH_REVIEW: "The panel recorded its category, modifiable factors and learning.",
    DEATH_CLOSE: "A child death review was closed.",
    REPORT_REQUEST: "A report was asked of an agency that knew the child.",
    REPORT_SUBMIT: "An agency's lead submitted the agency's report.",
    REPORT_CHASE: "An overdue agency report was chased by email.",
    REPORT_VIEW: "Someone opened an agency report request.",
    REPORT_REFUSED: "Someone was refused an agency report they were not asked for.",
    RECOMMENDATION_ADD: "The panel made a recommendation, followed up on the tracker.",
    RECOMMENDATION_GRADE: "A panel recommendation's evidence of impact was graded.",
    RECOMMENDATION_TRACKER_VIEW: "The tracker showed panel recommendations.",
    FIGURES_VIEW: "The CDOP figures were seen.",
    PACK_DOWNLOAD: "Someone downloaded the confidential panel pack of a panel meeting.",
    FINDINGS_EXPORT: (
        "The panel's findings were exported for the national child mortality dataset "
        "(without identifiers), naming the records exported."
    ),
}
