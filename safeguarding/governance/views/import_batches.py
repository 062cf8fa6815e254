"""The business unit's review of a key-messages import: the batch beside its source text,
fixing titles, merging, splitting and dropping items, then publishing."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safeguarding.core.access import require_permission
from safeguarding.core.forms import add_service_errors
from safeguarding.governance.forms.import_batches import ImportItemForm
from safeguarding.governance.selectors import import_batches as selectors
from safeguarding.governance.services import import_batches as services
from safeguarding.governance.services.import_batches import body_parts, plan_for

ROLE_LABELS = {
    "meeting": "Meeting",
    "title": "Title",
    "body": "Text",
    "left_out": "Left out",
    "outside": "Not read",
}


def _review_url(batch_id: int, item_id: int) -> str:
    return reverse("governance:import-batch-review", args=[batch_id]) + f"#item-{item_id}"


def _batch(request, pk: int, **_):
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    if batch is None:
        raise Http404("No such import batch")
    return batch


def _item(request, pk: int, **_):
    item = selectors.import_item_get(user=request.user, pk=pk)
    if item is None:
        raise Http404("No such imported message")
    return item


@require_permission("governance.add_key_message")
@require_GET
def import_batch_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/import_batches/list.html",
        {"batches": selectors.import_batch_list(user=request.user)},
    )


@require_permission("governance.change_key_message", fn=_batch)
@require_GET
def import_batch_review(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    items = list(batch.items.all())
    lines_by_item: dict[int, list[int]] = defaultdict(list)
    source = []
    for index, line in enumerate(batch.source_lines):
        position = line.get("item")
        source.append({**line, "label": ROLE_LABELS.get(line["role"], line["role"]), "n": index})
        if position is not None:
            lines_by_item[position].append(line["line"])
    meetings: list[dict] = []
    for item in items:
        plan = plan_for(item, item.match, batch.source_name) if not item.outcome else None
        entry = {
            "item": item,
            "plan": plan,
            "parts": len(body_parts(item.body)),
            "lines": lines_by_item.get(item.position, []),
        }
        key = (item.meeting_date, item.meeting_title, item.date_note)
        if not meetings or meetings[-1]["key"] != key:
            meetings.append({"key": key, "label": item.meeting_label, "note": item.date_note,
                             "entries": []})  # fmt: skip
        meetings[-1]["entries"].append(entry)
    left_out = [line for line in source if line["role"] == "left_out"]
    return render(
        request,
        "governance/import_batches/review.html",
        {
            "batch": batch,
            "meetings": meetings,
            "source": source,
            "left_out": left_out,
            "where": batch.source_where,
            "pending": sum(1 for i in items if i.included and not i.outcome),
        },
    )


@require_permission("governance.change_key_message", fn=_item)
@require_http_methods(["GET", "POST"])
def import_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = ImportItemForm(request.POST or None, initial={"title": item.title, "body": item.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.import_item_update(
                actor=request.user,
                item=item,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, f"“{form.cleaned_data['title']}” has been saved.")
            return redirect(_review_url(item.batch_id, item.pk))
    return render(request, "governance/import_batches/item_form.html", {"form": form, "item": item})


@require_permission("governance.change_key_message", fn=_item)
@require_POST
def import_item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = _item(request, pk)
    target = item
    try:
        if action == "drop":
            services.import_item_set_included(actor=request.user, item=item, included=False)
            done = f"“{item.title}” has been dropped: it will not be published."
        elif action == "restore":
            services.import_item_set_included(actor=request.user, item=item, included=True)
            done = f"“{item.title}” has been taken back."
        elif action == "merge":
            services.import_item_merge(actor=request.user, item=item)
            done = f"The next message has been merged into “{item.title}”."
        elif action == "split":
            try:
                at = int(request.POST.get("at", ""))
            except ValueError:
                raise ValidationError("Choose the paragraph the new message starts at.") from None
            target = services.import_item_split(actor=request.user, item=item, at=at - 1)
            done = f"“{item.title}” has been split: check the new message’s title."
        else:
            raise Http404("No such action")
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        flash.success(request, done)
    return redirect(_review_url(item.batch_id, target.pk))


@require_permission("governance.change_key_message", fn=_batch)
@require_POST
def import_batch_publish(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    chosen = None
    if request.POST.get("scope") == "selected":
        chosen = [i for i in request.POST.getlist("items") if i.isdigit()]
    try:
        result = services.import_batch_publish(actor=request.user, batch=batch, item_ids=chosen)
    except ValidationError as error:
        flash.error(request, " ".join(error.messages))
    else:
        flash.success(
            request,
            f"Published: {result.created} new message{'s' if result.created != 1 else ''}, "
            f"{result.updated} replaced by a fuller text, {result.skipped} already published.",
        )
    return redirect("governance:import-batch-review", pk=batch.pk)
