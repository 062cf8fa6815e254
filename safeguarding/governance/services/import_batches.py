"""Writes for key-message import batches: a document read into draft items, reviewed by a
person (titles fixed, items merged, split or dropped) and then published.

Nothing reaches the public archive until :func:`import_batch_publish` runs, from the review
page or from ``safeguarding import-key-messages --publish`` for trusted archives.

**Same meeting, several sources.** Each item is compared with the partnership's key messages
of the same meeting date (the same month when either side only gives the month) and a
compatible meeting name: the same normalised title, or mostly the same words (at least
60 % of the shorter text's words are in the other), is a match. Publishing a matched item
replaces the published message only when the item's text is strictly fuller (more words), or
when it comes from a newer version of the very document the message was published from (same
file name, same title); otherwise the message is left as it is. So importing two versions
of a meeting in any order, any number of times, ends with the fuller text and never flips
back and forth.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safeguarding.accounts.models import Partnership
from safeguarding.core.audit import audit_record, snapshot
from safeguarding.core.markdown import render_markdown
from safeguarding.governance.importing import Reading
from safeguarding.governance.importing.headings import _derived_title
from safeguarding.governance.models import (
    ImportBatch,
    ImportBatchStatus,
    ImportItem,
    ImportItemOutcome,
    KeyMessage,
    KeyMessageStatus,
)
from safeguarding.governance.services.key_messages import (
    KEY_MESSAGE_FIELDS,
    TITLE_MAX,
    _suggest_themes,
    title_key,
)
from safeguarding.planning.models import Theme

# Audit codes (declared in safeguarding/governance/audit_events.py).
BATCH_CREATE = "governance.import_batch.create"
BATCH_PUBLISH = "governance.import_batch.publish"
ITEM_UPDATE = "governance.import_item.update"
ITEM_DROP = "governance.import_item.drop"
ITEM_RESTORE = "governance.import_item.restore"
ITEM_MERGE = "governance.import_item.merge"
ITEM_SPLIT = "governance.import_item.split"
MESSAGE_IMPORT = "governance.key_message.import"
MESSAGE_REIMPORT = "governance.key_message.reimport"

ITEM_FIELDS = ["title", "title_derived", "body", "included", "position"]
PROGRESS_EVERY = 10  # messages drafted between two reports of the progress
SAME_TEXT_SHARE = 0.6


def file_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# Matching ------------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{3,}", (text or "").casefold())}


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def _same_body(one: str, other: str) -> bool:
    a, b = title_key(one), title_key(other)
    return not a or not b or a == b or a in b or b in a


def _same_meeting_day(message: KeyMessage, item: ImportItem) -> bool:
    if message.meeting_date == item.meeting_date:
        return True
    month_only = "month" in (message.meeting_date_precision, item.meeting_date_precision)
    return month_only and (message.meeting_date.year, message.meeting_date.month) == (
        item.meeting_date.year,
        item.meeting_date.month,
    )


def find_match(partnership_id: int, item: ImportItem) -> tuple[KeyMessage | None, str]:
    """The partnership's key message describing the same item, and why it matches."""
    same_month = list(
        KeyMessage.objects.filter(
            partnership_id=partnership_id,
            meeting_date__year=item.meeting_date.year,
            meeting_date__month=item.meeting_date.month,
        ).order_by("pk")
    )
    key = title_key(item.title)
    for message in same_month:
        if message.title_key == key and message.meeting_date == item.meeting_date:
            return message, "the same title at the same meeting"
    candidates = [
        m
        for m in same_month
        if _same_meeting_day(m, item) and _same_body(m.meeting_title, item.meeting_title)
    ]
    words = _words(f"{item.title} {item.body}")
    best, best_share = None, 0.0
    for message in candidates:
        theirs = _words(f"{message.title} {message.body}")
        if not words or not theirs:
            continue
        share = len(words & theirs) / min(len(words), len(theirs))
        if share > best_share:
            best, best_share = message, share
    if best is not None and best_share >= SAME_TEXT_SHARE:
        return best, f"mostly the same text ({round(best_share * 100)}% of the words)"
    return None, ""


@dataclass
class Plan:
    action: str  # "create", "update" or "skip"
    reason: str = ""


