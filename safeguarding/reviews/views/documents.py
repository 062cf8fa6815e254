"""Documents on a review, a rapid review or a notification: the list with an upload form,
one document's versions, and downloads. As confidential as the record: every page is
reached through the person's ``visible_to`` scope, and every download is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.reviews import case_documents as selectors
from safeguarding.reviews import selectors as review_selectors
from safeguarding.reviews.document_forms import DocumentForm, DocumentVersionForm
from safeguarding.reviews.services import documents as services
from safeguarding.reviews.views.common import confidential_loader, log_read
from safeguarding.reviews.views.notifications import load_notification, load_rapid_review
from safeguarding.reviews.views.reviews import load_review

RECORDS = {
    "review": (load_review, "reviews:review-detail", "review"),
    "rapid_review": (load_rapid_review, "reviews:rapid-review-detail", "rapid review"),
    "notification": (load_notification, "reviews:notification-detail", "notification"),
}

load_document = confidential_loader("case_document", selectors.case_document_get)


def _document_record(request, pk: int, *args, **kwargs):
    return load_document(request, pk).record


def _documents_page(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    loader, detail_url, label = RECORDS[what]
    record = loader(request, pk)
    user = request.user
    can_upload = user.has_perm("reviews.upload_case_document", record)
    drafts_only = can_upload and not user.has_perm("reviews.upload_any_case_document", record)
    form = None
    if can_upload:
        partnership_ids = (
            record.partnership_ids_for_rules()
            if hasattr(record, "partnership_ids_for_rules")
            else [record.partnership_id]
        )
        form = DocumentForm(
            request.POST or None,
            request.FILES or None,
            agencies=review_selectors.document_agencies(partnership_ids=partnership_ids),
            drafts_only=drafts_only,
        )
    if request.method == "POST":
        if form is None:
            raise Http404("You cannot upload documents here")
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.case_document_upload(
                    actor=user,
                    record=record,
                    kind=data["kind"],
                    title=data["title"],
                    upload=data["file"],
                    note=data["note"],
                    agency=data.get("agency"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"“{document.title}” has been uploaded.")
                return redirect(request.path)
    else:
        log_read(request, record, what)
    return render(
        request,
        "reviews/documents/list.html",
        {
            "record": record,
            "record_label": label,
            "record_url": reverse(detail_url, args=[record.pk]),
            "documents": selectors.case_documents_of(user=user, record=record),
            "form": form,
            "drafts_only": drafts_only,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_permission("reviews.view_case_documents", fn=load_review)
@require_http_methods(["GET", "POST"])
def review_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _documents_page(request, pk, "review")


@require_permission("reviews.view_case_documents", fn=load_rapid_review)
@require_http_methods(["GET", "POST"])
def rapid_review_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _documents_page(request, pk, "rapid_review")


@require_permission("reviews.view_case_documents", fn=load_notification)
@require_http_methods(["GET", "POST"])
def notification_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _documents_page(request, pk, "notification")


def _list_url(document) -> str:
    if document.review_id:
        return reverse("reviews:review-documents", args=[document.review_id])
    if document.rapid_review_id:
        return reverse("reviews:rapid-review-documents", args=[document.rapid_review_id])
    return reverse("reviews:notification-documents", args=[document.notification_id])


@require_permission("reviews.view_case_documents", fn=_document_record)
@require_http_methods(["GET", "POST"])
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = load_document(request, pk)
    can_upload = request.user.has_perm("reviews.upload_case_document", document.record) and (
        document.kind == "draft"
        or request.user.has_perm("reviews.upload_any_case_document", document.record)
    )
    form = DocumentVersionForm(request.POST or None, request.FILES or None) if can_upload else None
    if request.method == "POST":
        if form is None:
            raise Http404("You cannot upload a version of this document")
        if form.is_valid():
            try:
                version = services.case_document_add_version(
                    actor=request.user,
                    document=document,
                    upload=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Version {version.number} has been uploaded.")
                return redirect("reviews:document-detail", pk=document.pk)
    else:
        log_read(request, document, "case_document")
    return render(
        request,
        "reviews/documents/detail.html",
        {
            "document": document,
            "versions": list(document.versions.all()),
            "form": form,
            "list_url": _list_url(document),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_permission("reviews.view_case_documents", fn=_document_record)
@require_GET
def document_download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    document = load_document(request, pk)
    version = next((v for v in document.versions.all() if v.number == number), None)
    if version is None:
        raise Http404("No such version")
    services.case_document_download_record(actor=request.user, version=version)
    try:
        stored = version.file.open("rb")
    except OSError:
        raise Http404("The file is missing from the server") from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
