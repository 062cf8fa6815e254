"""Reads for imports from the upload page and the saved column mappings (business unit)."""

from __future__ import annotations

from django.db.models import QuerySet

from safeguarding.accounts.models import Partnership
from safeguarding.performance.models import ColumnMapping, ImportRun, Indicator

RECENT_IMPORTS = 10


def import_runs_recent(
    *, user, partnership: Partnership, limit: int = RECENT_IMPORTS
) -> list[ImportRun]:
    """The partnership's latest imports, newest first, with who uploaded them."""
    return list(
        ImportRun.objects.visible_to(user)
        .filter(partnership=partnership)
        .select_related("uploaded_by")
        .defer("errors")[:limit]
    )


def import_run_get(*, user, pk: int) -> ImportRun | None:
    return (
        ImportRun.objects.visible_to(user)
        .select_related("partnership", "uploaded_by")
        .filter(pk=pk)
        .first()
    )


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
