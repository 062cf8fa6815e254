"""Writes for documents on case records: a new document with its first version, a new
version, and the record of each download. Every upload is checked by its content
(``core.uploads.uploaded_file_check``) and audited; so is every download."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguarding.core.audit import audit_record
from safeguarding.core.uploads import DOCUMENT_FILE_RULES, uploaded_file_check
from safeguarding.reviews.models import (
    CaseDocument,
    CaseDocumentVersion,
    DocumentKind,
    Notification,
    RapidReview,
    Review,
)


def _record_field(record) -> str:
    if isinstance(record, Review):
        return "review"
    if isinstance(record, RapidReview):
        return "rapid_review"
    if isinstance(record, Notification):
        return "notification"
    raise TypeError(f"Documents cannot be kept on {record!r}")


def _may_upload(actor, record, kind: str) -> None:
    if not actor.has_perm("reviews.upload_case_document", record):
        raise ValidationError("You cannot upload documents to this record.")
    if kind != DocumentKind.DRAFT and not actor.has_perm(
        "reviews.upload_any_case_document", record
    ):
        raise ValidationError(
            {
                "kind": "As the review's author you can upload drafts of the report. Ask the "
                "business unit to add other documents."
            }  # fmt: skip
        )


def _add_version(*, actor, document: CaseDocument, upload, note: str) -> CaseDocumentVersion:
    kind = uploaded_file_check(upload, rules=DOCUMENT_FILE_RULES)
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = CaseDocumentVersion(
        document=document,
        number=last + 1,
        original_name=(upload.name or "document").rsplit("/", 1)[-1][:255],
        content_type=kind.content_type,
        size=upload.size,
        note=(note or "").strip(),
        uploaded_by=actor,
    )
    upload.seek(0)
    version.file.save(version.original_name, upload, save=False)
    version.save()
    audit_record(
        actor=actor,
        event="reviews.case_document.uploaded",
        target=document,
        after={
            "record": f"{_record_field(document.record)} {document.record.pk}",
            "kind": document.kind,
            "title": document.title,
            "version": version.number,
            "file": version.original_name,
            "content_type": version.content_type,
            "size": version.size,
        },
    )
    return version


@transaction.atomic
def case_document_upload(
    *, actor, record, kind: str, title: str, upload, note: str = "", agency=None
) -> CaseDocument:
    """A new document on a review, rapid review or notification, with its first version."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "Choose what kind of document it is."})
    _may_upload(actor, record, kind)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the document, like “Draft 2”."})
    if agency is not None and kind != DocumentKind.CHRONOLOGY:
        agency = None
    document = CaseDocument.objects.create(
        **{_record_field(record): record},
        kind=kind,
        title=title[:200],
        agency=agency,
        created_by=actor,
    )
    _add_version(actor=actor, document=document, upload=upload, note=note)
    return document


@transaction.atomic
def case_document_add_version(
    *, actor, document: CaseDocument, upload, note: str = ""
) -> CaseDocumentVersion:
    document = CaseDocument.objects.select_for_update().get(pk=document.pk)
    _may_upload(actor, document.record, document.kind)
    return _add_version(actor=actor, document=document, upload=upload, note=note)


@transaction.atomic
def case_document_download_record(*, actor, version: CaseDocumentVersion) -> None:
    audit_record(
        actor=actor,
        event="reviews.case_document.downloaded",
        target=version.document,
        after={"version": version.number, "file": version.original_name},
    )
