"""Composing a bulletin edition and moving it through its workflow."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from safeguarding.comms import audit_events
from safeguarding.comms.models import (
    Audience,
    BlockKind,
    Bulletin,
    BulletinBlock,
    BulletinLink,
)
from safeguarding.comms.services.sending import bulletin_fix_recipients, bulletin_send_task
from safeguarding.comms.services.settings import settings_for
from safeguarding.comms.workflow import BULLETINS
from safeguarding.core import bulletin_blocks
from safeguarding.core.audit import audit_record
from safeguarding.core.markdown import render_markdown
from safeguarding.core.services import model_update

HREF = re.compile(r'href="([^"]+)"')


def _clean_audiences(audiences) -> list[str]:
    audiences = list(audiences or ())
    if any(a not in Audience.values for a in audiences):
        raise ValidationError({"target_audiences": "Choose who the bulletin is for from the list"})
    return [a for a in Audience.values if a in set(audiences)]


def _targeting(bulletin: Bulletin) -> dict:
    """The targeting as the audit trail records it: empty lists mean everyone."""
    return {
        "target_audiences": list(bulletin.target_audiences),
        "target_themes": sorted(bulletin.target_themes.values_list("slug", flat=True)),
    }


@transaction.atomic
def bulletin_create(
    *,
    actor,
    partnership,
    title: str,
    introduction: str = "",
    themes=(),
    target_audiences=(),
    target_themes=(),
) -> Bulletin:
    title = title.strip()
    if not title:
        raise ValidationError(
            {"title": "Enter a title, such as “Safeguarding bulletin – March 2026”"}
        )
    bulletin = Bulletin.objects.create(
        partnership=partnership,
        title=title,
        introduction=introduction.strip(),
        target_audiences=_clean_audiences(target_audiences),
        created_by=actor,
    )
    bulletin.themes.set(themes)
    bulletin.target_themes.set(target_themes)
    after = {"themes": sorted(t.slug for t in themes)} if themes else {}
    if bulletin.target_audiences or target_themes:
        after.update(_targeting(bulletin))
    audit_record(
        actor=actor,
        event=audit_events.BULLETIN_CREATE,
        target=bulletin,
        after=after or None,
    )
    return bulletin


def _require_draft(bulletin: Bulletin) -> None:
    if not bulletin.is_editable:
        raise ValidationError(
            "Only a draft bulletin can be changed. Cancel its schedule first, or start a new "
            "edition."
        )


@transaction.atomic
def bulletin_update(*, actor, bulletin: Bulletin, data: dict) -> Bulletin:
    _require_draft(bulletin)
    data = dict(data)
    if "target_audiences" in data:
        data["target_audiences"] = _clean_audiences(data["target_audiences"])
    model_update(
        bulletin,
        fields=["title", "introduction", "themes", "target_audiences", "target_themes"],
        data=data,
        actor=actor,
        event=audit_events.BULLETIN_UPDATE,
        strip=True,
    )
    return bulletin


def _next_position(bulletin: Bulletin) -> int:
    return (bulletin.blocks.aggregate(top=Max("position"))["top"] or 0) + 1


def content_since(bulletin: Bulletin) -> datetime.date:
    """New content is what was published since the last edition went out (or a month)."""
    last = (
        Bulletin.objects.sent()
        .filter(partnership_id=bulletin.partnership_id)
        .exclude(pk=bulletin.pk)
        .aggregate(last=Max("sent_at"))["last"]
    )
    if last:
        return timezone.localdate(last)
    return timezone.localdate() - datetime.timedelta(days=31)


@transaction.atomic
def bulletin_block_add_text(*, actor, bulletin: Bulletin, heading: str, body: str) -> BulletinBlock:
    _require_draft(bulletin)
    heading, body = heading.strip(), body.strip()
    errors = {}
    if not heading:
        errors["heading"] = "Enter a heading for this block"
    if not body:
        errors["body"] = "Enter the text of this block"
    if errors:
        raise ValidationError(errors)
    block = BulletinBlock.objects.create(
        bulletin=bulletin,
        position=_next_position(bulletin),
        kind=BlockKind.TEXT,
        heading=heading,
        body=body,
    )
    audit_record(
        actor=actor,
        event=audit_events.BULLETIN_BLOCK_ADD,
        target=bulletin,
        after={"heading": heading},
    )
    return block


@transaction.atomic
def bulletin_block_add_source(*, actor, bulletin: Bulletin, source_key: str) -> BulletinBlock:
    """Copy what a capability offers now (see ``core.bulletin_blocks``) into the edition."""
    _require_draft(bulletin)
    source = bulletin_blocks.get(source_key)
    if source is None:
        raise ValidationError({"source": "Choose a kind of content from the list."})
    items = source.items(bulletin.partnership, content_since(bulletin))
    if not items:
        raise ValidationError(
            {
                "source": (
                    f"There is nothing new to add from “{source.title}” since the last bulletin."
                )
            }
        )
    block = BulletinBlock.objects.create(
        bulletin=bulletin,
        position=_next_position(bulletin),
        kind=BlockKind.SOURCE,
        source=source.key,
        heading=source.title,
        items=[{"title": i.title, "url": i.url, "summary": i.summary} for i in items],
    )
    audit_record(
        actor=actor,
        event=audit_events.BULLETIN_BLOCK_ADD,
        target=bulletin,
        after={"heading": source.title, "items": len(items)},
    )
    return block


@transaction.atomic
def bulletin_block_remove(*, actor, block: BulletinBlock) -> None:
    bulletin = block.bulletin
    _require_draft(bulletin)
    heading = block.heading
    block.delete()
    audit_record(
        actor=actor,
        event=audit_events.BULLETIN_BLOCK_REMOVE,
        target=bulletin,
        after={"heading": heading},
    )


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def edition_links(bulletin: Bulletin) -> list[str]:
    """Every link in the edition, in order, made absolute."""
    found: list[str] = []
    for block in bulletin.blocks.all():
        if block.kind == BlockKind.TEXT:
            found += HREF.findall(render_markdown(block.body))
        else:
            found += [item["url"] for item in block.items]
    found += HREF.findall(render_markdown(bulletin.introduction))
    links = [absolute(u.replace("&amp;", "&")) for u in found if u.startswith(("http", "/"))]
    return list(dict.fromkeys(links))


@transaction.atomic
def bulletin_schedule(*, actor, bulletin: Bulletin, when: datetime.datetime) -> Bulletin:
    if when <= timezone.now():
        raise ValidationError({"when": "The sending time must be in the future"})
    BULLETINS.apply(bulletin, "schedule")
    bulletin.scheduled_for = when
    bulletin.save(update_fields=["status", "scheduled_for", "updated_at"])
    audit_record(
        actor=actor,
        event=audit_events.BULLETIN_SCHEDULE,
        target=bulletin,
        after={"scheduled_for": when},
    )
    return bulletin


@transaction.atomic
def bulletin_unschedule(*, actor, bulletin: Bulletin) -> Bulletin:
    BULLETINS.apply(bulletin, "unschedule")
    bulletin.scheduled_for = None
    bulletin.save(update_fields=["status", "scheduled_for", "updated_at"])
    audit_record(actor=actor, event=audit_events.BULLETIN_UNSCHEDULE, target=bulletin)
    return bulletin


@transaction.atomic
def bulletin_send(*, actor=None, job: str | None = None, bulletin: Bulletin) -> Bulletin:
    """Freeze the edition (its links, whether opens are counted, who it goes to) and queue
    the sending on the worker. A bulletin is sent once: a second try is refused."""
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    BULLETINS.apply(bulletin, "send")
    bulletin.sending_started_at = timezone.now()
    bulletin.track_opens = settings_for(bulletin.partnership).track_opens
    bulletin.save(update_fields=["status", "sending_started_at", "track_opens", "updated_at"])
    recipients = bulletin_fix_recipients(bulletin=bulletin)
    BulletinLink.objects.bulk_create(
        [BulletinLink(bulletin=bulletin, url=url) for url in edition_links(bulletin)],
        ignore_conflicts=True,
    )
    audit_record(
        actor=actor,
        job=job,
        event=audit_events.BULLETIN_SEND,
        target=bulletin,
        after={"recipients": recipients, **_targeting(bulletin)},
    )
    bulletin_pk = bulletin.pk
    transaction.on_commit(lambda: bulletin_send_task.enqueue(bulletin_pk=bulletin_pk))
    return bulletin
