"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "governance.action.changed": "Someone changed an action.",
    "governance.action.raised": "Someone raised an action.",
    "governance.action.reminder_due_soon": (
        "The platform emailed an action's owner a reminder (due soon)."
    ),
    "governance.action.reminder_overdue": (
        "The platform emailed an action's owner a reminder (overdue)."
    ),
    "governance.action.updated": "Someone changed an action.",
    "governance.agenda_item.added": "Someone added an agenda item.",
    "governance.agenda_item.updated": "Someone changed an agenda item.",
    "governance.body.calendar_link_reset": "Someone reset the calendar link of a body.",
    "governance.body.created": "Someone created a body.",
    "governance.body.updated": "Someone changed a body.",
    "governance.business_plan.created": "Someone created a business plan.",
    "governance.business_plan.updated": "Someone changed a business plan.",
    "governance.decision.corrected": "Someone corrected a decision.",
    "governance.decision.recorded": "Someone recorded a decision.",
    "governance.decision.withdrawn": "Someone withdrew a decision.",
    "governance.key_message.approve": "Someone approved a key message.",
    "governance.key_message.created": "Someone created a key message.",
    "governance.key_message.imported": "Someone imported a key message.",
    "governance.key_message.publish": "Someone published a key message.",
    "governance.key_message.reimported": "Someone imported again a key message.",
    "governance.key_message.return": "Someone returned to draft a key message.",
    "governance.key_message.updated": "Someone changed a key message.",
    "governance.key_message.withdraw": "Someone withdrew a key message.",
    "governance.meeting.attendance_recorded": "Someone recorded attendance at a meeting.",
    "governance.meeting.scheduled": "Someone scheduled a meeting.",
    "governance.meeting.updated": "Someone changed a meeting.",
    "governance.membership.added": "Someone added a membership.",
    "governance.membership.ended": "Someone ended a membership.",
    "governance.minute.changed": "Someone changed a minute.",
    "governance.minute.drafted": "Minute: drafted.",
    "governance.minutes.approval_requested": "Minutes: approval requested.",
    "governance.minutes.approved": "Someone approved a minutes.",
    "governance.paper.confidential_downloaded": "Paper: confidential downloaded.",
    "governance.paper.uploaded": "Someone uploaded a paper.",
    "governance.paper.version_added": "Someone added a new version of a paper.",
    # --- Key-message import batches (importbatches) ---
    "governance.import_batch.create": (
        "A key-messages document was read into a batch of draft messages for review."
    ),
    "governance.import_batch.publish": (
        "Messages of an import batch were published (new, replaced by a fuller text, or left "
        "as they were)."
    ),
    "governance.import_item.update": (
        "The title or text of a draft message in an import batch was fixed."
    ),
    "governance.import_item.drop": (
        "A draft message in an import batch was dropped as not a message."
    ),
    "governance.import_item.restore": "A dropped draft message in an import batch was taken back.",
    "governance.import_item.merge": (
        "Two draft messages of the same meeting in an import batch were merged into one."
    ),
    "governance.import_item.split": "A draft message in an import batch was split in two.",
    "governance.key_message.import": "A key message was published from an import batch.",
    "governance.key_message.reimport": (
        "A published key message was replaced by the fuller text of the same item from "
        "another document."
    ),
    # --- end of key-message import batches ---
}
