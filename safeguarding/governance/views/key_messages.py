"""Key messages: the public archive, each message's page, the Atom feed, and the business
unit's pages to draft, approve and publish them."""

from __future__ import annotations

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import object_loader, public, require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.core.import_jobs import import_job_create
from safeguarding.governance import workflow
from safeguarding.governance.feeds import KeyMessageFeed
from safeguarding.governance.forms.key_messages import (
    KeyMessageForm,
    KeyMessageImportForm,
    KeyMessageSearchForm,
)
from safeguarding.governance.selectors import key_messages as selectors
from safeguarding.governance.selectors.common import (
    managed_partnerships,
    recent_meetings_of,
    themes_active,
)
from safeguarding.governance.services import key_messages as services
from safeguarding.governance.services.key_message_uploads import (
    KEY_MESSAGES_IMPORT,
    key_messages_upload_check,
)
from safeguarding.planning.suggestions import SUGGEST_BUTTON, form_theme_suggestions

ARCHIVE_PAGE_SIZE = 20
STAFF_PAGE_SIZE = 50


def _partnership(request):
    return request.partnership or None


# Public ----------------------------------------------------------------------------------


@public
@require_GET
def key_message_archive(request: HttpRequest) -> HttpResponse:
    partnership = selectors.archive_partnership(
        slug=request.GET.get("partnership", ""), default=_partnership(request)
    )
    if partnership is None and request.GET.get("partnership"):
        raise Http404("No such partnership")
    form = KeyMessageSearchForm(
        request.GET or None,
        themes=selectors.key_message_themes_in_use(partnership=partnership),
        years=selectors.key_message_years(partnership=partnership),
    )
    filters = form.to_filter()
    found = selectors.key_message_archive(partnership=partnership, filters=filters)
    page = Paginator(found, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/key_messages/archive.html",
        {
            "form": form,
            "page": page,
            "filtered": any(vars(filters).values()),
            "archive_partnership": partnership,
            "own_partnership": partnership == _partnership(request),
        },
    )


@public
@require_GET
def key_message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = selectors.key_message_public_get(pk=pk)
    if message is None:
        raise Http404("No such key message")
    return render(
        request,
        "governance/key_messages/detail.html",
        {"message": message, "others": selectors.key_messages_same_meeting(message=message)},
    )


@public
@require_GET
def key_message_feed(request: HttpRequest) -> HttpResponse:
    return KeyMessageFeed()(request)


# Staff -----------------------------------------------------------------------------------


_visible_message = object_loader(selectors.key_message_get, "key_message")


@require_permission("governance.view_key_message_drafts")
@require_GET
def key_message_list(request: HttpRequest) -> HttpResponse:
    form = KeyMessageSearchForm(
        request.GET or None, themes=themes_active(), years=[], statuses=True
    )
    found = selectors.key_message_staff_list(user=request.user, filters=form.to_filter())
    page = Paginator(found, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/key_messages/staff_list.html",
        {
            "form": form,
            "page": page,
            "can_add": request.user.has_perm("governance.add_key_message"),
        },
    )


def _form(request, *, initial=None) -> KeyMessageForm:
    partnerships = managed_partnerships(user=request.user)
    return KeyMessageForm(
        request.POST or None,
        partnerships=partnerships,
        meetings=recent_meetings_of(partnerships=partnerships),
        initial=initial,
    )


@require_permission("governance.add_key_message")
@require_http_methods(["GET", "POST"])
def key_message_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("meeting", "").isdigit():
        initial["meeting"] = int(request.GET["meeting"])
    form = _form(request, initial=initial)
    if request.method == "POST" and SUGGEST_BUTTON not in request.POST and form.is_valid():
        partnership = form.cleaned_data["partnership"]
        if not request.user.has_perm("governance.add_key_message", partnership):
            form.add_error("partnership", "You are not in the business unit of that partnership")
        else:
            try:
                message = services.key_message_create(
                    actor=request.user, partnership=partnership, **form.service_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, f"“{message.title}” has been saved as a draft.")
                return redirect("governance:key-message-manage", pk=message.pk)
    return render(
        request,
        "governance/key_messages/form.html",
        {"form": form, "message": None, "theme_suggestions": form_theme_suggestions(form, "body")},
    )


@require_permission("governance.add_key_message")
@require_http_methods(["GET", "POST"])
def key_message_import(request: HttpRequest) -> HttpResponse:
    """Upload a key-messages document (Word, text, Markdown, HTML; newsletters and board
    updates too): the worker reads it into an import batch of drafts, reviewed on the batch's
    page before anything is published; the page follows the job (``core:import-job``).
    “Only check” shows what the batch would hold."""
    form = KeyMessageImportForm(
        request.POST or None,
        request.FILES or None,
        partnerships=managed_partnerships(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            key_messages_upload_check(upload)
            job = import_job_create(
                actor=request.user,
                partnership=form.cleaned_data["partnership"],
                kind=KEY_MESSAGES_IMPORT,
                upload=upload,
                options={"dry_run": form.cleaned_data["dry_run"]},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("core:import-job", pk=job.pk)
    return render(request, "governance/key_messages/import.html", {"form": form})


@require_permission("governance.view_key_message_drafts", fn=_visible_message)
@require_GET
def key_message_manage(request: HttpRequest, pk: int) -> HttpResponse:
    message = _visible_message(request, pk)
    transitions = [o.transition for o in workflow.KEY_MESSAGES.options(message, request.user)]
    return render(
        request,
        "governance/key_messages/manage.html",
        {
            "message": message,
            "transitions": transitions,
            "can_change": request.user.has_perm("governance.change_key_message", message)
            and not message.is_published,
        },
    )


@require_permission("governance.change_key_message", fn=_visible_message)
@require_http_methods(["GET", "POST"])
def key_message_edit(request: HttpRequest, pk: int) -> HttpResponse:
    message = _visible_message(request, pk)
    if message.is_published:
        flash.error(request, "This key message is published. Withdraw it before changing it.")
        return redirect("governance:key-message-manage", pk=message.pk)
    form = _form(
        request,
        initial={
            "partnership": message.partnership_id,
            "meeting": message.meeting_id,
            "meeting_date": message.meeting_date,
            "meeting_title": message.meeting_title,
            "title": message.title,
            "body": message.body,
            "themes": list(message.themes.all()),
            "priority": message.priority_id,
        },
    )
    if request.method == "POST" and SUGGEST_BUTTON not in request.POST and form.is_valid():
        try:
            services.key_message_update(
                actor=request.user, key_message=message, **form.service_fields(editing=message)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{form.cleaned_data['title']}” has been updated.")
            return redirect("governance:key-message-manage", pk=message.pk)
    return render(
        request,
        "governance/key_messages/form.html",
        {
            "form": form,
            "message": message,
            "theme_suggestions": form_theme_suggestions(form, "body"),
        },
    )


@require_permission("governance.view_key_message_drafts", fn=_visible_message)
@require_POST
def key_message_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    message = _visible_message(request, pk)
    try:
        message = services.key_message_transition(
            actor=request.user, key_message=message, name=name
        )
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        done = {
            "approve": "approved",
            "return": "returned to draft",
            "publish": "published",
            "withdraw": "withdrawn from the public archive",
        }[name]
        flash.success(request, f"“{message.title}” has been {done}.")
    return redirect("governance:key-message-manage", pk=message.pk)