def plan_for(item: ImportItem, match: KeyMessage | None, source_name: str = "") -> Plan:
    """What publishing the item does."""
    if not item.included:
        return Plan("skip", "dropped in the review")
    if match is None:
        return Plan("create")
    if match.status != KeyMessageStatus.PUBLISHED:
        return Plan(
            "skip",
            f"“{match.title}” ({match.meeting_label}) is being drafted on the platform, so "
            "the import leaves it alone",
        )
    if match.body == item.body and match.title == item.title:
        return Plan("skip", "already published with the same text")
    if source_name and match.source == source_name and match.title_key == title_key(item.title):
        return Plan("update", "a newer version of the document it was published from")
    if word_count(item.body) > word_count(match.body):
        return Plan("update", f"fuller than the published “{match.title}”, which it replaces")
    return Plan("skip", f"already published as “{match.title}” with the same or fuller text")


def _refresh_match(item: ImportItem) -> None:
    match, note = find_match(item.batch.partnership_id, item)
    item.match = match
    item.match_note = note


# Creating a batch -----------------------------------------------------------------------------


@dataclass
class BatchResult:
    batch: ImportBatch | None
    already: ImportBatch | None = None
    published: bool = False
    created: int = 0
    updated: int = 0
    skipped: int = 0
    items: list[dict] = field(default_factory=list)  # line, title, outcome, reason

    def as_dict(self) -> dict:
        return {
            "batch": self.batch.pk if self.batch else (self.already.pk if self.already else None),
            "published": self.published,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "items": self.items,
        }


