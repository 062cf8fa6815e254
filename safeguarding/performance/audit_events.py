"""The audit events this app writes: code (app.entity.verb) and what happened.

Read by core.audit_catalogue (the page /audit-log/events/ lists them); audit_record
refuses an undeclared code in development and tests (settings.AUDIT_STRICT_CODES)."""

EVENTS = {
    "performance.budget_line.removed": "Someone removed a budget line.",
    "performance.budget_line.set": "Someone set a budget line.",
    "performance.budget_line.updated": "Someone changed a budget line.",
    "performance.column_mapping.removed": "Someone removed a column mapping.",
    "performance.column_mapping.updated": "Someone changed a column mapping.",
    "performance.contribution.recorded": "Someone recorded a contribution.",
    "performance.contribution.removed": "Someone removed a contribution.",
    "performance.contribution.updated": "Someone changed a contribution.",
    "performance.data_return.accepted": "Data return: accepted.",
    "performance.data_return.chased": "Someone chased a data return.",
    "performance.data_return.queried": "Data return: queried.",
    "performance.data_return.reminded": "Data return: reminded.",
    "performance.data_return.requested": "Someone requested a data return.",
    "performance.data_return.saved": "Someone saved a data return.",
    "performance.data_return.submitted": "Someone submitted a data return.",
    "performance.expenditure.added": "Someone added an expenditure.",
    "performance.expenditure.removed": "Someone removed an expenditure.",
    "performance.expenditure.updated": "Someone changed an expenditure.",
    "performance.finance_year.created": "Someone created a finance year.",
    "performance.indicator.created": "Someone created an indicator.",
    "performance.indicator.updated": "Someone changed an indicator.",
    "performance.indicator_import.failed": (
        "Someone recorded a failed import of an indicator import."
    ),
    "performance.indicator_import.file_deleted": "Indicator import: file deleted.",
    "performance.indicator_import.finished": "Someone finished importing an indicator import.",
    "performance.indicator_import.queued": "Someone uploaded an indicator import.",
    "performance.indicator_narrative.removed": "Someone removed an indicator narrative.",
    "performance.indicator_narrative.saved": "Someone saved an indicator narrative.",
    "performance.indicator_value.recorded": "Someone recorded an indicator value.",
    "performance.indicator_values.imported": "Someone imported an indicator values.",
}
