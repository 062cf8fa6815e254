"""Reads for key messages: the public archive, the feed, the home page and staff lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear

from safeguarding.accounts.models import Partnership
from safeguarding.core.periods import financial_year_bounds, financial_year_of
from safeguarding.governance.models import KeyMessage, KeyMessageStatus
from safeguarding.planning.models import Theme


@dataclass(frozen=True)
class KeyMessageFilter:
    theme: str = ""  # a theme's slug
    query: str = ""
    year: int | None = None  # the year a financial year starts in
    status: str = ""


def _with_themes(messages: QuerySet[KeyMessage]) -> QuerySet[KeyMessage]:
    return messages.select_related("priority").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("name", "slug").order_by("name"))
    )


def _filtered(messages: QuerySet[KeyMessage], filters: KeyMessageFilter) -> QuerySet[KeyMessage]:
    if filters.theme:
        messages = messages.filter(themes__slug=filters.theme)
    if filters.query:
        for word in filters.query.split()[:10]:
            messages = messages.filter(Q(title__icontains=word) | Q(body__icontains=word))
    if filters.year:
        messages = messages.filter(meeting_date__range=financial_year_bounds(filters.year))
    if filters.status:
        messages = messages.filter(status=filters.status)
    return messages


def key_message_archive(
    *, partnership: Partnership | None, filters: KeyMessageFilter | None = None
) -> QuerySet[KeyMessage]:
    """Published messages of a partnership, newest meeting first, in meeting order."""
    if partnership is None:
        return KeyMessage.objects.none()
    messages = KeyMessage.objects.published().filter(partnership=partnership)
    messages = _filtered(messages, filters or KeyMessageFilter())
    return _with_themes(messages).order_by("-meeting_date", "meeting_title", "position", "pk")


def key_message_years(*, partnership: Partnership | None) -> list[int]:
    """The financial years (by starting year) that have published messages, newest first."""
    if partnership is None:
        return []
    rows = (
        KeyMessage.objects.published()
        .filter(partnership=partnership)
        .annotate(y=ExtractYear("meeting_date"), m=ExtractMonth("meeting_date"))
        .values_list("y", "m")
        .distinct()
    )
    return sorted({financial_year_of(datetime.date(y, m, 1)) for y, m in rows}, reverse=True)


def key_message_themes_in_use(*, partnership: Partnership | None) -> QuerySet[Theme]:
    """Themes that label at least one published message, with how many."""
    if partnership is None:
        return Theme.objects.none()
    return (
        Theme.objects.filter(
            key_messages__partnership=partnership,
            key_messages__status=KeyMessageStatus.PUBLISHED,
        )
        .annotate(message_count=Count("key_messages", distinct=True))
        .order_by("name")
    )


def key_message_public_get(*, pk: int) -> KeyMessage | None:
    """A published message of any partnership hosted here (each has its own archive)."""
    return (
        _with_themes(KeyMessage.objects.published().select_related("partnership"))
        .filter(pk=pk)
        .first()
    )


def archive_partnership(*, slug: str, default: Partnership | None) -> Partnership | None:
    """The partnership whose archive is shown: ?partnership=slug, else the site's own."""
    if slug:
        return Partnership.objects.filter(slug=slug).first()
    return default


def key_messages_same_meeting(*, message: KeyMessage) -> QuerySet[KeyMessage]:
    return (
        KeyMessage.objects.published()
        .filter(
            partnership_id=message.partnership_id,
            meeting_date=message.meeting_date,
            meeting_title=message.meeting_title,
        )
        .exclude(pk=message.pk)
        .order_by("position", "pk")
        .only("pk", "title")
    )


def latest_published_key_messages(partnership: Partnership | None, limit: int = 3) -> list:
    """The newest published messages for the partnership home page."""
    if not partnership:
        return []
    return list(
        _with_themes(KeyMessage.objects.published().filter(partnership=partnership)).order_by(
            "-meeting_date", "position", "pk"
        )[:limit]
    )


def key_message_feed_items(*, partnership: Partnership | None, limit: int = 50) -> list:
    if partnership is None:
        return []
    return list(
        _with_themes(KeyMessage.objects.published().filter(partnership=partnership)).order_by(
            "-published_at", "-meeting_date", "position"
        )[:limit]
    )


def key_message_staff_list(
    *, user, filters: KeyMessageFilter | None = None
) -> QuerySet[KeyMessage]:
    """Every message the user may see (drafts of their partnerships included)."""
    messages = KeyMessage.objects.visible_to(user).select_related("partnership", "approved_by")
    messages = _filtered(messages, filters or KeyMessageFilter())
    return _with_themes(messages).order_by("-meeting_date", "position", "pk")


def key_message_get(*, user, pk: int) -> KeyMessage | None:
    return (
        _with_themes(KeyMessage.objects.visible_to(user))
        .select_related("partnership", "approved_by", "meeting__body")
        .filter(pk=pk)
        .first()
    )


def key_message_api_list(*, partnership_slug: str = "") -> QuerySet[KeyMessage]:
    """Published messages for the public API, optionally of one partnership."""
    messages = KeyMessage.objects.published().select_related("partnership")
    if partnership_slug:
        messages = messages.filter(partnership__slug=partnership_slug)
    return _with_themes(messages).order_by("-meeting_date", "position", "pk")
