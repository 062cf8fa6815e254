"""Reads for documents on case records, always through ``visible_to``."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from safeguarding.reviews.models import CaseDocument, CaseDocumentVersion


def _with_versions(documents: QuerySet[CaseDocument]) -> QuerySet[CaseDocument]:
    return documents.select_related("agency", "created_by").prefetch_related(
        Prefetch(
            "versions",
            queryset=CaseDocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
        )
    )


def case_documents_of(*, user, record) -> list[CaseDocument]:
    """The documents on a review, rapid review or notification that the person may see."""
    field = {"Review": "review", "RapidReview": "rapid_review", "Notification": "notification"}[
        record.__class__.__name__
    ]
    return list(_with_versions(CaseDocument.objects.visible_to(user).filter(**{field: record})))


def case_document_get(*, user, pk: int) -> CaseDocument | None:
    return (
        _with_versions(CaseDocument.objects.visible_to(user))
        .select_related("review", "rapid_review", "notification")
        .filter(pk=pk)
        .first()
    )
