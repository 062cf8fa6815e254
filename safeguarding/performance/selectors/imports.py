"""Reads for the saved column mappings of the figure import (business unit)."""

from __future__ import annotations

from django.db.models import QuerySet

from safeguarding.accounts.models import Partnership
from safeguarding.performance.models import ColumnMapping, Indicator


def column_mappings(*, user, partnership: Partnership) -> QuerySet[ColumnMapping]:
    return (
        ColumnMapping.objects.visible_to(user)
        .filter(partnership=partnership)
        .select_related("indicator")
        .order_by("source_format", "column", "filter_value", "pk")
    )


def column_mapping_get(*, user, pk: int) -> ColumnMapping | None:
    return (
        ColumnMapping.objects.visible_to(user)
        .select_related("indicator", "partnership")
        .filter(pk=pk)
        .first()
    )


def mapping_indicator_choices(*, partnership: Partnership) -> QuerySet[Indicator]:
    """Indicators a column may feed: the partnership's own, never a derived one."""
    return Indicator.objects.filter(partnership=partnership, formula="").order_by("name")
