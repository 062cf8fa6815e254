"""Reads for bulletins: the public archive, the business unit's lists and the figures."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from safeguarding.comms.models import (
    STUCK_AFTER,
    Bulletin,
    BulletinBlock,
    BulletinDelivery,
    BulletinStatus,
    DeliveryStatus,
    Subscriber,
)
from safeguarding.core.permissions import partnerships_where
from safeguarding.core.roles import Role


def managed_partnership_ids(user, roles=(Role.BUSINESS_UNIT,)) -> set[int]:
    return partnerships_where(user, roles)


def bulletin_archive(*, partnership) -> QuerySet[Bulletin]:
    """Sent editions of the site's partnership, newest first: public."""
    if partnership is None:
        return Bulletin.objects.none()
    return (
        Bulletin.objects.sent()
        .filter(partnership=partnership)
        .only("pk", "title", "sent_at", "partnership_id")
        .order_by("-sent_at", "-pk")
    )


def bulletin_public_get(*, pk: int) -> Bulletin | None:
    return (
        Bulletin.objects.sent()
        .select_related("partnership")
        .prefetch_related("blocks")
        .filter(pk=pk)
        .first()
    )


def bulletin_list(*, user, with_stuck: bool = False) -> QuerySet[Bulletin]:
    """Every edition of the partnerships where the person is in the business unit or chair.
    ``with_stuck``: each carries ``stuck``, how many of its emails are stuck being sent (in
    the same query, whatever the number of editions)."""
    ids = managed_partnership_ids(user, (Role.BUSINESS_UNIT, Role.CHAIR))
    found = (
        Bulletin.objects.filter(partnership_id__in=ids)
        .select_related("partnership")
        .order_by("-sent_at", "-created_at")
    )
    if with_stuck:
        stuck = (
            BulletinDelivery.objects.filter(
                bulletin=OuterRef("pk"),
                status=DeliveryStatus.CLAIMED,
                updated_at__lt=timezone.now() - STUCK_AFTER,
            )
            .order_by()
            .values("bulletin")
            .annotate(n=Count("pk"))
            .values("n")
        )
        found = found.annotate(stuck=Coalesce(Subquery(stuck), 0))
    return found


def bulletin_get(*, user, pk: int) -> Bulletin | None:
    return bulletin_list(user=user).prefetch_related("blocks").filter(pk=pk).first()


def bulletin_block_get(*, user, bulletin: Bulletin, pk: int) -> BulletinBlock | None:
    return BulletinBlock.objects.filter(bulletin=bulletin, pk=pk).first()


def bulletin_recipients(*, bulletin: Bulletin) -> QuerySet[Subscriber]:
    """Who the edition would go to if it were sent now: the partnership's confirmed
    subscribers (an address that unsubscribed is never confirmed) whose preferences meet the
    edition's targeting.

    * Audiences: with audiences chosen, a subscriber who chose at least one of them, or who
      chose none (they asked for everything).
    * Themes: with themes chosen, a subscriber who chose at least one of them, or who chose
      none.
    """
    return Subscriber.objects.recipients_of(bulletin)


def bulletin_progress(*, bulletin: Bulletin) -> dict:
    """How far sending has gone: claimed, delivered, failed (for now, or bounced for good),
    skipped, stuck being sent (claimed by a worker that stopped, ``STUCK_AFTER``) and marked
    not sent, and how many it goes to.

    Before sending starts the total is who it would go to now; from then on it is the
    recipients fixed when it started."""
    cutoff = timezone.now() - STUCK_AFTER
    counts = bulletin.deliveries.aggregate(
        rows=Count("pk"),
        stuck=Count("pk", filter=Q(status=DeliveryStatus.CLAIMED, updated_at__lt=cutoff)),
        not_sent=Count("pk", filter=Q(status=DeliveryStatus.NOT_SENT)),
        claimed=Count("pk", filter=~Q(status=DeliveryStatus.QUEUED)),
        delivered=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        bounced=Count("pk", filter=Q(status=DeliveryStatus.BOUNCED)),
        skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED)),
    )
    if bulletin.status in (BulletinStatus.SENDING, BulletinStatus.SENT):
        total = counts["rows"]
    else:
        total = bulletin_recipients(bulletin=bulletin).count()
    percent = round(100 * counts["claimed"] / total) if total else 0
    return {**counts, "total": total, "percent": percent}


def bulletin_trend(*, partnership, limit: int = 24) -> list[Bulletin]:
    """The last editions sent, oldest first, for the open-rate trend."""
    newest = list(
        Bulletin.objects.sent()
        .filter(partnership=partnership)
        .order_by("-sent_at")
        .only("pk", "title", "sent_at", "delivered", "unique_opens", "recipients")[:limit]
    )
    return list(reversed(newest))


def next_bulletin(*, user) -> Bulletin | None:
    """The next edition to go: scheduled first, otherwise the newest draft."""
    ids = managed_partnership_ids(user)
    found = Bulletin.objects.filter(partnership_id__in=ids)
    return (
        found.filter(status__in=[BulletinStatus.SCHEDULED, BulletinStatus.SENDING])
        .order_by("scheduled_for", "pk")
        .first()
        or found.filter(status=BulletinStatus.DRAFT).order_by("-created_at").first()
    )


def api_bulletins(*, user) -> QuerySet[Bulletin]:
    """Sent editions with their figures, as the open-rates page shows them: the business
    unit and chair of the edition's partnership only."""
    ids = managed_partnership_ids(user, (Role.BUSINESS_UNIT, Role.CHAIR))
    return (
        Bulletin.objects.sent()
        .filter(partnership_id__in=ids)
        .select_related("partnership")
        .order_by("-sent_at", "-pk")
    )


def stats_partnership(*, user, preferred=None):
    """The partnership whose open rates the person reads: the site's own when they are its
    business unit or chair, otherwise the first where they are."""
    from safeguarding.accounts.models import Partnership

    ids = managed_partnership_ids(user, (Role.BUSINESS_UNIT, Role.CHAIR))
    if preferred is not None and preferred.pk in ids:
        return preferred
    return Partnership.objects.filter(pk__in=ids).order_by("name").first()
