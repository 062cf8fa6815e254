"""Every audit code the reports app writes, with what it means."""

REPORT_CREATE = "reports.report.create"
REPORT_SECTION_EDIT = "reports.section.edit"
REPORT_REFRESH = "reports.report.refresh"
REPORT_SHARE = "reports.report.share"
REPORT_BACK_TO_DRAFT = "reports.report.back_to_draft"
REPORT_SIGN_OFF = "reports.report.sign_off"
REPORT_FREEZE = "reports.report.freeze"
REPORT_PUBLISH = "reports.report.publish"
REPORT_DISTRIBUTE = "reports.report.distribute"
REPORT_BUILD = "reports.report.build"
REPORT_VIEW = "reports.report.view"
REPORT_COMMENT = "reports.comment.add"
REPORT_COMMENT_REPLY = "reports.comment.reply"
REPORT_COMMENT_RESOLVE = "reports.comment.resolve"
REPORT_COMMENT_REOPEN = "reports.comment.reopen"
INSPECTION_ADD = "reports.inspection.add"
INSPECTION_ACTION_ADD = "reports.inspection_action.add"
INSPECTION_ACTION_COMPLETE = "reports.inspection_action.complete"
ARRANGEMENTS_DRAFT = "reports.arrangements.draft"
ARRANGEMENTS_EDIT = "reports.arrangements.edit"
ARRANGEMENTS_PUBLISH = "reports.arrangements.publish"

EVENTS = {
    REPORT_CREATE: "A yearly report was started for a partnership and a period.",
    REPORT_SECTION_EDIT: "The narrative or case study of a section of a yearly report changed.",
    REPORT_REFRESH: "The figures of a draft yearly report were refreshed from live data.",
    REPORT_SHARE: "A yearly report was shared with the statutory partners for comment.",
    REPORT_BACK_TO_DRAFT: "A yearly report shared for comment went back to draft.",
    REPORT_SIGN_OFF: "A lead safeguarding partner's sign-off of a yearly report was recorded.",
    REPORT_FREEZE: "Every partner signed a yearly report off and its figures were frozen.",
    REPORT_PUBLISH: "A signed-off yearly report was published.",
    REPORT_DISTRIBUTE: "Sending a published yearly report to a recipient was recorded.",
    REPORT_BUILD: "A PDF or Word file of a yearly report was built.",
    REPORT_VIEW: "A person read an unpublished yearly report.",
    REPORT_COMMENT: "A statutory partner commented on a yearly report shared with them.",
    REPORT_COMMENT_REPLY: "The business unit or the comment's author replied to a comment.",
    REPORT_COMMENT_RESOLVE: "The business unit marked a comment on a yearly report resolved.",
    REPORT_COMMENT_REOPEN: "The business unit reopened a resolved comment on a yearly report.",
    INSPECTION_ADD: "An inspection was added to the register.",
    INSPECTION_ACTION_ADD: "An action was added to an inspection's action plan.",
    INSPECTION_ACTION_COMPLETE: "An action of an inspection's action plan was completed.",
    ARRANGEMENTS_DRAFT: "A new version of the safeguarding arrangements was drafted.",
    ARRANGEMENTS_EDIT: "A draft of the safeguarding arrangements was changed.",
    ARRANGEMENTS_PUBLISH: "A version of the safeguarding arrangements was published.",
}
