"""Reads for key-message import batches: only the business unit of the batch's partnership
sees a batch (it holds drafts nobody has checked yet)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role
from safeguarding.governance.models import ImportBatch, ImportItem


def _scoped(user) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(
        partnership_id__in=partnerships_where(user, [Role.BUSINESS_UNIT])
    )


def import_batch_list(*, user) -> QuerySet[ImportBatch]:
    return (
        _scoped(user)
        .select_related("partnership", "created_by")
        .annotate(
            item_count=Count("items", filter=Q(items__included=True)),
            dropped_count=Count("items", filter=Q(items__included=False)),
            published_count=Count("items", filter=~Q(items__outcome="")),
        )
        .order_by("-created_at", "-pk")
    )


def import_batch_get(*, user, pk: int) -> ImportBatch | None:
    return (
        _scoped(user)
        .select_related("partnership", "created_by")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=ImportItem.objects.select_related("match", "key_message").order_by(
                    "position", "pk"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )


def import_item_get(*, user, pk: int) -> ImportItem | None:
    return (
        ImportItem.objects.filter(
            batch__partnership_id__in=partnerships_where(user, [Role.BUSINESS_UNIT])
        )
        .select_related("batch__partnership", "match")
        .filter(pk=pk)
        .first()
    )
