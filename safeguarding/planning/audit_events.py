"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "planning.priority.created": "Someone created a priority.",
    "planning.priority.updated": "Someone changed a priority.",
    "planning.theme.created": "Someone created a theme.",
    "planning.theme.updated": "Someone changed a theme.",
}
