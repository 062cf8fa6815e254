"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "core.admin_record.added": "A record was added in the Django admin.",
    "core.admin_record.changed": "A record was changed in the Django admin.",
    "core.admin_record.deleted": "A record was deleted in the Django admin.",
    "core.audit_log.archived": (
        "Events past the retention period were written to a file and removed from the log."
    ),
    "core.record.viewed": "Someone read a confidential record.",
    "core.import_job.queued": "A file was uploaded on an import page and queued for the worker.",
    "core.import_job.finished": "The worker finished an uploaded file's import (or its check).",
    "core.import_job.failed": "An uploaded file's import failed; nothing was imported.",
    "core.import_job.file_deleted": (
        "The stored file of an import that was checked but never imported (or never finished) "
        "was deleted after the days it is kept."
    ),
}