@transaction.atomic
def import_batch_create(
    *,
    partnership: Partnership,
    reading: Reading,
    source_name: str,
    source_hash: str,
    actor=None,
    job: str | None = None,
    publish: bool = False,
    on_rows: Callable[[int, int], None] | None = None,
    every: int | None = None,
) -> BatchResult:
    """Draft the document's messages in a new batch for review (and, with ``publish``,
    publish them at once). The same file imported again for the same partnership changes
    nothing: its earlier batch is returned as ``already``. ``on_rows(done, total)`` is told
    how many of the document's messages have been drafted (each compared with the messages
    already on the platform): none at the start, then every ``every`` messages
    (``PROGRESS_EVERY`` unless given) and at the end."""
    total = len(reading.messages)
    every = every or PROGRESS_EVERY
    if on_rows is not None:
        on_rows(0, total)
    earlier = ImportBatch.objects.filter(partnership=partnership, source_hash=source_hash).first()
    if earlier is not None:
        result = BatchResult(batch=None, already=earlier, skipped=len(reading.messages))
        result.items = [
            {
                "line": m.line,
                "title": m.title,
                "outcome": "skipped",
                "reason": f"this file was already imported (batch {earlier.pk})",
            }
            for m in reading.messages
        ]
        _add_left_out(result, reading)
        if on_rows is not None:
            on_rows(total, total)
        return result
    batch = ImportBatch.objects.create(
        partnership=partnership,
        source_name=source_name[:255],
        source_hash=source_hash,
        source_where=reading.where,
        source_lines=reading.lines,
        notes=reading.notes,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    items = []
    for position, found in enumerate(reading.messages):
        item = ImportItem(
            batch=batch,
            position=position,
            line=found.line,
            meeting_date=found.meeting_date,
            meeting_date_precision=found.meeting_date_precision,
            meeting_title=found.meeting_title[:200],
            date_note=found.date_note[:200],
            title=found.title[:TITLE_MAX],
            title_derived=found.title_derived,
            body=found.body,
        )
        _refresh_match(item)
        item.save()
        items.append(item)
        if on_rows is not None and (len(items) % every == 0 or len(items) == total):
            on_rows(len(items), total)
    audit_record(
        actor=actor,
        job=job,
        event=BATCH_CREATE,
        target=batch,
        partnerships=[partnership.pk],
        after={"source": batch.source_name, "items": len(items)},
    )
    if publish:
        result = import_batch_publish(actor=actor, job=job, batch=batch)
    else:
        result = BatchResult(batch=batch)
        for item in items:
            plan = plan_for(item, item.match, batch.source_name)
            _count(result, item, plan)
    _add_left_out(result, reading)
    return result


def _count(result: BatchResult, item: ImportItem, plan: Plan) -> None:
    outcome = {"create": "created", "update": "updated", "skip": "skipped"}[plan.action]
    setattr(result, outcome, getattr(result, outcome) + 1)
    result.items.append(
        {"line": item.line, "title": item.title, "outcome": outcome, "reason": plan.reason}
    )


def _add_left_out(result: BatchResult, reading: Reading) -> None:
    for line in reading.lines:
        if line["role"] == "left_out":
            result.items.append(
                {
                    "line": line["line"],
                    "title": line["text"][:80],
                    "outcome": "left_out",
                    "reason": line["note"],
                }
            )


# Publishing -----------------------------------------------------------------------------------


@transaction.atomic
def import_batch_publish(
    *,
    batch: ImportBatch,
    actor=None,
    job: str | None = None,
    item_ids: Iterable[int] | None = None,
) -> BatchResult:
    """Publish the batch's included items (or the chosen ones): a new key message for each
    item with no match, the fuller text for a matched one, nothing for the rest."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatchStatus.REVIEW:
        raise ValidationError("This batch has already been published.")
    chosen = batch.items.filter(outcome="", included=True)
    if item_ids is not None:
        wanted = {int(i) for i in item_ids}
        if not wanted:
            raise ValidationError("Select the messages to publish.")
        chosen = chosen.filter(pk__in=wanted)
    chosen = list(chosen.order_by("position", "pk"))
    if not chosen:
        raise ValidationError("There is nothing left to publish in this batch.")
    result = BatchResult(batch=batch, published=True)
    themes = list(Theme.objects.active())
    now = timezone.now()
    for item in chosen:
        match, note = find_match(batch.partnership_id, item)
        if match is not None:
            match = KeyMessage.objects.select_for_update().get(pk=match.pk)
        plan = plan_for(item, match, batch.source_name)
        item.match, item.match_note = match, note
        if plan.action == "create":
            message = KeyMessage.objects.create(
                partnership_id=batch.partnership_id,
                meeting_date=item.meeting_date,
                meeting_date_precision=item.meeting_date_precision,
                meeting_title=item.meeting_title,
                title=item.title,
                title_key=title_key(item.title),
                body=item.body,
                body_html=render_markdown(item.body),
                position=item.position,
                status=KeyMessageStatus.PUBLISHED,
                published_at=now,
                source=batch.source_name,
            )
            message.themes.set(_suggest_themes(f"{item.title} {item.body}", themes))
            audit_record(
                actor=actor,
                job=job,
                event=MESSAGE_IMPORT,
                target=message,
                after={**snapshot(message, KEY_MESSAGE_FIELDS), "source": batch.source_name},
            )
            item.key_message = message
            item.outcome = ImportItemOutcome.CREATED
        elif plan.action == "update":
            before = snapshot(match, KEY_MESSAGE_FIELDS)
            match.body = item.body
            match.body_html = render_markdown(item.body)
            clash = (
                KeyMessage.objects.filter(
                    partnership_id=batch.partnership_id,
                    meeting_date=match.meeting_date,
                    title_key=title_key(item.title),
                )
                .exclude(pk=match.pk)
                .exists()
            )
            if not item.title_derived and not clash:
                match.title = item.title
                match.title_key = title_key(item.title)
            match.source = batch.source_name
            match.save()
            audit_record(
                actor=actor,
                job=job,
                event=MESSAGE_REIMPORT,
                target=match,
                before=before,
                after={**snapshot(match, KEY_MESSAGE_FIELDS), "source": batch.source_name},
            )
            item.key_message = match
            item.outcome = ImportItemOutcome.UPDATED
        else:
            item.key_message = match
            item.outcome = ImportItemOutcome.UNCHANGED
        item.save()
        _count(result, item, plan)
    if not batch.items.filter(outcome="", included=True).exists():
        batch.status = ImportBatchStatus.PUBLISHED
        batch.published_at = now
        batch.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        job=job,
        event=BATCH_PUBLISH,
        target=batch,
        partnerships=[batch.partnership_id],
        after={
            "created": result.created,
            "updated": result.updated,
            "skipped": result.skipped,
            "status": batch.status,
        },
    )
    return result


# Reviewing ------------------------------------------------------------------------------------


def _open_item(item: ImportItem) -> ImportItem:
    item = ImportItem.objects.select_for_update().select_related("batch").get(pk=item.pk)
    if item.batch.status != ImportBatchStatus.REVIEW or item.outcome:
        raise ValidationError("This message has been published; change it from its own page.")
    return item


def _audit_item(actor, event: str, item: ImportItem, before: dict | None) -> None:
    audit_record(
        actor=actor,
        event=event,
        target=item.batch,
        partnerships=[item.batch.partnership_id],
        before=before,
        after={"item": item.pk, **snapshot(item, ITEM_FIELDS)},
    )


@transaction.atomic
def import_item_update(*, actor, item: ImportItem, title: str, body: str) -> ImportItem:
    """Fix an item's title (and text)."""
    item = _open_item(item)
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title for the message."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"The title must be {TITLE_MAX} characters or fewer."
    if not body:
        errors["body"] = "Enter the text of the message."
    if errors:
        raise ValidationError(errors)
    before = snapshot(item, ITEM_FIELDS)
    if title != item.title:
        item.title_derived = False
    item.title, item.body = title, body
    _refresh_match(item)
    item.save()
    _audit_item(actor, ITEM_UPDATE, item, before)
    return item


@transaction.atomic
def import_item_set_included(*, actor, item: ImportItem, included: bool) -> ImportItem:
    """Drop an item (it is not a message) or take it back."""
    item = _open_item(item)
    before = snapshot(item, ITEM_FIELDS)
    item.included = included
    item.save(update_fields=["included", "updated_at"])
    _audit_item(actor, ITEM_RESTORE if included else ITEM_DROP, item, before)
    return item


@transaction.atomic
def import_item_merge(*, actor, item: ImportItem) -> ImportItem:
    """Join the next item of the same meeting onto this one (its title becomes a bold line
    unless it was made up from the first words)."""
    item = _open_item(item)
    following = (
        item.batch.items.select_for_update()
        .filter(
            position__gt=item.position,
            meeting_date=item.meeting_date,
            meeting_title=item.meeting_title,
            outcome="",
        )
        .order_by("position", "pk")
        .first()
    )
    if following is None:
        raise ValidationError("There is no next message of the same meeting to merge with.")
    before = snapshot(item, ITEM_FIELDS)
    lead = "" if following.title_derived else f"**{following.title}**\n\n"
    item.body = f"{item.body}\n\n{lead}{following.body}".strip()
    following.delete()
    _refresh_match(item)
    item.save()
    _audit_item(actor, ITEM_MERGE, item, before)
    return item


def body_parts(body: str) -> list[str]:
    """The paragraphs of a body; a list on its own is split into its items."""
    parts: list[str] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if len(lines) > 1 and all(re.match(r"^\s*(-|\*|\d+\.)\s", line) for line in lines):
            parts.extend(lines)
        elif chunk.strip():
            parts.append(chunk.strip())
    return parts


def _unmark(text: str) -> str:
    return re.sub(r"^\s*(-|\*|\d+\.)\s+", "", text)


@transaction.atomic
def import_item_split(*, actor, item: ImportItem, at: int) -> ImportItem:
    """Split an item before its paragraph (or list item) number ``at`` (1 is the second
    part): the rest becomes a new item just after it, titled from its first words."""
    item = _open_item(item)
    parts = body_parts(item.body)
    if not 1 <= at < len(parts):
        raise ValidationError(
            {"at": "Choose where to split: the message has only one paragraph."}
            if len(parts) < 2
            else {"at": f"Choose a paragraph between 2 and {len(parts)} to start the new message."}
        )
    before = snapshot(item, ITEM_FIELDS)
    first, rest = parts[:at], [_unmark(p) if len(parts[at:]) == 1 else p for p in parts[at:]]
    item.body = "\n\n".join(first)
    item.batch.items.filter(position__gt=item.position).update(position=F("position") + 1)
    title_source = re.sub(r"[*_`#\[\]]", "", _unmark(rest[0]))
    new = ImportItem(
        batch=item.batch,
        position=item.position + 1,
        line=item.line,
        meeting_date=item.meeting_date,
        meeting_date_precision=item.meeting_date_precision,
        meeting_title=item.meeting_title,
        date_note=item.date_note,
        title=_derived_title(title_source)[:TITLE_MAX],
        title_derived=True,
        body="\n\n".join(rest),
    )
    _refresh_match(item)
    item.save()
    _refresh_match(new)
    new.save()
    _audit_item(actor, ITEM_SPLIT, item, before)
    return new
