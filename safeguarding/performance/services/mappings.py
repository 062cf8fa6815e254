"""Writes for the saved column mappings: which indicator a column of an import file feeds."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.audit import audit_record
from safeguarding.performance.models import ColumnMapping, Indicator


def _describe(mapping: ColumnMapping) -> dict:
    return {
        "format": mapping.source_format,
        "column": mapping.column,
        "filter_value": mapping.filter_value,
        "indicator": mapping.indicator.name,
        "indicator_key": mapping.indicator.key,
    }


@transaction.atomic
def column_mapping_update(*, actor, mapping: ColumnMapping, indicator: Indicator) -> ColumnMapping:
    """Point a saved column at another indicator of the same partnership."""
    if indicator.partnership_id != mapping.partnership_id:
        raise ValidationError({"indicator": "Choose an indicator of this partnership."})
    if indicator.is_derived:
        raise ValidationError(
            {
                "indicator": f"{indicator.name} is computed from other indicators, so no "
                "file can feed it: choose another indicator."
            }
        )
    before = _describe(mapping)
    mapping.indicator = indicator
    mapping.save(update_fields=["indicator"])
    audit_record(
        actor=actor,
        event="performance.column_mapping.updated",
        target=mapping.partnership,
        before=before,
        after=_describe(mapping),
    )
    return mapping


@transaction.atomic
def column_mapping_remove(*, actor, mapping: ColumnMapping) -> None:
    """Forget a saved column: the next import matches the column by its name again."""
    before = _describe(mapping)
    partnership = mapping.partnership
    mapping.delete()
    audit_record(
        actor=actor, event="performance.column_mapping.removed", target=partnership, before=before
    )
